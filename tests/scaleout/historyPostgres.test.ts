import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { PostgresPersistence } from '../../server/persistence/PostgresPersistence'
import { createWorkshop, facilitatorFetch, synced, TestResources, waitFor } from '../server/helpers'
import { isolate, startInstance } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('history on PostgreSQL', () => {
  it('stores, lists newest first, reads back and deletes entries', async () => {
    const isolation = await isolate(resources)
    const persistence = await PostgresPersistence.open({
      connectionString: isolation.databaseUrl,
      schema: isolation.schema,
      log: pino({ level: 'silent' }),
    })
    resources.defer(() => persistence.close())
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
    await expect(
      persistence.addHistory({ id: 'b', workshopId: 'w1', createdAt: 40, kind: 'auto', label: '', counts: {} }, state),
    ).rejects.toThrow()
  })

  it('a checkpoint on one instance holds an edit made through the other (built from the database)', async () => {
    const isolation = await isolate(resources)
    const one = await startInstance(resources, isolation)
    const two = await startInstance(resources, isolation)
    const workshopId = await createWorkshop(one.url)
    const a = resources.connect(one.url, workshopId)
    const b = resources.connect(two.url, workshopId)
    await Promise.all([synced(a.provider), synced(b.provider)])
    const boardId = [...getWorkshopMaps(b.doc).boards.keys()][0]!
    getWorkshopMaps(b.doc).items.set(
      'n1',
      createRecordMap({ id: 'n1', kind: 'note', boardId, x: 0, y: 0, w: 160, h: 120, color: 'yellow', text: 'via to', createdAt: 1, sdgs: [], dimension: '' }),
    )
    await waitFor(() => getWorkshopMaps(a.doc).items.size === 1, 'instance one relayed the note')
    const response = await facilitatorFetch(`${one.url}/api/workshops/${workshopId}/history`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'før avstemning' }),
    })
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: string }
    const snapshot = (await (await facilitatorFetch(`${two.url}/api/workshops/${workshopId}/history/${id}`)).json()) as { items: { text: string }[] }
    expect(snapshot.items.map((item) => item.text)).toEqual(['via to'])
  })
})
