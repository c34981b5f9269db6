/**
 * Download names: `<title slug>-<YYYY-MM-DD>-<what>.<ext>`, e.g. `studietur-bodo-2026-11-22-protokoll.md`.
 * ASCII only, so the name survives e-mail, zip files and old file systems; æøå are spelt out the
 * Norwegian way (æ → ae, ø → o, å → a).
 */
export function slugify(title: string, fallback = 'workshop'): string {
  const slug = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug || fallback
}

/** The local calendar date, as people name files. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function exportFileName(title: string, date: Date, what: string, extension: string): string {
  return `${slugify(title)}-${localIsoDate(date)}-${slugify(what, 'export')}.${extension}`
}
