import { createHash, webcrypto } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from './sha256Hex'

const inputs: [string, Uint8Array][] = [
  ['empty', new Uint8Array()],
  ['"abc"', new TextEncoder().encode('abc')],
  ['one block boundary (64 bytes)', new Uint8Array(64).fill(0x61)],
  ['PNG signature', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['1 MB of varied bytes', Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 31 + (i >> 8)) & 0xff)],
]

describe('sha256Hex', () => {
  it.each(inputs)('plain http (no crypto.subtle) matches Node for %s', async (_name, bytes) => {
    expect(await sha256Hex(bytes, undefined)).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it.each(inputs)('secure context (crypto.subtle) matches Node for %s', async (_name, bytes) => {
    expect(await sha256Hex(bytes, webcrypto.subtle as SubtleCrypto)).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('is the well-known digest of the empty input', async () => {
    expect(await sha256Hex(new Uint8Array(), undefined)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
})
