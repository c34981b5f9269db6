/**
 * Days of the calendar as `YYYY-MM-DD` (a due date: a date, not a time, so no time zones). One check
 * for every place that takes a day from someone: the card validator and the action register's
 * write-back (server/http/actionChangeApi.ts), so neither accepts 30 February while the other refuses it.
 */

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days in `month` (1–12) of `year`, by the Gregorian calendar (also before 1582, as ISO 8601 does). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Whether `day` is `YYYY-MM-DD` and a day that exists: `2028-02-29` is, `2026-02-30` and `2026-13-01` are not. */
export function isCalendarDay(day: string): boolean {
  const match = DAY_PATTERN.exec(day)
  if (!match) return false
  const month = Number(match[2])
  const date = Number(match[3])
  return month >= 1 && month <= 12 && date >= 1 && date <= daysInMonth(Number(match[1]), month)
}

/**
 * A `YYYY-MM-DD` whose day is past its month's end (`2026-02-30`, `2026-04-31`) moved to the month's
 * last day; anything else unchanged. Used by the card migration: the writer meant the end of that
 * month, so the action keeps a due date near what was asked instead of losing it.
 */
export function clampToCalendarDay(day: string): string {
  const match = DAY_PATTERN.exec(day)
  if (!match) return day
  const month = Number(match[2])
  if (month < 1 || month > 12) return day
  const last = daysInMonth(Number(match[1]), month)
  return Number(match[3]) > last ? `${match[1]}-${match[2]}-${String(last).padStart(2, '0')}` : day
}
