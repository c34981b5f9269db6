import type { ActionRow } from '../../../shared/followup/actionRegister'
import { registerCalendar, registerCsv } from '../../../shared/followup/registerExports'
import { downloadBlob } from '../export/download'
import { exportLabelsFor } from '../export/exportLabels'
import { loadLanguage, matchLanguage } from '../i18n/i18n'

/**
 * The language of the register's files: the workshops' when every row is from workshops held in
 * one language (as the minutes are), else the reader's own.
 */
export function registerLanguage(rows: readonly ActionRow[], readerLanguage: string): string {
  const languages = new Set(rows.map((row) => matchLanguage(row.language) ?? 'nb'))
  const [only] = languages
  return languages.size === 1 && only ? only : (matchLanguage(readerLanguage) ?? 'nb')
}

export async function downloadRegister(kind: 'csv' | 'ical', rows: readonly ActionRow[], options: { readerLanguage: string; fileName: string; calendarName: string; today: string }): Promise<void> {
  const language = matchLanguage(registerLanguage(rows, options.readerLanguage)) ?? 'nb'
  await loadLanguage(language)
  const labels = exportLabelsFor(language)
  if (kind === 'csv') {
    downloadBlob(registerCsv(rows, labels), 'text/csv;charset=utf-8', `${options.fileName}-${options.today}.csv`)
  } else {
    const calendar = registerCalendar(rows, labels, { name: options.calendarName, baseUrl: location.origin, now: new Date() })
    downloadBlob(calendar, 'text/calendar;charset=utf-8', `${options.fileName}-${options.today}.ics`)
  }
}
