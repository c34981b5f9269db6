/**
 * CSV for spreadsheets. Decisions (documented in shared/export/README.md):
 * - UTF-8 with a byte order mark, so Excel opens æøå correctly instead of guessing a code page.
 * - ';' as separator: Norwegian (and most European) Excel uses ',' as the decimal sign and expects
 *   ';' between fields when a .csv is double-clicked. LibreOffice and Numbers ask or detect it.
 * - RFC 4180 quoting: a field with the separator, a quote, CR or LF is wrapped in quotes and its
 *   quotes doubled; lines end with CRLF.
 * - Formula injection: a cell starting with = + - @ TAB or CR would be run as a formula by Excel
 *   (`=HYPERLINK(...)` phoning home); such cells get a leading apostrophe and stay plain text.
 */
export const CSV_SEPARATOR = ';'
export const CSV_BOM = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : value
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  if (/[";\r\n,]/.test(text)) return `"${text.replace(/"/g, '""')}"`
  return text
}

/** A whole file: BOM, header row, data rows, CRLF after every row. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR))
  return CSV_BOM + lines.map((line) => line + '\r\n').join('')
}
