import type { AdminWorkshopRow, StaffMember } from '../../../shared/staff'
import { callJson, type ApiResult } from '../staff/staffApi'

export async function fetchAdminWorkshops(): Promise<ApiResult<AdminWorkshopRow[]>> {
  const result = await callJson<{ workshops: AdminWorkshopRow[] }>('/api/admin/workshops')
  return result.ok ? { ok: true, value: result.value.workshops } : result
}

export function deleteAdminWorkshop(id: string): Promise<ApiResult<{ deleted: string }>> {
  return callJson(`/api/admin/workshops/${encodeURIComponent(id)}/delete`, { method: 'POST' })
}

export function transferAdminWorkshop(id: string, staffId: string): Promise<ApiResult<{ owner: StaffMember }>> {
  return callJson(`/api/admin/workshops/${encodeURIComponent(id)}/transfer`, { method: 'POST', body: JSON.stringify({ staffId }) })
}

export type SortKey = 'title' | 'owner' | 'createdAt' | 'lastActivityAt' | 'participants' | 'size'

export function totalSize(row: AdminWorkshopRow): number {
  return row.size.document + row.size.history + row.size.photos
}

/** The rows whose title, owner (name or e-mail) or id contain the search, sorted. Pure, for the table. */
export function visibleRows(rows: readonly AdminWorkshopRow[], search: string, sort: { key: SortKey; descending: boolean }, locale: string): AdminWorkshopRow[] {
  const needle = search.trim().toLocaleLowerCase(locale)
  const matching = needle
    ? rows.filter((row) => [row.title, row.owner?.name ?? '', row.owner?.email ?? '', row.id].some((text) => text.toLocaleLowerCase(locale).includes(needle)))
    : [...rows]
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })
  const value = (row: AdminWorkshopRow): string | number => {
    switch (sort.key) {
      case 'title':
        return row.title
      case 'owner':
        return row.owner?.name ?? ''
      case 'createdAt':
        return row.createdAt
      case 'lastActivityAt':
        return row.lastActivityAt ?? row.createdAt
      case 'participants':
        return row.participants
      case 'size':
        return totalSize(row)
    }
  }
  matching.sort((a, b) => {
    const [x, y] = [value(a), value(b)]
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))
    return (sort.descending ? -order : order) || a.id.localeCompare(b.id)
  })
  return matching
}

/** Bytes as people read them: "812 kB", "3,4 MB" (decimal units, as disks are sold). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value)
}
