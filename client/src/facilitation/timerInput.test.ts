import { describe, expect, it } from 'vitest'
import { parseMinutes } from './timerInput'

describe('parseMinutes', () => {
  it.each([
    ['7', 7 * 60_000],
    [' 12 ', 12 * 60_000],
    ['2,5', 150_000],
    ['2.5', 150_000],
    ['0,25', 15_000],
    ['1:30', 90_000],
    ['0:45', 45_000],
    ['10 min', 600_000],
    ['3min', 180_000],
    ['5 minutter', 300_000],
    ['240', 240 * 60_000],
  ])('%j is %i ms', (input, ms) => {
    expect(parseMinutes(input)).toBe(ms)
  })

  it.each([
    ['', 'empty'],
    ['abc', 'not a number'],
    ['0', 'no time at all'],
    ['0:00', 'no time at all'],
    ['241', 'over the four hours the server allows'],
    ['-5', 'negative'],
    ['1:75', 'seconds over 59'],
    ['1,2,3', 'two decimal signs'],
    ['1e3', 'exponent notation'],
    ['0,01', 'less than a second'],
  ])('%j is refused (%s)', (input) => {
    expect(parseMinutes(input)).toBeNull()
  })
})
