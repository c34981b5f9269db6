import { expect } from 'vitest'
import type { HistoryPersistence } from '../../server/persistence/Persistence'

/**
 * What every history storage does, SQLite (history.test.ts) and PostgreSQL
 * (tests/scaleout/historyPostgres.test.ts) alike: stores, lists newest first, reads back state and
 * counts, deletes, overwrites a state in place (a resident's erasure), and refuses a duplicate id.
 */
export async function historyStorageBehaves(persistence: HistoryPersistence): Promise<void> {
  const state = new Uint8Array([1, 2, 3])
  await persistence.addHistory({ id: 'a', workshopId: 'w1', createdAt: 10, kind: 'auto', label: '', counts: { items: 1 } }, state)
  await persistence.addHistory({ id: 'b', workshopId: 'w1', createdAt: 20, kind: 'checkpoint', label: 'før', counts: { items: 2 } }, state)
  await persistence.addHistory({ id: 'c', workshopId: 'w2', createdAt: 30, kind: 'auto', label: '', counts: {} }, state)
  expect((await persistence.listHistory('w1')).map((e) => e.id)).toEqual(['b', 'a'])
  expect(await persistence.getHistory('w1', 'b')).toEqual({
    entry: { id: 'b', workshopId: 'w1', createdAt: 20, kind: 'checkpoint', label: 'før', counts: { items: 2 } },
    state,
  })
  expect(await persistence.getHistory('w2', 'b')).toBeUndefined()
  await persistence.deleteHistory('w1', ['a', 'nope'])
  expect((await persistence.listHistory('w1')).map((e) => e.id)).toEqual(['b'])
  expect((await persistence.listHistory('w2')).map((e) => e.id)).toEqual(['c'])

  // Overwritten in place: the same entry, its new state and counts; another workshop's id is not touched.
  expect(await persistence.replaceHistoryState('w1', 'b', new Uint8Array([9]), { items: 1 })).toBe(true)
  expect(await persistence.getHistory('w1', 'b')).toEqual({
    entry: { id: 'b', workshopId: 'w1', createdAt: 20, kind: 'checkpoint', label: 'før', counts: { items: 1 } },
    state: new Uint8Array([9]),
  })
  expect(await persistence.replaceHistoryState('w2', 'b', new Uint8Array([7]), {})).toBe(false)
  expect(await persistence.replaceHistoryState('w1', 'a', new Uint8Array([7]), {})).toBe(false)
  await expect(persistence.addHistory({ id: 'b', workshopId: 'w1', createdAt: 40, kind: 'auto', label: '', counts: {} }, state)).rejects.toThrow()
}
