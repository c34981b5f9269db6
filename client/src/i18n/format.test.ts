import { describe, expect, it } from 'vitest'
import { formatCalendarDate, formatDateTime, formatNumber, formatPercent, intlLocale } from './format'

// Intl separates with no-break and narrow no-break spaces; compare with plain spaces.
const plain = (s: string) => s.replace(/\s/g, ' ')

describe('intlLocale', () => {
  it.each([
    ['nb', 'nb-NO'],
    ['nn', 'nn-NO'],
    ['da', 'da-DK'],
    ['sv', 'sv-SE'],
    ['en', 'en-GB'],
    ['en-US', 'en-GB'],
    ['no', 'nb-NO'],
    ['de', 'nb-NO'],
  ])('%s -> %s', (language, expected) => {
    expect(intlLocale(language)).toBe(expected)
  })
})

describe('formatCalendarDate', () => {
  it.each([
    ['2027-03-03', 'nb', '3. mars 2027'],
    ['2027-03-03', 'nn', '3. mars 2027'],
    ['2027-03-03', 'da', '3. mar. 2027'],
    ['2027-03-03', 'sv', '3 mars 2027'],
    ['2027-03-03', 'en', '3 Mar 2027'],
    // A calendar day never moves with the time zone: the last day of the year stays in that year.
    ['2026-12-31', 'en', '31 Dec 2026'],
    // Not a date: shown as stored rather than as "Invalid Date".
    ['2027-02-30', 'nb', '2027-02-30'],
    ['soon', 'nb', 'soon'],
    ['', 'nb', ''],
  ])('%s in %s -> %s', (date, language, expected) => {
    expect(plain(formatCalendarDate(date, language))).toBe(expected)
  })
})

describe('formatDateTime', () => {
  const moment = Date.UTC(2026, 10, 22, 9, 30)
  it.each([
    ['nb', '22. nov. 2026, 09:30'],
    ['da', '22. nov. 2026 09.30'],
    ['sv', '22 nov. 2026 09:30'],
    ['en', '22 Nov 2026, 09:30'],
  ])('%s -> %s', (language, expected) => {
    const text = plain(formatDateTime(moment, language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }))
    // ICU versions differ on the comma between date and time in Danish; the parts must be there.
    expect(text.replace(',', '')).toBe(expected.replace(',', ''))
  })
})

describe('formatNumber and formatPercent', () => {
  it.each([
    ['nb', '1 234,5', '150 %'],
    ['nn', '1 234,5', '150 %'],
    ['da', '1.234,5', '150 %'],
    ['sv', '1 234,5', '150 %'],
    ['en', '1,234.5', '150%'],
  ])('%s: %s and %s', (language, number, percent) => {
    expect(plain(formatNumber(1234.5, language))).toBe(number)
    expect(plain(formatPercent(150, language))).toBe(percent)
  })
})
