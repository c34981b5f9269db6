import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, readRecord } from '../../shared/doc/workshopDoc'
import type { NoteRecord } from '../../shared/schema/records/note'
import { readSession } from '../../shared/schema/records/sessionHistory'
import { CloseCode } from '../../shared/protocol'
import {
  connectControl,
  createWorkshopWithAccess,
  joinWorkshop,
  lastMessage,
  synced,
  TestResources,
  tokenOf,
  waitFor,
  withTimeout,
} from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

function note(id: string, boardId: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: Date.now(), sdgs: [], dimension: '' }
}

const notes = (doc: Y.Doc) =>
  [...getWorkshopMaps(doc).items.values()].map((map) => readRecord(map)).filter((record) => record.kind === 'note') as unknown as NoteRecord[]
const texts = (doc: Y.Doc) => notes(doc).map((n) => n.text).sort()
const session = (doc: Y.Doc) => readSession(getWorkshopMaps(doc).session.toJSON() as Record<string, unknown>).session
const firstBoard = (doc: Y.Doc) => [...getWorkshopMaps(doc).boards.keys()][0]!

/** A server, a workshop, its facilitator, and `participant()` to join by code. */
async function room(options: { dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? (await resources.tempDir())
  const server = await resources.startServer({ dataDir })
  const created = await createWorkshopWithAccess(server.url, { title: 'Innbyggerdialog' })
  const facilitator = connectControl(resources, server.url, created.id, created.token)
  await synced(facilitator.provider)
  const boardId = firstBoard(facilitator.doc)
  const participant = async (control = true) => {
    const joined = await joinWorkshop(server.url, { code: created.code })
    const client = connectControl(resources, server.url, created.id, joined.token, { control })
    await synced(client.provider)
    return Object.assign(client, { participantId: joined.participantId, token: joined.token })
  }
  const observer = async () => {
    const client = connectControl(resources, server.url, created.id, tokenOf(created.links.observer))
    await synced(client.provider)
    return client
  }
  return { server, dataDir, created, facilitator, boardId, participant, observer }
}

function ok(reply: { ok: boolean; message?: string }) {
  expect(reply, reply.ok ? '' : reply.message).toMatchObject({ ok: true })
}

describe('roles, enforced by the server', () => {
  it('drops an observer’s writes: nobody gets them, they are not stored, and the observer is told once', async () => {
    const { server, dataDir, created, facilitator, boardId, observer } = await room()
    const watcher = await observer()
    getWorkshopMaps(watcher.doc).items.set('spy', createRecordMap(note('spy', boardId, 'fra observatøren')))
    getWorkshopMaps(watcher.doc).items.get('spy')!.set('text', 'igjen')
    await waitFor(() => lastMessage(watcher, 'refused') !== undefined, 'observer told')
    expect(lastMessage(watcher, 'refused')).toEqual({ type: 'refused', reason: 'readOnly', boardId: null })
    // Something the facilitator writes afterwards arrives; the observer's note never does.
    getWorkshopMaps(facilitator.doc).items.set('real', createRecordMap(note('real', boardId, 'ekte')))
    await waitFor(() => texts(watcher.doc).includes('ekte'), 'facilitator note reaches the observer')
    expect(texts(facilitator.doc)).toEqual(['ekte'])
    expect(watcher.messages.filter((m) => m.type === 'refused')).toHaveLength(1)

    await server.close()
    const restarted = await resources.startServer({ dataDir })
    const reader = connectControl(resources, restarted.url, created.id, created.token)
    await synced(reader.provider)
    expect(texts(reader.doc)).toEqual(['ekte'])
  })

  it('an observer who only reads along is told nothing; deleting something is an edit they are told about', async () => {
    const { facilitator, boardId, observer } = await room()
    // Deletions in the workshop: every client's sync reply then repeats them in its delete set.
    getWorkshopMaps(facilitator.doc).items.set('gone', createRecordMap(note('gone', boardId, 'borte')))
    getWorkshopMaps(facilitator.doc).items.delete('gone')
    getWorkshopMaps(facilitator.doc).items.set('kept', createRecordMap(note('kept', boardId, 'blir')))
    const watcher = await observer()
    await waitFor(() => texts(watcher.doc).includes('blir'), 'the workshop at the observer')
    // A command's reply comes after everything the observer sent before it (its sync reply too).
    ok(await watcher.call({ type: 'time', clientTime: Date.now() }))
    expect(watcher.messages.filter((m) => m.type === 'refused')).toEqual([])

    getWorkshopMaps(watcher.doc).items.delete('kept')
    await waitFor(() => lastMessage(watcher, 'refused') !== undefined, 'observer told about the delete')
    expect(lastMessage(watcher, 'refused')).toEqual({ type: 'refused', reason: 'readOnly', boardId: null })
    expect(texts(facilitator.doc)).toEqual(['blir'])
  })

  it('a participant cannot start the timer: the command is forbidden and a direct write is undone', async () => {
    const { facilitator, participant } = await room()
    const kari = await participant()
    const viaCommand = await kari.call({ type: 'timer.start', durationMs: 60_000 })
    expect(viaCommand).toMatchObject({ ok: false, error: 'forbidden' })

    getWorkshopMaps(kari.doc).session.set('timer', { status: 'running', endsAt: Date.now() + 60_000, durationMs: 60_000 })
    await waitFor(() => lastMessage(kari, 'refused') !== undefined, 'participant told')
    expect(lastMessage(kari, 'refused')).toMatchObject({ reason: 'facilitatorOnly' })
    await waitFor(() => session(kari.doc).timer.status === 'idle', 'the participant’s own timer write undone')
    expect(session(facilitator.doc).timer.status).toBe('idle')

    const before = Date.now()
    ok(await facilitator.call({ type: 'timer.start', durationMs: 60_000 }))
    await waitFor(() => session(kari.doc).timer.status === 'running', 'the facilitator’s timer reaches the participant')
    const timer = session(kari.doc).timer
    expect(timer.status === 'running' && timer.endsAt - before).toBeGreaterThanOrEqual(60_000)
    ok(await facilitator.call({ type: 'timer.pause' }))
    await waitFor(() => session(kari.doc).timer.status === 'paused', 'paused for everyone')
  })

  it('a participant cannot rename the workshop or its boards', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    getWorkshopMaps(kari.doc).meta.set('title', 'Kapret')
    getWorkshopMaps(kari.doc).boards.get(boardId)!.set('title', 'Kapret')
    await waitFor(() => getWorkshopMaps(kari.doc).meta.get('title') === 'Innbyggerdialog', 'title restored for the sender')
    await waitFor(() => getWorkshopMaps(kari.doc).boards.get(boardId)!.get('title') !== 'Kapret', 'board title restored')
    expect(getWorkshopMaps(facilitator.doc).meta.get('title')).toBe('Innbyggerdialog')
  })

  it('a locked board refuses participants’ edits, for everyone, until it is unlocked', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    const ola = await participant()
    getWorkshopMaps(kari.doc).items.set('before', createRecordMap(note('before', boardId, 'før låsing')))
    await waitFor(() => texts(ola.doc).includes('før låsing'), 'note before the lock')

    ok(await facilitator.call({ type: 'board.lock', boardId, locked: true }))
    await waitFor(() => session(kari.doc).lockedBoards.includes(boardId), 'lock reaches the participant')
    getWorkshopMaps(kari.doc).items.set('during', createRecordMap(note('during', boardId, 'under låsing')))
    getWorkshopMaps(kari.doc).items.get('before')!.set('text', 'endret')
    await waitFor(() => kari.messages.filter((m) => m.type === 'refused').length >= 2, 'both edits refused')
    // Each refusal gives back what the undo took away, as Kari wrote it, for the app to keep.
    expect(kari.messages.filter((m) => m.type === 'refused')).toEqual([
      { type: 'refused', reason: 'locked', boardId, records: [{ id: 'during', kind: 'note', boardId, text: 'under låsing' }] },
      { type: 'refused', reason: 'locked', boardId, records: [{ id: 'before', kind: 'note', boardId, text: 'endret' }] },
    ])
    await waitFor(() => texts(kari.doc).join() === 'før låsing', 'undone for the sender')
    // The facilitator may still edit the locked board.
    getWorkshopMaps(facilitator.doc).items.set('fac', createRecordMap(note('fac', boardId, 'fra fasilitator')))
    await waitFor(() => texts(ola.doc).includes('fra fasilitator'), 'facilitator edit arrives')
    expect(texts(ola.doc)).toEqual(['fra fasilitator', 'før låsing'])

    ok(await facilitator.call({ type: 'board.lock', boardId, locked: false }))
    await waitFor(() => session(kari.doc).lockedBoards.length === 0, 'unlocked')
    getWorkshopMaps(kari.doc).items.set('after', createRecordMap(note('after', boardId, 'etter')))
    await waitFor(() => texts(ola.doc).includes('etter'), 'edit after unlocking arrives')
  })

  it('a note written offline on a board locked meanwhile is refused on reconnect, and its text comes back to its author', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    const ola = await participant()
    getWorkshopMaps(kari.doc).items.set('moved', createRecordMap(note('moved', boardId, 'flyttes bare')))
    await waitFor(() => texts(ola.doc).includes('flyttes bare'), 'note before going offline')
    kari.provider.disconnect()
    ok(await facilitator.call({ type: 'board.lock', boardId, locked: true }))
    getWorkshopMaps(kari.doc).items.set('offline', createRecordMap(note('offline', boardId, 'skrevet på bussen')))
    getWorkshopMaps(kari.doc).items.get('moved')!.set('x', 400)

    kari.provider.connect()
    await waitFor(() => lastMessage(kari, 'refused') !== undefined, 'the offline edit refused')
    // Moving the note lost no words: only the new note comes back.
    expect(lastMessage(kari, 'refused')).toEqual({
      type: 'refused',
      reason: 'locked',
      boardId,
      records: [{ id: 'offline', kind: 'note', boardId, text: 'skrevet på bussen' }],
    })
    await waitFor(() => texts(kari.doc).join() === 'flyttes bare', 'undone on Kari’s copy')
    expect(texts(ola.doc)).toEqual(['flyttes bare'])
  })

  it('with "only their own", participants change only what they added (on the board or from the phone); the facilitator changes anything', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    const ola = await participant()
    const item = (doc: Y.Doc, id: string) => getWorkshopMaps(doc).items.get(id)
    getWorkshopMaps(facilitator.doc).items.set('fac', createRecordMap(note('fac', boardId, 'fra fasilitator')))
    getWorkshopMaps(kari.doc).items.set('kariBoard', createRecordMap(note('kariBoard', boardId, 'Kari på tavla')))
    expect(await kari.call({ type: 'note.submit', noteId: 'kariPhone', text: 'Kari fra mobil' })).toMatchObject({ result: { outcome: 'public' } })
    await waitFor(() => texts(ola.doc).length === 3, 'all three notes reach Ola')
    // Off (the default): anyone edits anything on an open board.
    item(ola.doc, 'kariBoard')!.set('text', 'Ola rettet')
    await waitFor(() => item(kari.doc, 'kariBoard')?.get('text') === 'Ola rettet', 'Ola’s edit reaches Kari while it is off')

    expect(await ola.call({ type: 'ownItems.set', enabled: true })).toMatchObject({ ok: false, error: 'forbidden' })
    ok(await facilitator.call({ type: 'ownItems.set', enabled: true }))
    await waitFor(() => session(ola.doc).ownItemsOnly && session(kari.doc).ownItemsOnly, 'the setting reaches both')

    // Ola cannot edit, move or delete Kari's or the facilitator's notes: each is undone and he is told.
    item(ola.doc, 'kariBoard')!.set('text', 'Ola igjen')
    await waitFor(() => lastMessage(ola, 'refused')?.reason === 'notYours', 'Ola told')
    // Ola's words are given back to Ola (to place as a note of Ola's own), not lost.
    expect(lastMessage(ola, 'refused')).toEqual({
      type: 'refused',
      reason: 'notYours',
      boardId,
      records: [{ id: 'kariBoard', kind: 'note', boardId, text: 'Ola igjen' }],
    })
    await waitFor(() => item(ola.doc, 'kariBoard')?.get('text') === 'Ola rettet', 'edit undone for Ola')
    getWorkshopMaps(ola.doc).items.delete('kariPhone')
    item(ola.doc, 'fac')!.set('x', 500)
    await waitFor(() => ola.messages.filter((m) => m.type === 'refused').length >= 3, 'delete and move refused')
    await waitFor(() => texts(ola.doc).includes('Kari fra mobil') && item(ola.doc, 'fac')?.get('x') === 0, 'delete and move undone for Ola')
    expect(texts(kari.doc)).toEqual(['Kari fra mobil', 'Ola rettet', 'fra fasilitator'])

    // Kari changes her own, from the board and from the phone; Ola adds and edits his own.
    item(kari.doc, 'kariBoard')!.set('text', 'Kari igjen')
    item(kari.doc, 'kariPhone')!.set('text', 'Kari fra mobil, rettet')
    getWorkshopMaps(ola.doc).items.set('ola', createRecordMap(note('ola', boardId, 'Ola sin')))
    await waitFor(() => texts(kari.doc).includes('Ola sin'), 'Ola’s new note reaches Kari')
    item(ola.doc, 'ola')!.set('text', 'Ola sin, rettet')
    await waitFor(
      () => texts(facilitator.doc).join('|') === ['Kari fra mobil, rettet', 'Kari igjen', 'Ola sin, rettet', 'fra fasilitator'].join('|'),
      'everyone’s own edits stand',
    )
    getWorkshopMaps(kari.doc).items.delete('kariBoard')
    // The facilitator changes anything.
    item(facilitator.doc, 'ola')!.set('text', 'Fasilitator rettet Ola')
    await waitFor(() => texts(ola.doc).join('|') === ['Fasilitator rettet Ola', 'Kari fra mobil, rettet', 'fra fasilitator'].join('|'), 'Kari’s delete and the facilitator’s edit stand')
    expect(kari.messages.filter((m) => m.type === 'refused')).toEqual([])
  })

  it('a client without the control channel is told with the standard permission-denied message', async () => {
    const { facilitator, boardId, participant } = await room()
    ok(await facilitator.call({ type: 'board.lock', boardId, locked: true }))
    const plain = await participant(false)
    await waitFor(() => session(plain.doc).lockedBoards.includes(boardId), 'lock synced')
    getWorkshopMaps(plain.doc).items.set('x', createRecordMap(note('x', boardId, 'x')))
    await waitFor(() => plain.denied.length > 0, 'permission denied received')
    expect(plain.denied[0]).toMatch(/^locked: /)
    expect(plain.messages).toEqual([])
  })

  it('removes a participant: their socket closes with 4410 and their token is refused from then on', async () => {
    const { server, created, facilitator, participant } = await room()
    const kari = await participant()
    const closed = withTimeout(
      new Promise<number>((resolve) => kari.provider.on('connection-close', (event) => event && event.code >= 4000 && resolve(event.code))),
      10_000,
      'kari closed',
    )
    ok(await facilitator.call({ type: 'participant.remove', participantId: kari.participantId }))
    expect(await closed).toBe(CloseCode.Removed)
    const again = connectControl(resources, server.url, created.id, kari.token)
    const code = await withTimeout(
      new Promise<number>((resolve) => again.provider.on('connection-close', (event) => event && event.code >= 4000 && resolve(event.code))),
      10_000,
      'rejoin refused',
    )
    expect(code).toBe(CloseCode.Removed)
  })

  it('stamps awareness with the sender’s real role, whatever the client claims', async () => {
    const { facilitator, participant } = await room()
    const kari = await participant()
    kari.provider.awareness.setLocalState({ user: { name: 'Kari', color: '#123456' }, access: { role: 'facilitator', participantId: 'facilitator' } })
    await waitFor(() => facilitator.provider.awareness.getStates().get(kari.doc.clientID) !== undefined, 'awareness arrives')
    await waitFor(
      () => (facilitator.provider.awareness.getStates().get(kari.doc.clientID) as { access?: { role: string } }).access?.role === 'participant',
      'stamped',
    )
    expect(facilitator.provider.awareness.getStates().get(kari.doc.clientID)).toMatchObject({
      user: { name: 'Kari' },
      access: { role: 'participant', participantId: kari.participantId },
    })
  })
})

describe('dot voting', () => {
  it('refuses dots over the limits, counts live, and writes the results when it closes', async () => {
    const { facilitator, boardId, participant } = await room()
    const maps = getWorkshopMaps(facilitator.doc)
    for (const id of ['a', 'b', 'c']) maps.items.set(id, createRecordMap(note(id, boardId, id)))
    const kari = await participant()
    const ola = await participant()
    await waitFor(() => notes(ola.doc).length === 3, 'notes synced')
    expect(await kari.call({ type: 'vote.cast', itemId: 'a' })).toMatchObject({ ok: false, error: 'noVote' })
    ok(await facilitator.call({ type: 'vote.open', boardId, lane: '', votesPerPerson: 2, maxPerItem: 1, hidden: false }))

    ok(await kari.call({ type: 'vote.cast', itemId: 'a' }))
    expect(await kari.call({ type: 'vote.cast', itemId: 'a' })).toMatchObject({ ok: false, error: 'itemLimit' })
    const second = await kari.call({ type: 'vote.cast', itemId: 'b' })
    expect(second).toMatchObject({ ok: true, result: { counts: { a: 1, b: 1 } } })
    expect(await kari.call({ type: 'vote.cast', itemId: 'c' })).toMatchObject({ ok: false, error: 'voteLimit' })
    expect(await kari.call({ type: 'vote.cast', itemId: 'nope' })).toMatchObject({ ok: false, error: 'notEligible' })
    ok(await kari.call({ type: 'vote.retract', itemId: 'b' }))
    ok(await kari.call({ type: 'vote.cast', itemId: 'c' }))
    ok(await ola.call({ type: 'vote.cast', itemId: 'a' }))

    await waitFor(() => lastMessage(ola, 'tally')?.dots === 3, 'live tally')
    expect(lastMessage(ola, 'tally')).toMatchObject({ counts: { a: 2, c: 1 }, voters: 2, dots: 3 })
    expect(lastMessage(kari, 'mine')?.ballots?.counts).toEqual({ a: 1, c: 1 })

    ok(await facilitator.call({ type: 'vote.close' }))
    await waitFor(() => session(ola.doc).vote?.status === 'closed', 'closed for everyone')
    expect(session(ola.doc).vote).toMatchObject({ results: { a: 2, c: 1 }, voters: 2 })
    expect(await ola.call({ type: 'vote.cast', itemId: 'b' })).toMatchObject({ ok: false, error: 'voteClosed' })
  })

  it('keeps a hidden vote’s counts from everyone until it closes', async () => {
    const { facilitator, boardId, participant } = await room()
    getWorkshopMaps(facilitator.doc).items.set('a', createRecordMap(note('a', boardId, 'a')))
    const kari = await participant()
    const ola = await participant()
    ok(await facilitator.call({ type: 'vote.open', boardId, lane: '', votesPerPerson: 3, maxPerItem: 3, hidden: true }))
    ok(await kari.call({ type: 'vote.cast', itemId: 'a' }))
    ok(await kari.call({ type: 'vote.cast', itemId: 'a' }))
    await waitFor(() => lastMessage(ola, 'tally')?.dots === 2, 'progress reaches Ola')
    for (const client of [ola, facilitator]) expect(lastMessage(client, 'tally')).toMatchObject({ counts: {}, voters: 1, dots: 2 })
    ok(await facilitator.call({ type: 'vote.close' }))
    await waitFor(() => session(ola.doc).vote?.status === 'closed', 'closed')
    expect(session(ola.doc).vote?.results).toEqual({ a: 2 })
  })

  it('keeps every closed vote with its texts and counts, after the next vote and a dismiss', async () => {
    const { facilitator, boardId, participant } = await room()
    const maps = getWorkshopMaps(facilitator.doc)
    for (const id of ['a', 'b']) maps.items.set(id, createRecordMap(note(id, boardId, `Benk ${id}`)))
    const kari = await participant()
    await waitFor(() => notes(kari.doc).length === 2, 'notes synced')
    ok(await facilitator.call({ type: 'vote.open', boardId, lane: '', votesPerPerson: 2, maxPerItem: 2, hidden: false }))
    ok(await kari.call({ type: 'vote.cast', itemId: 'b' }))
    ok(await facilitator.call({ type: 'vote.close' }))
    // Renamed and deleted after the vote: the kept vote still says what was voted on.
    maps.items.get('b')!.set('text', 'Endret etterpå')
    ok(await facilitator.call({ type: 'vote.dismiss' }))
    ok(await facilitator.call({ type: 'vote.open', boardId, lane: '', votesPerPerson: 1, maxPerItem: 1, hidden: true }))
    ok(await kari.call({ type: 'vote.cast', itemId: 'a' }))
    ok(await facilitator.call({ type: 'vote.close' }))
    await waitFor(() => session(kari.doc).votes.length === 2, 'both votes kept')
    const [first, second] = session(kari.doc).votes
    expect(first).toMatchObject({ boardId, votesPerPerson: 2, voters: 1, eligible: 2, results: [{ itemId: 'b', text: 'Benk b', dots: 1 }] })
    expect(second).toMatchObject({ hidden: true, voters: 1, eligible: 2, results: [{ itemId: 'a', text: 'Benk a', dots: 1 }] })
    expect(first!.boardTitle).not.toBe('')
    expect(second!.closedAt).toBeGreaterThanOrEqual(first!.closedAt)
  })
})

describe('private writing, then reveal', () => {
  it('sends a participant’s private note to no one else, not even the facilitator unless chosen, until the reveal', async () => {
    const { facilitator, boardId, participant, observer } = await room()
    const kari = await participant()
    const ola = await participant()
    const watcher = await observer()
    ok(await facilitator.call({ type: 'phase.private', boardId, lane: '', facilitatorSees: false }))
    await waitFor(() => session(kari.doc).phase.kind === 'private', 'phase reaches Kari')

    const secret = 'Hemmelig-tanke-om-parken-7431'
    expect(await kari.call({ type: 'note.submit', noteId: 'kari-note-1', text: secret })).toMatchObject({ ok: true, result: { outcome: 'private' } })
    ok(await ola.call({ type: 'note.submit', noteId: 'ola-note-1', text: 'Olas egen' }))
    await waitFor(() => lastMessage(kari, 'mine')?.notes.length === 1, 'Kari sees her own note')
    expect(lastMessage(kari, 'mine')?.notes[0]).toMatchObject({ id: 'kari-note-1', text: secret, status: 'private' })
    await waitFor(() => lastMessage(facilitator, 'held')?.privateNotes === 2, 'the facilitator sees how many')
    expect(lastMessage(facilitator, 'held')).toMatchObject({ privateNotes: 2, privateAuthors: 2 })

    // A laptop participant cannot go round it by writing on the board directly.
    getWorkshopMaps(ola.doc).items.set('direct', createRecordMap(note('direct', boardId, 'rett på tavla')))
    await waitFor(() => lastMessage(ola, 'refused')?.reason === 'privatePhase', 'direct note refused')

    await new Promise((resolve) => setTimeout(resolve, 300))
    for (const other of [ola, watcher, facilitator]) expect(other.received(secret), 'the secret reached someone else').toBe(false)
    expect(kari.received(secret)).toBe(true)

    const reveal = await facilitator.call({ type: 'phase.reveal' })
    expect(reveal).toMatchObject({ ok: true, result: { revealed: 2 } })
    for (const client of [kari, ola, watcher]) await waitFor(() => texts(client.doc).includes(secret), 'revealed to everyone')
    expect(texts(watcher.doc)).toEqual(['Olas egen', secret].sort())
    expect(session(watcher.doc).phase.kind).toBe('open')
    await waitFor(() => lastMessage(kari, 'mine')?.notes.length === 0, 'Kari’s private list emptied')
  })

  it('shows private notes to the facilitator when the phase says so', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    ok(await facilitator.call({ type: 'phase.private', boardId, lane: '', facilitatorSees: true }))
    ok(await kari.call({ type: 'note.submit', noteId: 'n1', text: 'synlig for fasilitator' }))
    await waitFor(() => (lastMessage(facilitator, 'held')?.upsert ?? []).some((n) => n.text === 'synlig for fasilitator'), 'facilitator sees it')
    ok(await kari.call({ type: 'note.edit', noteId: 'n1', text: 'rettet' }))
    await waitFor(() => (lastMessage(facilitator, 'held')?.upsert ?? []).some((n) => n.text === 'rettet'), 'edit reaches facilitator')
    ok(await kari.call({ type: 'note.withdraw', noteId: 'n1' }))
    await waitFor(() => (lastMessage(facilitator, 'held')?.remove ?? []).includes('n1'), 'withdrawal reaches facilitator')
  })
})

describe('moderation', () => {
  it('holds phone notes until the facilitator approves them; rejected ones never appear', async () => {
    const { facilitator, participant } = await room()
    const kari = await participant()
    const ola = await participant()
    ok(await facilitator.call({ type: 'moderation.set', enabled: true }))
    expect(await kari.call({ type: 'note.submit', noteId: 'good', text: 'Flere benker' })).toMatchObject({ result: { outcome: 'queued' } })
    ok(await kari.call({ type: 'note.submit', noteId: 'bad', text: 'Stygt ord' }))
    await waitFor(() => (lastMessage(facilitator, 'held')?.upsert.length ?? 0) > 0, 'queue reaches facilitator')
    await waitFor(() => facilitator.messages.filter((m) => m.type === 'held').flatMap((m) => (m.type === 'held' ? m.upsert : [])).length >= 2, 'both queued')
    expect(ola.received('Flere benker')).toBe(false)

    expect(await facilitator.call({ type: 'held.approve', ids: ['good'] })).toMatchObject({ ok: true, result: { revealed: 1 } })
    ok(await facilitator.call({ type: 'held.reject', ids: ['bad'] }))
    await waitFor(() => texts(ola.doc).includes('Flere benker'), 'approved note reaches Ola')
    expect(ola.received('Stygt ord')).toBe(false)
    await waitFor(() => lastMessage(kari, 'mine')?.notes.length === 0, 'Kari’s queue emptied')
  })

  it('hides a note from the board and puts it back exactly', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    getWorkshopMaps(kari.doc).items.set('n', createRecordMap({ ...note('n', boardId, 'Upassende'), x: 321, y: 654 }))
    await waitFor(() => texts(facilitator.doc).includes('Upassende'), 'note synced')
    ok(await facilitator.call({ type: 'note.hide', itemId: 'n' }))
    await waitFor(() => !texts(kari.doc).includes('Upassende'), 'hidden for everyone')
    ok(await facilitator.call({ type: 'held.approve', ids: ['n'] }))
    await waitFor(() => texts(kari.doc).includes('Upassende'), 'back')
    expect(notes(kari.doc)[0]).toMatchObject({ x: 321, y: 654 })
  })
})

describe('commands', () => {
  it('answers a malformed or unknown command with a clear error and keeps the connection', async () => {
    const { facilitator, boardId } = await room()
    expect(await facilitator.call({ type: 'timer.start', durationMs: 1 } as never)).toMatchObject({ ok: false, error: 'invalid', message: expect.stringContaining('durationMs') })
    expect(await facilitator.call({ type: 'board.lock', boardId: 'nope', locked: true })).toMatchObject({ ok: false, error: 'notFound' })
    expect(await facilitator.call({ type: 'phase.reveal' })).toMatchObject({ ok: false, error: 'noPhase' })
    ok(await facilitator.call({ type: 'board.lock', boardId, locked: true }))
    expect(await facilitator.call({ type: 'time', clientTime: 1 })).toMatchObject({ ok: true, result: { serverTime: expect.any(Number) } })
  })

  it('a submitted note goes to the prompt’s board, and a resend after a reconnect is not a duplicate', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    ok(await facilitator.call({ type: 'prompt.set', boardId, lane: '', question: 'Hva trenger parken?' }))
    ok(await kari.call({ type: 'note.submit', noteId: 'once', text: 'Lys' }))
    ok(await kari.call({ type: 'note.submit', noteId: 'once', text: 'Lys' }))
    await waitFor(() => texts(facilitator.doc).includes('Lys'), 'note on the board')
    expect(texts(facilitator.doc)).toEqual(['Lys'])
    expect(notes(facilitator.doc)[0]!.boardId).toBe(boardId)
    expect(session(kari.doc).prompt.question).toBe('Hva trenger parken?')
  })

  it('"bring everyone here" to another board that takes notes sends the phone page’s notes there too', async () => {
    const { facilitator, boardId, participant } = await room()
    const kari = await participant()
    const second = { id: 'second', title: 'Tavle 2', order: 'a9', template: 'canvas', showHelp: false, linkedBoardId: '' }
    getWorkshopMaps(facilitator.doc).boards.set(second.id, createRecordMap(second))
    await waitFor(() => getWorkshopMaps(kari.doc).boards.has('second'), 'second board reaches Kari')
    ok(await facilitator.call({ type: 'prompt.set', boardId, lane: '', question: 'Hva trenger parken?' }))
    ok(await facilitator.call({ type: 'summon', boardId: 'second', view: null }))
    await waitFor(() => session(kari.doc).summon.boardId === 'second', 'summon reaches Kari')
    expect(session(kari.doc).prompt).toEqual({ boardId: 'second', lane: '', question: '' })
    ok(await kari.call({ type: 'note.submit', noteId: 'there', text: 'Benker' }))
    await waitFor(() => texts(facilitator.doc).includes('Benker'), 'note on a board')
    expect(notes(facilitator.doc).find((n) => n.id === 'there')!.boardId).toBe('second')
    // Asking about the first board again is the latest word: notes go back there.
    ok(await facilitator.call({ type: 'prompt.set', boardId, lane: '', question: 'Og her?' }))
    ok(await kari.call({ type: 'note.submit', noteId: 'back', text: 'Lys' }))
    await waitFor(() => texts(facilitator.doc).includes('Lys'), 'second note on a board')
    expect(notes(facilitator.doc).find((n) => n.id === 'back')!.boardId).toBe(boardId)
  })
})
