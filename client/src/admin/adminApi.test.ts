import { describe, expect, it } from 'vitest'
import type { AdminWorkshopRow } from '../../../shared/staff'
import { formatBytes, visibleRows } from './adminApi'

const row = (id: string, title: string, owner: string | null, createdAt: number, photos = 0): AdminWorkshopRow => ({
  id,
  title,
  owner: owner ? { id: owner, name: owner, email: `${owner.toLowerCase()}@kommune.no` } : null,
  createdAt,
  lastActivityAt: null,
  participants: createdAt,
  size: { document: 10, history: 0, photos },
  deletesAt: null,
})

describe('visibleRows', () => {
  const rows = [row('a', 'Øvre by', 'Kari', 3), row('b', 'Allmøte 10', 'Ola', 1, 500), row('c', 'Allmøte 9', null, 2)]
  it.each([
    ['title ascending, numbers in order', { key: 'title', descending: false }, ['c', 'b', 'a']],
    ['created, newest first', { key: 'createdAt', descending: true }, ['a', 'c', 'b']],
    ['owner, no owner first', { key: 'owner', descending: false }, ['c', 'a', 'b']],
    ['size, largest first', { key: 'size', descending: true }, ['b', 'a', 'c']],
  ] as const)('%s', (_what, sort, ids) => {
    expect(visibleRows(rows, '', sort, 'nb-NO').map((r) => r.id)).toEqual(ids)
  })
  it('searches title, owner name, e-mail and id, in any case', () => {
    expect(visibleRows(rows, 'allmøte', { key: 'title', descending: false }, 'nb-NO').map((r) => r.id)).toEqual(['c', 'b'])
    expect(visibleRows(rows, 'KARI@', { key: 'title', descending: false }, 'nb-NO').map((r) => r.id)).toEqual(['a'])
    expect(visibleRows(rows, 'zzz', { key: 'title', descending: false }, 'nb-NO')).toEqual([])
  })
})

describe('formatBytes', () => {
  it.each([
    [0, 'en-GB', '0 byte'],
    [999, 'en-GB', '999 byte'],
    [1500, 'en-GB', '1.5 kB'],
    [3_400_000, 'nb-NO', '3,4 MB'],
    [25_000_000, 'en-GB', '25 MB'],
  ])('%d in %s → %s', (bytes, locale, expected) => {
    expect(formatBytes(bytes, locale).replace(/\u00a0/g, ' ')).toBe(expected)
  })
})
