import i18next from 'i18next'
import { matchLanguage, type SupportedLanguage } from './i18n'

/**
 * The Intl locale for each UI language. nb/nn name Norway explicitly so dates get Norwegian month
 * names and separators; en is British, as the English text is (d/m/y dates, "colour").
 */
export const intlLocales: Record<SupportedLanguage, string> = {
  nb: 'nb-NO',
  nn: 'nn-NO',
  da: 'da-DK',
  sv: 'sv-SE',
  en: 'en-GB',
}

/** The Intl locale for a language tag (i18next's current language by default); unknown → nb-NO. */
export function intlLocale(language: string | null | undefined = i18next.resolvedLanguage ?? i18next.language): string {
  return intlLocales[matchLanguage(language) ?? 'nb']
}

/** A moment in time (ms since epoch or Date), e.g. "22. nov. 2026, 09:30" in nb. */
export function formatDateTime(value: number | Date, language?: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(intlLocale(language), options).format(value)
}

/**
 * A calendar day stored as `YYYY-MM-DD` (a due date), e.g. "3. mars 2027". It names a day, not a
 * moment, so it is formatted in UTC and never shifts with the viewer's time zone. A string that is
 * not such a date is returned unchanged, so bad data still shows.
 */
export function formatCalendarDate(isoDate: string, language?: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!match) return isoDate
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const time = Date.UTC(y, m - 1, d)
  const back = new Date(time)
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return isoDate
  return new Intl.DateTimeFormat(intlLocale(language), { ...options, timeZone: 'UTC' }).format(time)
}

/** A number with the language's digit grouping and decimal sign, e.g. "1 234,5" in nb. */
export function formatNumber(value: number, language?: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(language), options).format(value)
}

/** A percentage given as a whole number (150 → "150 %" in nb, "150%" in en). */
export function formatPercent(percent: number, language?: string): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100)
}
