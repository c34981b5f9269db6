import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import type { Refusal } from '../../client/src/store/ControlChannel'
import { SYNC_PATH } from '../../shared/protocol'
import { createWorkshopWithAccess, joinWorkshop, TestResources, waitFor, wsUrl } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

async function setup() {
  const server = await resources.startServer({ dataDir: await resources.tempDir() })
  const created = await createWorkshopWithAccess(server.url)
  const open = (name: string, token: string) => {
    const store = new WorkshopStore({
      workshopId: created.id,
      serverUrl: wsUrl(server.url) + SYNC_PATH,
      userName: name,
      token,
      persistLocally: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    resources.defer(() => store.destroy())
    return store
  }
  const facilitator = open('Fasilitator', created.token)
  const kari = open('Kari', (await joinWorkshop(server.url, { code: created.code })).token)
  await waitFor(() => facilitator.getConnection().status === 'connected' && kari.getConnection().status === 'connected', 'both connected')
  return { server, created, facilitator, kari }
}

describe('WorkshopStore control channel', () => {
  it('learns its role, and the session the facilitator changes by command', async () => {
    const { facilitator, kari } = await setup()
    await waitFor(() => kari.control.getIdentity()?.role === 'participant', 'participant identity')
    expect(facilitator.control.getIdentity()).toEqual({ role: 'facilitator', participantId: 'facilitator' })
    const forbidden = await kari.control.send({ type: 'timer.start', durationMs: 60_000 })
    expect(forbidden).toMatchObject({ ok: false, error: 'forbidden' })
    const started = await facilitator.control.send({ type: 'timer.start', durationMs: 90_000 })
    expect(started.ok).toBe(true)
    await waitFor(() => kari.getSession().timer.status === 'running', 'timer reaches Kari')
    // Same machine, same clock: the measured offset is near zero and the countdown agrees.
    expect(Math.abs(kari.control.serverNow() - Date.now())).toBeLessThan(200)
    const timer = kari.getSession().timer
    expect(timer.status === 'running' ? timer.endsAt - kari.control.serverNow() : 0).toBeGreaterThan(85_000)
  })

  it('tells the store about a refused edit, which disappears again, with the words it held', async () => {
    const { facilitator, kari } = await setup()
    const boardId = facilitator.getBoards()[0]!.id
    await facilitator.control.send({ type: 'board.lock', boardId, locked: true })
    await waitFor(() => kari.getSession().lockedBoards.includes(boardId), 'lock reaches Kari')
    const refusals: Refusal[] = []
    kari.control.onRefused((refusal) => refusals.push(refusal))
    const id = kari.createNote(boardId, { text: 'på en låst tavle' })
    expect(kari.getNote(id)).toBeDefined()
    await waitFor(() => refusals.length === 1 && kari.getNote(id) === undefined, 'refused and undone')
    expect(refusals[0]).toEqual({ reason: 'locked', boardId, records: [{ id, kind: 'note', boardId, text: 'på en låst tavle' }] })
    expect(facilitator.getNote(id)).toBeUndefined()
  })

  it('sends private notes and dots, and keeps its own in `mine`', async () => {
    const { facilitator, kari } = await setup()
    const boardId = facilitator.getBoards()[0]!.id
    await facilitator.control.send({ type: 'phase.private', boardId, lane: '', facilitatorSees: true })
    await waitFor(() => kari.getSession().phase.kind === 'private', 'phase')
    const submitted = await kari.control.send({ type: 'note.submit', noteId: 'k1', text: 'Min idé' })
    expect(submitted).toEqual({ ok: true, result: { outcome: 'private' } })
    await waitFor(() => kari.control.getMine().notes.length === 1, 'mine')
    await waitFor(() => facilitator.control.getHeld().notes.some((n) => n.text === 'Min idé'), 'facilitator sees it')
    expect(facilitator.control.getHeld()).toMatchObject({ privateNotes: 1, privateAuthors: 1 })
    await facilitator.control.send({ type: 'phase.reveal' })
    await waitFor(() => kari.getNote('k1')?.text === 'Min idé', 'revealed note on the board')

    await facilitator.control.send({ type: 'vote.open', boardId, lane: '', votesPerPerson: 3, maxPerItem: 2, hidden: false })
    await waitFor(() => kari.getSession().vote?.status === 'open', 'vote open')
    expect(await kari.control.send({ type: 'vote.cast', itemId: 'k1' })).toMatchObject({ ok: true, result: { counts: { k1: 1 } } })
    await waitFor(() => kari.control.getTally()?.counts.k1 === 1, 'tally')
    await waitFor(() => kari.control.getMine().ballots?.counts.k1 === 1, 'own dots')
  })

  it('fails a vote sent without a connection at once, instead of pretending', async () => {
    const { kari } = await setup()
    kari['transport'].provider.disconnect()
    await waitFor(() => kari.getConnection().status !== 'connected', 'disconnected')
    expect(await kari.control.send({ type: 'vote.cast', itemId: 'x' })).toMatchObject({ ok: false, error: 'offline' })
  })
})
