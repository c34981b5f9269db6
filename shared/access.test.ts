import { describe, expect, it } from 'vitest'
import { formatJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from './access'

describe('join codes', () => {
  it.each([
    ['ABC234', 'ABC234'],
    ['abc 234', 'ABC234'],
    ['  Abc-234 ', 'ABC234'],
    ['ABC.234', 'ABC234'],
    ['ABC23', null],
    ['ABC2345', null],
    ['ABC0O1', null],
    ['ABCIL2', null],
    ['ÆØÅ234', null],
    ['', null],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeJoinCode(input)).toBe(expected)
  })

  it('has no characters that look alike', () => {
    for (const char of '01OIL') expect(JOIN_CODE_ALPHABET).not.toContain(char)
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length)
  })

  it('formats in two groups of three', () => {
    expect(formatJoinCode('ABC234')).toBe('ABC 234')
  })
})
