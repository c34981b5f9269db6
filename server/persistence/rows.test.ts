import { describe, expect, it } from 'vitest'
import { accessValues, toAccessRow, toHistoryEntry, toWorkshopRow, type AccessDbRow } from './rows'

const accessRow = (legacyOpen: boolean | number): AccessDbRow => ({
  workshop_id: 'w',
  code: 'ABC234',
  facilitator_key: 'f',
  participant_key: 'p',
  observer_key: 'o',
  secret: 's',
  legacy_open: legacyOpen,
})

describe('row mappers shared by SQLite and PostgreSQL', () => {
  it.each([
    ['SQLite 1', 1, true],
    ['SQLite 0', 0, false],
    ['PostgreSQL true', true, true],
    ['PostgreSQL false', false, false],
  ])('reads legacy_open from %s', (_driver, stored, expected) => {
    expect(toAccessRow(accessRow(stored)).legacyOpen).toBe(expected)
  })

  it('writes legacy_open as 0/1 for SQLite and as a boolean for PostgreSQL, the rest unchanged', () => {
    const row = toAccessRow(accessRow(true))
    expect(accessValues(row, 'integer')).toEqual(['w', 'ABC234', 'f', 'p', 'o', 's', 1])
    expect(accessValues(row, 'boolean')).toEqual(['w', 'ABC234', 'f', 'p', 'o', 's', true])
  })

  it('reads bigint columns pg hands over as strings as numbers', () => {
    expect(toWorkshopRow({ id: 'w', title: 'T', language: 'nb', created_at: '1700000000000' }).createdAt).toBe(1_700_000_000_000)
    expect(toWorkshopRow({ id: 'w', title: 'T', language: 'nb', created_at: 5 }).createdAt).toBe(5)
  })

  it('reads counts from SQLite JSON text and from parsed PostgreSQL jsonb alike', () => {
    const base = { workshop_id: 'w', id: 'h', created_at: '7', kind: 'auto', label: '' }
    expect(toHistoryEntry({ ...base, counts: '{"notes":2}' })).toEqual({ id: 'h', workshopId: 'w', createdAt: 7, kind: 'auto', label: '', counts: { notes: 2 } })
    expect(toHistoryEntry({ ...base, counts: { notes: 2 } }).counts).toEqual({ notes: 2 })
  })
})
