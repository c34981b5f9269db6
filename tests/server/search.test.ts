import fs from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { NoteRecord } from '../../shared/schema/records/note'
import { connectControl, createWorkshop, eventually, facilitatorToken, synced, TestResources, testPeople } from './helpers'

/**
 * The knowledge bank through a real server: rooms keep the index current from their commits, and
 * `GET /api/search` answers from it for the workshops the injected `workshopsVisibleTo` names
 * (staff sign-in fills that in; here a test header says who is asking).
 */
const resources = new TestResources()
afterEach(() => resources.dispose())

/** Who a request is: `headersOf(key)` asks as `people.get(key)`. */
const { people, visibleTo, headersOf } = testPeople()

interface Result {
  workshopId: string
  workshopTitle: string
  boardId: string
  recordId: string
  kind: string
  title: string
  href: string
}

async function search(baseUrl: string, person: string | null, query: string): Promise<{ status: number; body: { results?: Result[]; code?: string } }> {
  const response = await fetch(`${baseUrl}/api/search?${query}`, { headers: headersOf(person) })
  return { status: response.status, body: (await response.json()) as { results?: Result[]; code?: string } }
}

function note(id: string, boardId: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '' }
}

async function setup() {
  const server = await resources.startServer({ dataDir: await resources.tempDir(), workshopsVisibleTo: visibleTo, searchIndexDelayMs: 0 })
  const elvebyen = await createWorkshop(server.url, { title: 'Elvebyen' })
  const fjellbygda = await createWorkshop(server.url, { title: 'Fjellbygda' })
  people.set('kari', { staffId: 'kari', name: 'Kari', workshopIds: [elvebyen], ownWorkshopIds: [elvebyen] })
  people.set('ola', { staffId: 'ola', name: 'Ola', workshopIds: [elvebyen, fjellbygda], ownWorkshopIds: [] })
  const open = async (workshopId: string) => {
    const client = connectControl(resources, server.url, workshopId, facilitatorToken(workshopId))
    await synced(client.provider)
    const boardId = [...getWorkshopMaps(client.doc).boards.keys()][0]!
    return { doc: client.doc, boardId }
  }
  return { server, elvebyen, fjellbygda, open }
}

const found = (results: Result[] | undefined) => (results ?? []).map((r) => `${r.workshopTitle}:${r.recordId}`)

describe('GET /api/search', () => {
  it('finds what was written in a room, only in the workshops the person may see, and forgets deleted notes', async () => {
    const { server, elvebyen, fjellbygda, open } = await setup()
    const a = await open(elvebyen)
    const b = await open(fjellbygda)
    getWorkshopMaps(a.doc).items.set('n-benker', createRecordMap(note('n-benker', a.boardId, 'Flere benker i parken')))
    getWorkshopMaps(b.doc).items.set('n-benk', createRecordMap(note('n-benk', b.boardId, 'Benker ved skolen')))

    const asOla = async () => found((await search(server.url, 'ola', 'q=benker')).body.results).sort()
    await eventually(asOla, ['Elvebyen:n-benker', 'Fjellbygda:n-benk'], 'Ola sees both workshops')
    const asKari = await search(server.url, 'kari', 'q=benker')
    expect(asKari.status).toBe(200)
    expect(found(asKari.body.results)).toEqual(['Elvebyen:n-benker'])
    expect(asKari.body.results![0]).toMatchObject({
      workshopId: elvebyen,
      boardId: a.boardId,
      kind: 'note',
      title: 'Flere benker i parken',
      href: `/w/${elvebyen}?board=${a.boardId}&item=n-benker`,
    })

    getWorkshopMaps(a.doc).items.get('n-benker')!.set('text', 'Flere bord i parken')
    getWorkshopMaps(b.doc).items.delete('n-benk')
    await eventually(asOla, [], 'the edited and the deleted note are no longer found by their old words')
    expect(found((await search(server.url, 'ola', 'q=bord')).body.results)).toEqual(['Elvebyen:n-benker'])
  })

  it('finds workshops by title, and keeps the index when the server restarts', async () => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir, workshopsVisibleTo: visibleTo, searchIndexDelayMs: 0 })
    const id = await createWorkshop(server.url, { title: 'Medvirkning i Elvebyen' })
    people.set('per', { staffId: 'per', name: 'Per', workshopIds: [id], ownWorkshopIds: [id] })
    const client = connectControl(resources, server.url, id, facilitatorToken(id))
    await synced(client.provider)
    const byTitle = async () => found((await search(server.url, 'per', 'q=medvirkning')).body.results)
    await eventually(byTitle, ['Medvirkning i Elvebyen:' + id], 'the workshop is found by its title once its room loaded')
    client.provider.destroy()
    await server.close()

    const again = await resources.startServer({ dataDir, workshopsVisibleTo: visibleTo })
    expect(found((await search(again.url, 'per', 'q=medvirkning')).body.results)).toEqual(['Medvirkning i Elvebyen:' + id])
  })

  it('indexes on start the workshops that have no entries (search.sqlite deleted), without loading their rooms', async () => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir, workshopsVisibleTo: visibleTo, searchIndexDelayMs: 0, unloadDelayMs: 20 })
    const id = await createWorkshop(server.url, { title: 'Fjordbyen' })
    people.set('liv', { staffId: 'liv', name: 'Liv', workshopIds: [id], ownWorkshopIds: [id] })
    const client = connectControl(resources, server.url, id, facilitatorToken(id))
    await synced(client.provider)
    const boardId = [...getWorkshopMaps(client.doc).boards.keys()][0]!
    getWorkshopMaps(client.doc).items.set('n-skate', createRecordMap(note('n-skate', boardId, 'En skatepark ved fjorden')))
    const asLiv = async (url: string) => found((await search(url, 'liv', 'q=skatepark')).body.results)
    await eventually(() => asLiv(server.url), ['Fjordbyen:n-skate'], 'the note is indexed by its room')
    client.provider.destroy()
    await server.close()
    // The index is derived data: deleted, it is built again from the stored documents.
    for (const file of ['search.sqlite', 'search.sqlite-wal', 'search.sqlite-shm']) await fs.rm(path.join(dataDir, file), { force: true })

    const again = await resources.startServer({ dataDir, workshopsVisibleTo: visibleTo })
    await eventually(() => asLiv(again.url), ['Fjordbyen:n-skate'], 'the backfill indexed the stored workshop')
    expect(again.rooms.loadedWorkshopIds()).toEqual([])
  })

  it('forgets a workshop that is deleted (retention and the administrator both delete through AdminOverview.delete)', async () => {
    let now = Date.now()
    const server = await resources.startServer({ dataDir: await resources.tempDir(), workshopsVisibleTo: visibleTo, searchIndexDelayMs: 0, retentionDays: 30, clock: () => now })
    const id = await createWorkshop(server.url, { title: 'Elvebyen' })
    people.set('eva', { staffId: 'eva', name: 'Eva', workshopIds: [id], ownWorkshopIds: [id] })
    const client = connectControl(resources, server.url, id, facilitatorToken(id))
    await synced(client.provider)
    const boardId = [...getWorkshopMaps(client.doc).boards.keys()][0]!
    getWorkshopMaps(client.doc).items.set('n-benker', createRecordMap(note('n-benker', boardId, 'Flere benker i parken')))
    const asEva = async () => found((await search(server.url, 'eva', 'q=benker')).body.results)
    await eventually(asEva, ['Elvebyen:n-benker'], 'the note is indexed')

    now += 31 * 24 * 60 * 60 * 1000
    expect(await server.retention.sweep()).toEqual([id])
    // At once: the room is evicted (writing its last changes) before the workshop's entries are removed.
    expect(await asEva()).toEqual([])
  })

  it.each([
    ['nobody signed in', null, 'q=benker', 401, 'signInRequired'],
    ['no words', 'kari', 'q=%20%2B%2A', 400, 'emptyQuery'],
    ['no query', 'kari', '', 400, 'emptyQuery'],
    ['a limit out of range', 'kari', 'q=benker&limit=0', 400, 'badLimit'],
    ['a limit that is no number', 'kari', 'q=benker&limit=ti', 400, 'badLimit'],
    ['a query too long', 'kari', `q=${'a'.repeat(201)}`, 400, 'queryTooLong'],
  ])('refuses %s with a named reason', async (_name, person, query, status, code) => {
    const { server } = await setup()
    const answer = await search(server.url, person, query)
    expect(answer).toMatchObject({ status, body: { code } })
  })
})
