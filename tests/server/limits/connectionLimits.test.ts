import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { getWorkshopMaps } from '../../../shared/doc/workshopDoc'
import { NOTE_TEXT_MAX } from '../../../shared/schema/records/note'
import { CloseCode, SYNC_PATH } from '../../../shared/protocol'
import { defaultLimits, MiB } from '../../../server/limits/limits'
import { closedByServer, createWorkshopWithAccess, joinWorkshop, synced, TestResources, waitFor, wsUrl } from '../helpers'
import { noteUpdate, sendAll, syncStep1Frame, updateFrame } from './attacks'

const resources = new TestResources()
afterEach(() => resources.dispose())

const firstBoard = (doc: Y.Doc) => [...getWorkshopMaps(doc).boards.keys()][0]!
const bigNotes = (doc: Y.Doc) => [...getWorkshopMaps(doc).items.values()].filter((item) => String(item.get('text')).length > 100_000).length

async function workshopWithFacilitator(limits = {}) {
  const server = await resources.startServer({ dataDir: await resources.tempDir(), limits })
  const created = await createWorkshopWithAccess(server.url)
  const facilitator = resources.connect(server.url, created.id)
  await synced(facilitator.provider)
  return { server, created, facilitator, boardId: firstBoard(facilitator.doc) }
}

describe('bytes per minute per connection (default limits)', () => {
  it('eight 0.9 MB notes: the sender is closed with 4429 once its minute is spent, a reconnect does not refill it, and the room goes on', async () => {
    const { server, created, facilitator, boardId } = await workshopWithFacilitator()
    const { token } = await joinWorkshop(server.url, { code: created.code })
    const notes = Array.from({ length: 8 }, (_, i) => updateFrame(noteUpdate(boardId, `big-note-${i}`, String(i).repeat(900_000))))

    const attacker = await resources.rawSocket(server.url, created.id, { token })
    const closed = closedByServer(attacker)
    await sendAll(attacker, notes)
    const { code, reason } = await closed
    expect(code).toBe(CloseCode.RateLimited)
    expect(reason).toMatch(/minute/)
    // The budget holds two of them at most; which of those stand is for the validity checks to say.
    const allowed = Math.floor(defaultLimits.bytesPerMinute / notes[0]!.byteLength)
    expect(allowed).toBe(2)

    // A stock client reconnects at once with the same personal token: the budget is the person's, not the socket's.
    const again = await resources.rawSocket(server.url, created.id, { token })
    const closedAgain = closedByServer(again)
    await sendAll(again, notes.slice(allowed))
    expect((await closedAgain).code).toBe(CloseCode.RateLimited)

    getWorkshopMaps(facilitator.doc).meta.set('title', 'still editing')
    const late = resources.connect(server.url, created.id)
    await synced(late.provider)
    await waitFor(() => getWorkshopMaps(late.doc).meta.get('title') === 'still editing', 'a newcomer syncs the room')
    expect(bigNotes(late.doc)).toBeLessThanOrEqual(allowed)
    expect(facilitator.provider.wsconnected).toBe(true)
  })

  it('an honest client that was offline with 500 notes sends them all on reconnect', async () => {
    const { server, created, facilitator, boardId } = await workshopWithFacilitator()
    const { token } = await joinWorkshop(server.url, { code: created.code })
    const offline = new Y.Doc()
    const items = getWorkshopMaps(offline).items
    for (let i = 0; i < 500; i++) {
      const id = `offline-note-${i}`
      Y.applyUpdate(offline, noteUpdate(boardId, id, ''))
      // Typed in ten steps and moved once, as a person writes a note.
      const text = `Forslag ${i}: flere benker og bedre belysning langs elva`
      for (let step = 1; step <= 10; step++) offline.transact(() => items.get(id)!.set('text', text.slice(0, step * 6)))
      offline.transact(() => {
        items.get(id)!.set('x', i * 10)
        items.get(id)!.set('y', 50)
      })
    }
    const missing = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(facilitator.doc))
    expect(missing.byteLength).toBeGreaterThan(100_000)
    const participant = resources.connect(server.url, created.id, { doc: offline, params: { token } })
    await synced(participant.provider)
    await waitFor(() => getWorkshopMaps(facilitator.doc).items.size === 500, 'the facilitator sees all 500 notes')
    expect(participant.provider.wsconnected).toBe(true)
  })

  it('asking again and again for the whole document is paid from the asker’s budget', async () => {
    const { server, created, facilitator, boardId } = await workshopWithFacilitator({ bytesPerMinute: MiB })
    // ~300 KB of notes (each at the longest text a note may have), so each full answer costs the asker ~300 KB.
    for (let i = 0; i < 150; i++) Y.applyUpdate(facilitator.doc, noteUpdate(boardId, `note-${i}`, 'x'.repeat(NOTE_TEXT_MAX)))
    const asker = await resources.rawSocket(server.url, created.id)
    const closed = closedByServer(asker)
    let answers = 0
    asker.on('message', () => answers++)
    // The first request (joining) is free; three more fit in 1 MiB, the fifth does not.
    await sendAll(asker, Array.from({ length: 20 }, () => syncStep1Frame()))
    expect((await closed).code).toBe(CloseCode.RateLimited)
    expect(answers).toBeLessThan(8)
    expect(facilitator.provider.wsconnected).toBe(true)
  })
})

describe('connections per address', () => {
  /**
   * A socket, its close code and its first message, listened for from the start: the server may
   * close it, or greet it, before it is handed back (its first frame can come with the handshake).
   */
  async function open(url: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; closed: Promise<number>; greeted: Promise<unknown> }> {
    const socket = new WebSocket(url, { headers })
    resources.defer(() => socket.terminate())
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    const greeted = new Promise((resolve) => socket.once('message', resolve))
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    return { socket, closed, greeted }
  }

  // 2,000 handshakes and closes: on a loaded 2-core machine that alone can take most of a minute.
  it('2,000 sockets from one address: those over the limit are closed with 4430; a slot that frees is usable', async () => {
    const { server, created } = await workshopWithFacilitator({ connectionsPerAddress: 40 })
    const url = `${wsUrl(server.url)}${SYNC_PATH}/${created.id}?token=${created.token}`
    // In waves of 200: 2,000 handshakes at once overflow the listen backlog of a loaded machine, and
    // the kernel's reset is not the refusal under test.
    const sockets: Awaited<ReturnType<typeof open>>[] = []
    for (let wave = 0; wave < 10; wave++) sockets.push(...(await Promise.all(Array.from({ length: 200 }, () => open(url)))))
    // One socket was already open (the facilitator's): 39 more fit.
    await waitFor(() => server.rooms.connectionCount() === 40, 'only 40 stay', 30_000)
    const refused = await Promise.all(sockets.slice(0, 100).map(({ socket, closed }) => (socket.readyState === WebSocket.OPEN ? null : closed)))
    const codes = new Set(refused.filter((code) => code !== null))
    expect([...codes]).toEqual([CloseCode.TooManyConnections])
    const stayed = sockets.filter(({ socket }) => socket.readyState === WebSocket.OPEN)
    expect(stayed).toHaveLength(39)
    stayed[0]!.socket.close()
    await waitFor(() => server.rooms.connectionCount() === 39, 'one left')
    const next = await open(url)
    // Admitted: the room greets it with its sync request.
    await next.greeted
    expect(next.socket.readyState).toBe(WebSocket.OPEN)
    expect(server.rooms.connectionCount()).toBe(40)
  }, 120_000)

  it('behind a trusted proxy, each forwarded address has its own count', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), limits: { connectionsPerAddress: 2 }, trustProxy: true })
    const created = await createWorkshopWithAccess(server.url)
    const url = `${wsUrl(server.url)}${SYNC_PATH}/${created.id}?token=${created.token}`
    const venue = []
    for (let i = 0; i < 3; i++) venue.push(await open(url, { 'x-forwarded-for': '198.51.100.7, 10.0.0.1' }))
    const elsewhere = await open(url, { 'x-forwarded-for': '203.0.113.9' })
    expect(await venue[2]!.closed).toBe(CloseCode.TooManyConnections)
    await waitFor(() => server.rooms.connectionCount() === 3, 'two from the venue and one from elsewhere stay')
    expect(elsewhere.socket.readyState).toBe(WebSocket.OPEN)
  })
})
