import { describe, expect, it } from 'vitest'
import { fitNoteFontSize, maxNoteFontSize, wrappedLineCount } from './noteTextFit'

describe('wrappedLineCount', () => {
  it.each([
    ['', 10, 1],
    ['one', 10, 1],
    ['one two', 10, 1],
    ['one two three', 10, 2],
    ['a\nb\nc', 10, 3],
    ['abcdefghijklmnopqrst', 10, 2],
    ['abcdefghijklmnopqrstu', 10, 3],
    ['hi abcdefghijklmnopqrstu', 10, 4],
    ['word', 0, 4],
  ] as const)('%j at %d chars per line -> %d lines', (text, perLine, lines) => {
    expect(wrappedLineCount(text, perLine)).toBe(lines)
  })
})

describe('fitNoteFontSize', () => {
  it.each([
    ['short text keeps the largest size', 'Hei', 160, 160, 25],
    ['an empty note keeps the largest size', '', 160, 160, 25],
    ['long text shrinks', 'Dette er en lang lapp med mange ord som må få plass i en liten lapp på tavla', 160, 160, 18],
    ['very long text stops at the minimum', 'ord '.repeat(400), 160, 160, 10],
    ['tiny notes never go below their own maximum', 'x', 40, 40, 12],
    ['large notes get large text', 'Stor', 800, 800, 64],
  ] as const)('%s', (_name, text, w, h, expected) => {
    expect(fitNoteFontSize(text, w, h)).toBe(expected)
  })

  it('never grows when text is added', () => {
    let previous = Infinity
    for (let n = 0; n < 300; n += 7) {
      const size = fitNoteFontSize('ord '.repeat(n), 200, 160)
      expect(size).toBeLessThanOrEqual(previous)
      previous = size
    }
  })

  it('starts from a size that follows the note', () => {
    expect(maxNoteFontSize(160, 160)).toBe(25)
    expect(maxNoteFontSize(2000, 100)).toBe(15)
  })
})
