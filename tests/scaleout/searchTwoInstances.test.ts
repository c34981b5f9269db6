import { afterEach, describe, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { createWorkshop, eventually, facilitatorToken, synced, TestResources, testPeople } from '../server/helpers'
import { isolate, startInstance } from './services'

/** The knowledge bank with DATABASE_URL: one PostgreSQL index that every instance writes and reads. */
const resources = new TestResources()
afterEach(() => resources.dispose())

const { people, visibleTo, headersOf } = testPeople()

async function found(baseUrl: string, person: string, q: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(q)}`, { headers: headersOf(person) })
  const body = (await response.json()) as { results: { workshopTitle: string; recordId: string }[] }
  return body.results.map((r) => `${r.workshopTitle}:${r.recordId}`)
}

describe('search across two instances sharing PostgreSQL', () => {
  it('finds on one instance what was written through the other, only where the person may look, and forgets deletions', async () => {
    const isolation = await isolate(resources)
    const options = { workshopsVisibleTo: visibleTo, searchIndexDelayMs: 0 }
    const first = await startInstance(resources, isolation, options)
    const second = await startInstance(resources, isolation, options)
    const parken = await createWorkshop(first.url, { title: 'Parkene i sentrum', language: 'nb' })
    const hidden = await createWorkshop(first.url, { title: 'Parkene i skjul', language: 'nb' })
    people.set('kari', { staffId: 'kari', name: 'Kari', workshopIds: [parken], ownWorkshopIds: [parken] })

    const writer = resources.connect(first.url, parken, { params: { token: facilitatorToken(parken) } })
    const other = resources.connect(first.url, hidden, { params: { token: facilitatorToken(hidden) } })
    await Promise.all([synced(writer.provider), synced(other.provider)])
    const boardId = [...getWorkshopMaps(writer.doc).boards.keys()][0]!
    const note = { id: 'n1', kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: 'Flere benker i parken', createdAt: 1, sdgs: [], dimension: '' }
    getWorkshopMaps(writer.doc).items.set('n1', createRecordMap(note))

    // Norwegian stemming: "parken", "parkene" and "park" are one word.
    await eventually(async () => (await found(second.url, 'kari', 'park')).sort(), ['Parkene i sentrum:' + parken, 'Parkene i sentrum:n1'].sort(), 'the second instance finds the first one’s note and title')
    getWorkshopMaps(writer.doc).items.delete('n1')
    await eventually(() => found(second.url, 'kari', 'benker'), [], 'the deleted note is forgotten')
  })
})
