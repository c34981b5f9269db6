import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { ActionRow, ChallengeProgress } from '../../shared/followup/actionRegister'
import { board, card, link } from '../../shared/followup/testWorkshops'
import { connectControl, createWorkshop, eventually, facilitatorToken, synced, TestResources, testPeople, waitFor } from './helpers'

/** The action register through a real server: rows from loaded rooms and from storage, filtered for the person asking. */
const resources = new TestResources()
afterEach(() => resources.dispose())

const { people, visibleTo, headersOf } = testPeople()

interface Register {
  today?: string
  actions?: ActionRow[]
  progress?: ChallengeProgress[]
  code?: string
  next?: string | null
}

async function register(baseUrl: string, person: string | null, query = ''): Promise<{ status: number; body: Register }> {
  const response = await fetch(`${baseUrl}/api/actions?${query}`, { headers: headersOf(person) })
  return { status: response.status, body: (await response.json()) as Register }
}

async function setup() {
  const server = await resources.startServer({ dataDir: await resources.tempDir(), workshopsVisibleTo: visibleTo, unloadDelayMs: 50 })
  const may = await createWorkshop(server.url, { title: 'Mai' })
  const june = await createWorkshop(server.url, { title: 'Juni' })
  people.set('kari', { staffId: 'kari', name: 'Kari Nordmann', workshopIds: [may, june], ownWorkshopIds: [june] })
  people.set('ola', { staffId: 'ola', name: 'Ola', workshopIds: [june], ownWorkshopIds: [] })
  const write = async (workshopId: string, records: Parameters<typeof createRecordMap>[0][]) => {
    const client = connectControl(resources, server.url, workshopId, facilitatorToken(workshopId))
    await synced(client.provider)
    const { boards, items } = getWorkshopMaps(client.doc)
    client.doc.transact(() => {
      boards.set('cb', createRecordMap(board('cb', 'challengeBoard', 'a1', 'Tiltak')))
      for (const record of records) items.set((record as { id: string }).id, createRecordMap(record))
    })
    return client
  }
  const mayClient = await write(may, [
    card('c1', 'cb', 'challenge', 'a0', { text: 'Få møteplasser' }),
    card('s1', 'cb', 'solution', 'a0', { text: 'Åpne skolen' }),
    card('a1', 'cb', 'action', 'a0', { text: 'Ring rektor', owner: 'Kari Nordmann', dueDate: '2026-11-01', status: 'done' }),
    card('a2', 'cb', 'action', 'a1', { text: 'Finn nøkler', owner: 'Ola og Kari Nordmann', dueDate: '2026-11-10', sdgs: [11] }),
    link('k1', 'cb', 's1', 'c1', 'answers'),
    link('k2', 'cb', 'a1', 's1', 'carriesOut'),
    link('k3', 'cb', 'a2', 's1', 'carriesOut'),
  ])
  const juneClient = await write(june, [card('a3', 'cb', 'action', 'a0', { text: 'Søk midler', owner: 'Ola', dueDate: '2026-12-01', status: 'inProgress' })])
  // The June room is left: the socket sends what it has before it closes, then the room unloads.
  juneClient.provider.destroy()
  return { server, may, june, mayClient }
}

const cards = (body: Register) => (body.actions ?? []).map((a) => a.cardId)

describe('GET /api/actions', () => {
  it('lists the actions of the workshops the person may see, by view and filter, with progress per challenge', async () => {
    const { server, may } = await setup()
    await waitFor(() => server.rooms.loadedWorkshopIds().length === 1, 'the June room unloads: its rows come from storage')
    const all = await register(server.url, 'kari', 'today=2026-11-20')
    expect(all.status).toBe(200)
    expect(cards(all.body)).toEqual(['a2', 'a3', 'a1'])
    expect(all.body.actions![0]).toMatchObject({ workshopId: may, workshopTitle: 'Mai', boardTitle: 'Tiltak', solution: { id: 's1' }, challenge: { id: 'c1', text: 'Få møteplasser' } })
    expect(all.body.progress).toEqual([{ workshopId: may, workshopTitle: 'Mai', boardId: 'cb', challengeId: 'c1', text: 'Få møteplasser', dots: 0, actions: 2, done: 1 }])

    for (const [query, expected] of [
      ['view=mine', ['a2', 'a1']],
      ['view=workshops', ['a3']],
      ['view=overdue&today=2026-11-20', ['a2']],
      ['status=done,inProgress', ['a3', 'a1']],
      ['owner=ola', ['a2', 'a3']],
      ['dueFrom=2026-11-05&dueTo=2026-11-30', ['a2']],
      ['sdg=11', ['a2']],
    ] as const) {
      expect(cards((await register(server.url, 'kari', query)).body), query).toEqual(expected)
    }
    expect(cards((await register(server.url, 'ola')).body)).toEqual(['a3'])
  })

  it.each([
    ['nobody signed in', null, '', 401, 'signInRequired'],
    ['an unknown view', 'kari', 'view=theirs', 400, 'badQuery'],
    ['an unknown status', 'kari', 'status=open,blocked', 400, 'badQuery'],
    ['a date that is not one', 'kari', 'dueFrom=2026-02-30', 400, 'badQuery'],
    ['a goal out of range', 'kari', 'sdg=18', 400, 'badQuery'],
    ['an unknown dimension', 'kari', 'dimension=cultural', 400, 'badQuery'],
    ['a page of none', 'kari', 'limit=0', 400, 'badQuery'],
    ['a page over the most', 'kari', 'limit=101', 400, 'badQuery'],
    ['a limit that is no number', 'kari', 'limit=2e1', 400, 'badQuery'],
    ['a made-up cursor', 'kari', 'cursor=yesterday', 400, 'badQuery'],
    ['a cursor with no workshop id', 'kari', 'cursor=1700000000000.x', 400, 'badQuery'],
  ])('refuses %s with a named reason', async (_name, person, query, status, code) => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), workshopsVisibleTo: visibleTo })
    people.set('kari', { staffId: 'kari', name: 'Kari', workshopIds: [], ownWorkshopIds: [] })
    expect(await register(server.url, person, query)).toMatchObject({ status, body: { code } })
  })
})

describe('GET /api/actions, page by page', () => {
  it('reads a page of workshops per call, newest first, and the pages hold every action once', async () => {
    const { server, may, june } = await setup()
    const july = await createWorkshop(server.url, { title: 'Juli' })
    const julyClient = connectControl(resources, server.url, july, facilitatorToken(july))
    await synced(julyClient.provider)
    julyClient.doc.transact(() => {
      getWorkshopMaps(julyClient.doc).boards.set('cb', createRecordMap(board('cb', 'challengeBoard', 'a1', 'Tiltak')))
      getWorkshopMaps(julyClient.doc).items.set('a4', createRecordMap(card('a4', 'cb', 'action', 'a0', { text: 'Lag plakat' })))
    })
    people.set('kari', { staffId: 'kari', name: 'Kari Nordmann', workshopIds: [may, june, july], ownWorkshopIds: [june] })
    await eventually(async () => cards((await register(server.url, 'kari')).body).includes('a4'), true, 'July’s action is in the register')
    const whole = (await register(server.url, 'kari')).body
    expect(whole.next).toBeNull()

    const pages: Register[] = []
    let cursor: string | null | undefined = null
    do {
      const page = await register(server.url, 'kari', `limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(page.status).toBe(200)
      pages.push(page.body)
      cursor = page.body.next
    } while (cursor && pages.length < 10)
    expect(pages).toHaveLength(3)
    // One workshop per page, each once, the newest first (May and June were made in the same breath: either order).
    const workshopsOf = (body: Register) => [...new Set([...(body.actions ?? []).map((a) => a.workshopId), ...(body.progress ?? []).map((p) => p.workshopId)])]
    expect(pages.map(workshopsOf)[0]).toEqual([july])
    expect(pages.slice(1).map(workshopsOf).sort()).toEqual([[may], [june]].sort())
    expect(pages.flatMap(cards).sort()).toEqual(cards(whole).sort())
    expect(pages.flatMap((p) => p.progress ?? [])).toEqual(whole.progress)
  })

  it('reads 20 workshops when no limit is asked for, at most 100', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), workshopsVisibleTo: visibleTo })
    const many: string[] = []
    for (let i = 0; i < 21; i++) many.push(await createWorkshop(server.url, { title: `Møte ${i}` }))
    people.set('kari', { staffId: 'kari', name: 'Kari', workshopIds: many, ownWorkshopIds: many })
    const first = await register(server.url, 'kari')
    expect(first.body.next).toEqual(expect.any(String))
    expect((await register(server.url, 'kari', `cursor=${encodeURIComponent(first.body.next!)}`)).body.next).toBeNull()
    expect((await register(server.url, 'kari', 'limit=100')).body.next).toBeNull()
  })
})
