import { describe, expect, it } from 'vitest'
import { clampToCalendarDay, daysInMonth, isCalendarDay } from './calendarDay'

describe('calendar days', () => {
  it.each([
    ['2026-01-31', true],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2100-02-29', false],
    ['2026-02-30', false],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-05-00', false],
    ['2026-5-01', false],
    ['2026-05-01T00:00', false],
    ['', false],
  ])('%s is a day of the calendar: %s', (day, expected) => {
    expect(isCalendarDay(day)).toBe(expected)
  })

  it('knows every month’s length, leap years by the Gregorian rule', () => {
    expect(Array.from({ length: 12 }, (_, index) => daysInMonth(2026, index + 1))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    expect([1900, 2000, 2024, 2100].map((year) => daysInMonth(year, 2))).toEqual([28, 29, 29, 28])
  })

  it.each([
    ['2026-02-30', '2026-02-28'],
    ['2026-02-31', '2026-02-28'],
    ['2028-02-30', '2028-02-29'],
    ['2026-04-31', '2026-04-30'],
    ['2026-02-28', '2026-02-28'],
    ['2026-13-01', '2026-13-01'],
    ['', ''],
  ])('clamps %s to %s', (day, expected) => {
    expect(clampToCalendarDay(day)).toBe(expected)
    if (expected !== '' && expected !== '2026-13-01') expect(isCalendarDay(clampToCalendarDay(day))).toBe(true)
  })
})
