import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { PostgresPersistence } from '../../server/persistence/PostgresPersistence'
import { facilitatorFetch, TestResources, waitFor } from '../server/helpers'
import { historyStorageBehaves } from '../server/historyStorageContract'
import { isolate, twoInstancesOneWorkshop } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('history on PostgreSQL', () => {
  it('stores, lists newest first, reads back, deletes and overwrites entries', async () => {
    const isolation = await isolate(resources)
    const persistence = await PostgresPersistence.open({
      connectionString: isolation.databaseUrl,
      schema: isolation.schema,
      log: pino({ level: 'silent' }),
    })
    resources.defer(() => persistence.close())
    await historyStorageBehaves(persistence)
  })

  it('a checkpoint on one instance holds an edit made through the other (built from the database)', async () => {
    const { first: one, second: two, id: workshopId, a, b } = await twoInstancesOneWorkshop(resources)
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
