import { describe, expect, it } from 'vitest'
import { isSealed, ServerKeys } from './ServerKeys'

const keys = new ServerKeys('a'.repeat(32))
const other = new ServerKeys('b'.repeat(32))

describe('ServerKeys', () => {
  it('refuses a secret shorter than 32 characters', () => {
    expect(() => new ServerKeys('short')).toThrow(/at least 32/)
  })

  it('opens what it sealed, for the same context only', () => {
    const sealed = keys.seal('facilitator-key', 'w1:facilitator')
    expect(isSealed(sealed)).toBe(true)
    expect(sealed).not.toContain('facilitator-key')
    expect(keys.open(sealed, 'w1:facilitator')).toBe('facilitator-key')
    // Moved to another workshop or field, it does not open.
    expect(keys.open(sealed, 'w2:facilitator')).toBeNull()
    expect(keys.open(sealed, 'w1:observer')).toBeNull()
  })

  it('answers a value opened before from memory without letting it open anywhere else, and opens a re-sealed (rotated) key anew', () => {
    const fresh = new ServerKeys('c'.repeat(32))
    const sealed = fresh.seal('old-participant-key', 'w1:participant')
    expect(fresh.open(sealed, 'w1:participant')).toBe('old-participant-key')
    expect(fresh.open(sealed, 'w1:participant')).toBe('old-participant-key')
    // Remembered for its own context only: copied into another workshop's row it still does not open.
    expect(fresh.open(sealed, 'w2:participant')).toBeNull()
    expect(fresh.open(sealed, 'w1:facilitator')).toBeNull()
    // A refusal is remembered as a refusal, not turned into the last value opened.
    expect(fresh.open(other.seal('k', 'w1:participant'), 'w1:participant')).toBeNull()
    const rotated = fresh.seal('new-participant-key', 'w1:participant')
    expect(fresh.open(rotated, 'w1:participant')).toBe('new-participant-key')
  })

  it('opens every value correctly beyond the number it remembers', () => {
    const fresh = new ServerKeys('d'.repeat(32), { openedValuesKept: 50 })
    const values = Array.from({ length: 60 }, (_, i) => fresh.seal(`key-${i}`, `w${i}:participant`))
    values.forEach((sealed, i) => expect(fresh.open(sealed, `w${i}:participant`)).toBe(`key-${i}`))
    // The first ones were forgotten to make room: opened again, they are still right.
    for (let i = 0; i < 20; i++) expect(fresh.open(values[i]!, `w${i}:participant`)).toBe(`key-${i}`)
    expect(fresh.open(values[0]!, 'w1:participant')).toBeNull()
  })

  it('seals the same value differently each time', () => {
    expect(keys.seal('k', 'c')).not.toBe(keys.seal('k', 'c'))
  })

  it.each([
    ['another secret', other.seal('k', 'c')],
    ['a key stored in the clear', 'k'.repeat(32)],
    ['an empty value', ''],
    ['a truncated value', keys.seal('k', 'c').slice(0, 20)],
    ['a flipped byte', flipLast(keys.seal('key', 'c'))],
    ['garbage after the prefix', 's1.!!!.???'],
  ])('opens nothing from %s', (_name, value) => {
    expect(keys.open(value, 'c')).toBeNull()
  })

  it('signs participant tokens per workshop, and differently with another secret', () => {
    const signature = keys.participantSignature('w1', 'kari0000')
    expect(signature).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(keys.participantSignature('w1', 'kari0000')).toBe(signature)
    expect(keys.participantSignature('w2', 'kari0000')).not.toBe(signature)
    expect(keys.participantSignature('w1', 'ola00000')).not.toBe(signature)
    expect(other.participantSignature('w1', 'kari0000')).not.toBe(signature)
  })

  it('has a check value that differs per secret and does not contain it', () => {
    expect(keys.check).not.toBe(other.check)
    expect(keys.check).not.toContain('aaaa')
  })
})

function flipLast(sealed: string): string {
  const last = sealed.at(-2) === 'A' ? 'B' : 'A'
  return sealed.slice(0, -2) + last + sealed.slice(-1)
}
