import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageSync } from '../../shared/protocol'
import { SqlitePersistence } from '../persistence/SqlitePersistence'
import { EncodedState } from './EncodedState'
import { Room } from './Room'
import type { RoomExtension } from './RoomExtension'
import { SyncConnection } from './SyncConnection'

const log = pino({ level: 'silent' })
const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function storage(): SqlitePersistence {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samskap-encoded-'))
  const persistence = new SqlitePersistence(dir)
  cleanups.push(async () => {
    await persistence.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return persistence
}

async function loadRoom(persistence: SqlitePersistence, extensions: RoomExtension[] = []): Promise<Room> {
  const room = await Room.load({ workshopId: 'w', persistence, log, compactEvery: 500, onIdle: () => undefined, onBroken: () => undefined })
  room.attachExtensions(extensions)
  let unloaded = false
  cleanups.push(async () => {
    if (!unloaded) await room.unload()
  })
  const unload = room.unload.bind(room)
  room.unload = () => ((unloaded = true), unload())
  return room
}

/** A connection on a fake open socket that keeps every message it is sent. */
function connect(room: Room) {
  const sent: Uint8Array[] = []
  const socket = { readyState: 1, OPEN: 1, CONNECTING: 0, send: (message: Uint8Array) => sent.push(message), close: () => undefined }
  const connection = new SyncConnection(socket as unknown as WebSocket, 'w', log)
  connection.grant = { role: 'participant', participantId: 'p1' }
  room.addConnection(connection)
  return { connection, sent }
}

function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

function syncUpdate(edit: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(doc)
  edit(doc)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before))
  return encoding.toUint8Array(encoder)
}

/** The update inside a `sync step 2` message, or null for any other message. */
function step2Update(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message)
  if (decoding.readVarUint(decoder) !== messageSync) return null
  if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return null
  return decoding.readVarUint8Array(decoder)
}

/** A fresh page joins (empty document, so an empty state vector): its reply message, and what it holds after applying it. */
async function join(room: Room): Promise<{ reply: Uint8Array; doc: Y.Doc }> {
  const { connection, sent } = connect(room)
  const doc = new Y.Doc()
  await room.handleMessage(connection, syncStep1(doc))
  const replies = sent.filter((message) => step2Update(message) !== null)
  expect(replies).toHaveLength(1)
  Y.applyUpdate(doc, step2Update(replies[0]!)!)
  room.removeConnection(connection)
  return { reply: replies[0]!, doc }
}

const notes = (doc: Y.Doc) => doc.getMap('notes').toJSON()
const setNote = (key: string, text: string) => (doc: Y.Doc) => doc.getMap('notes').set(key, text)

function contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text))
}

describe('the cached sync reply (EncodedState)', () => {
  it('answers every fresh joiner with one encoding until the document changes', async () => {
    const room = await loadRoom(storage())
    const writer = connect(room)
    room.handleMessage(writer.connection, syncUpdate(setNote('a', 'first')))
    await room.flush()
    const first = await join(room)
    const second = await join(room)
    expect(second.reply).toBe(first.reply)
    expect(notes(second.doc)).toEqual({ a: 'first' })
  })

  it('an update after caching is in the next joiner’s reply', async () => {
    const room = await loadRoom(storage())
    const writer = connect(room)
    const doc = new Y.Doc()
    room.handleMessage(writer.connection, syncUpdate(setNote('a', 'first'), doc))
    await room.flush()
    const before = await join(room)
    room.handleMessage(writer.connection, syncUpdate(setNote('b', 'second'), doc))
    const after = await join(room)
    expect(after.reply).not.toBe(before.reply)
    expect(notes(after.doc)).toEqual({ a: 'first', b: 'second' })
  })

  it('a refused update never enters it, though it was applied and undone after the reply was cached', async () => {
    const refuseSecret: RoomExtension = {
      name: 'refuse',
      checkApplied: ({ transaction }) =>
        JSON.stringify(transaction.doc.getMap('notes').toJSON()).includes('secret') ? { reason: 'invalid', boardId: null } : null,
    }
    const room = await loadRoom(storage(), [refuseSecret])
    const writer = connect(room)
    const doc = new Y.Doc()
    room.handleMessage(writer.connection, syncUpdate(setNote('a', 'kept'), doc))
    await room.flush()
    await join(room)
    // Refused, and the room's own broadcast of the undo changes the document: then one that stands.
    room.handleMessage(writer.connection, syncUpdate(setNote('b', 'secret words'), doc))
    room.handleMessage(writer.connection, syncUpdate(setNote('c', 'also kept'), new Y.Doc()))
    const after = await join(room)
    expect(notes(after.doc)).toEqual({ a: 'kept', c: 'also kept' })
    expect(contains(after.reply, 'secret words')).toBe(false)
    expect(notes(room.doc)).toEqual({ a: 'kept', c: 'also kept' })
  })

  it('a joiner that already holds part of the document gets only what it lacks', async () => {
    const room = await loadRoom(storage())
    const writer = connect(room)
    const doc = new Y.Doc()
    room.handleMessage(writer.connection, syncUpdate(setNote('a', 'old news'), doc))
    room.handleMessage(writer.connection, syncUpdate(setNote('b', 'fresh'), doc))
    await room.flush()
    const full = await join(room)
    const partial = full.doc
    room.handleMessage(writer.connection, syncUpdate(setNote('c', 'newest'), doc))
    await room.flush()
    const { connection, sent } = connect(room)
    await room.handleMessage(connection, syncStep1(partial))
    const reply = step2Update(sent.find((message) => step2Update(message) !== null)!)!
    expect(contains(reply, 'old news')).toBe(false)
    Y.applyUpdate(partial, reply)
    expect(notes(partial)).toEqual({ a: 'old news', b: 'fresh', c: 'newest' })
  })

  it('a cold join (from the compacted snapshot, or from snapshot and log) holds what a warm one did', async () => {
    const persistence = storage()
    const warmRoom = await loadRoom(persistence)
    const writer = connect(warmRoom)
    const doc = new Y.Doc()
    for (let i = 0; i < 20; i++) warmRoom.handleMessage(writer.connection, syncUpdate(setNote(`n${i}`, `text ${i}`), doc))
    warmRoom.handleMessage(writer.connection, syncUpdate((d) => d.getMap('notes').delete('n3'), doc))
    await warmRoom.flush()
    await warmRoom.compact()
    warmRoom.handleMessage(writer.connection, syncUpdate(setNote('tail', 'after the snapshot'), doc))
    await warmRoom.flush()
    const warm = await join(warmRoom)
    expect(notes(warm.doc)).toHaveProperty('tail')

    // Loaded while the warm room still holds it: the snapshot and the log after it.
    const fromLog = await join(await loadRoom(persistence))
    expect(notes(fromLog.doc)).toEqual(notes(warm.doc))
    expect(Y.encodeStateVector(fromLog.doc)).toEqual(Y.encodeStateVector(warm.doc))

    // Unloading compacts: the next load has the snapshot alone, and its first joiner gets those bytes as stored.
    warmRoom.removeConnection(writer.connection)
    await warmRoom.unload()
    const stored = await persistence.loadDocument('w')
    expect(stored.updates).toHaveLength(0)
    const cold = await join(await loadRoom(persistence))
    expect(step2Update(cold.reply)).toEqual(stored.snapshot)
    expect(notes(cold.doc)).toEqual(notes(warm.doc))
    expect(Y.encodeStateVector(cold.doc)).toEqual(Y.encodeStateVector(warm.doc))
    expect(notes(cold.doc)).not.toHaveProperty('n3')
  })
})

describe('EncodedState on its own', () => {
  it('serves stored bytes it was seeded with until the document emits an update', () => {
    const source = new Y.Doc()
    source.getMap('notes').set('a', 'stored')
    const stored = Y.encodeStateAsUpdate(source)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored)
    const state = new EncodedState(doc)
    state.seed(stored)
    const empty = Y.encodeStateVector(new Y.Doc())
    expect(step2Update(state.replyTo(empty))).toEqual(stored)
    expect(state.encodings).toBe(0)
    doc.getMap('notes').set('b', 'new')
    const reencoded = new Y.Doc()
    Y.applyUpdate(reencoded, step2Update(state.replyTo(empty))!)
    expect(notes(reencoded)).toEqual({ a: 'stored', b: 'new' })
    expect(state.encodings).toBe(1)
    state.replyTo(empty)
    expect(state.encodings).toBe(1)
    state.destroy()
  })

  it('asks every joiner with the document’s current state vector, the same message until the document changes', () => {
    const doc = new Y.Doc()
    const state = new EncodedState(doc)
    const first = state.syncStep1()
    expect(first).toEqual(syncStep1(doc))
    expect(state.syncStep1()).toBe(first)
    doc.getMap('notes').set('a', 'one')
    const second = state.syncStep1()
    expect(second).not.toEqual(first)
    expect(second).toEqual(syncStep1(doc))
    // Another client's update (a joiner's, another instance's) changes it too.
    const other = new Y.Doc()
    other.getMap('notes').set('b', 'two')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    expect(state.syncStep1()).toEqual(syncStep1(doc))
    expect(state.syncStep1()).not.toEqual(second)
    state.destroy()
  })
})
