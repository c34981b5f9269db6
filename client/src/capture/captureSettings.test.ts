import { describe, expect, it } from 'vitest'
import { formatPosition, noteTextWithPlace } from './captureSettings'

describe('formatPosition', () => {
  it.each<[number, number, string | null]>([
    [59.913868, 10.752245, '59.9139° N, 10.7522° Ø'],
    [-33.8688, 151.2093, '33.8688° S, 151.2093° Ø'],
    [40.7128, -74.006, '40.7128° N, 74.0060° V'],
    [0, 0, '0.0000° N, 0.0000° Ø'],
    [91, 0, null],
    [0, 181, null],
    [Number.NaN, 10, null],
  ])('%s, %s', (lat, lon, expected) => {
    expect(formatPosition(lat, lon)).toBe(expected)
  })
})

describe('noteTextWithPlace', () => {
  const line = (place: string) => `Sted: ${place}`
  it.each<[string, string, string, number, string]>([
    ['no place: just the text', 'Hei', '', 100, 'Hei'],
    ['blank place is no place', '  Hei  ', '   ', 100, 'Hei'],
    ['place on its own last line', 'Flott bibliotek', 'Aarhus', 100, 'Flott bibliotek\nSted: Aarhus'],
    ['place only', '', 'Aarhus', 100, 'Sted: Aarhus'],
    ['the text gives way so the place fits', 'abcdefghij', 'X', 12, 'abcd\nSted: X'],
    ['markup stays plain text', '<b>x</b>', '=HYPERLINK("a")', 100, '<b>x</b>\nSted: =HYPERLINK("a")'],
  ])('%s', (_name, text, place, max, expected) => {
    expect(noteTextWithPlace(text, place, line, max)).toBe(expected)
  })
})
