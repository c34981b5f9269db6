import ical from 'ical-generator'
import { toCsv } from '../export/csv'
import type { ExportLabels } from '../export/exportLabels'
import type { ActionRow } from './actionRegister'

/**
 * The action register as files: a CSV list (the same conventions as the workshop's own CSV
 * exports, shared/export/csv.ts) and an iCalendar file of due dates for a calendar program. Pure:
 * the words come translated in `labels`, the time and the server's address are passed in.
 */
export function registerCsv(rows: readonly ActionRow[], labels: ExportLabels): string {
  return toCsv(
    [labels.workshop, labels.boards, labels.action, labels.owner, labels.dueDate, labels.status, labels.votes, labels.lane('solution'), labels.lane('challenge')],
    rows.map((row) => [
      row.workshopTitle,
      row.boardTitle,
      row.text,
      row.owner,
      row.dueDate,
      labels.statusName(row.status),
      row.dots,
      row.solution?.text ?? '',
      row.challenge?.text ?? '',
    ]),
  )
}

export interface RegisterCalendarOptions {
  /** The calendar's name as a calendar program shows it. */
  name: string
  /** Where people reach the server: each event links to its card's board. */
  baseUrl: string
  /** When the file is made (DTSTAMP). */
  now: Date
}

/**
 * One all-day event on each due date of an action not done yet (done ones and undated ones are not
 * in a calendar of what is coming). The event's UID is stable per workshop and card, so importing a
 * newer file again moves an event instead of adding a second one.
 */
export function registerCalendar(rows: readonly ActionRow[], labels: ExportLabels, options: RegisterCalendarOptions): string {
  const calendar = ical({ name: options.name, prodId: { company: 'Samskap', product: 'actions', language: labels.language.toUpperCase() } })
  const base = options.baseUrl.replace(/\/+$/, '')
  for (const row of rows) {
    if (row.dueDate === '' || row.status === 'done') continue
    const line = (label: string, value: string) => (value ? [`${label}: ${value}`] : [])
    calendar.createEvent({
      id: `${row.workshopId}-${row.cardId}@samskap`,
      // A due date is a day, not a moment: all-day, written as the date itself whatever the zone.
      start: new Date(`${row.dueDate}T00:00:00Z`),
      allDay: true,
      stamp: options.now,
      summary: row.owner ? `${row.text} (${row.owner})` : row.text,
      description: [
        ...line(labels.workshop, row.workshopTitle),
        ...line(labels.boards, row.boardTitle),
        ...line(labels.owner, row.owner),
        ...line(labels.status, labels.statusName(row.status)),
        ...line(labels.lane('solution'), row.solution?.text ?? ''),
        ...line(labels.lane('challenge'), row.challenge?.text ?? ''),
      ].join('\n'),
      url: `${base}/w/${encodeURIComponent(row.workshopId)}?board=${encodeURIComponent(row.boardId)}&item=${encodeURIComponent(row.cardId)}`,
    })
  }
  return calendar.toString()
}
