import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageSync } from '../../shared/protocol'
import { SqlitePersistence } from '../persistence/SqlitePersistence'
import { Room } from './Room'
import { RoomRegistry } from './RoomRegistry'
import { SyncConnection } from './SyncConnection'
import { isEmptySyncStep1, isEmptyUpdate } from './storedReply'

// A cold join answered from the stored snapshot before the room's document is built (Room.load's
// onStoredReply), and completed with what the load added once the room is there.

const log = pino({ level: 'silent' })
const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function storage(): { persistence: SqlitePersistence; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samskap-stored-reply-'))
  const persistence = new SqlitePersistence(dir)
  cleanups.push(async () => {
    await persistence.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return { persistence, dir }
}

/** Stores a workshop document of `notes` entries the way a room leaves it: one snapshot, written at unload. */
async function storeWorkshop(persistence: SqlitePersistence, notes: number): Promise<void> {
  const room = await Room.load({ workshopId: 'w', persistence, log, compactEvery: 500, onIdle: () => undefined, onBroken: () => undefined })
  room.doc.transact(() => {
    for (let i = 0; i < notes; i++) room.doc.getMap('notes').set(`n${i}`, `note ${i}`)
  })
  await room.unload()
}

/** A connection on a fake open socket that keeps what it is sent; its first message is queued at once, as a page's is. */
function joiner(first: Uint8Array) {
  const sent: Uint8Array[] = []
  const socket = {
    readyState: 1,
    OPEN: 1,
    CONNECTING: 0,
    send: (message: Uint8Array, written?: (error?: Error) => void) => {
      sent.push(message)
      written?.()
    },
    close: () => undefined,
  }
  const connection = new SyncConnection(socket as unknown as WebSocket, 'w', log)
  connection.grant = { role: 'participant', participantId: 'p1' }
  connection.receive(Buffer.from(first), true)
  return { connection, sent }
}

function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Applies every sync step 2 among `sent` to `doc`; how many there were. */
function applyReplies(doc: Y.Doc, sent: readonly Uint8Array[]): number {
  let replies = 0
  for (const message of sent) {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== messageSync) continue
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) continue
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
    replies++
  }
  return replies
}

/** A registry whose one extension holds the load until `release` (so a test sees the joiner mid-load) and then writes `added`. */
function registryHeldOpen(persistence: SqlitePersistence) {
  let release!: () => void
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  const registry = new RoomRegistry({
    persistence,
    log,
    unloadDelayMs: 60_000,
    compactEvery: 500,
    extensions: [
      async (room) => {
        await held
        room.doc.getMap('notes').set('added', 'while loading')
        return { name: 'late' }
      },
    ],
  })
  cleanups.push(() => registry.close())
  return { registry, release }
}

describe('the first sync reply from stored bytes', () => {
  it('answers a fresh joiner while the room is still loading, then sends what the load added', async () => {
    const { persistence } = storage()
    await storeWorkshop(persistence, 200)
    const { registry, release } = registryHeldOpen(persistence)
    const { connection, sent } = joiner(syncStep1(new Y.Doc()))

    const acquiring = registry.acquire('w', connection)
    await vi.waitFor(() => expect(sent.length).toBe(1))
    expect(registry.size).toBe(0)
    const page = new Y.Doc()
    expect(applyReplies(page, sent)).toBe(1)
    expect(page.getMap('notes').size).toBe(200)
    expect(page.getMap('notes').has('added')).toBe(false)

    release()
    const room = await acquiring
    room.addConnection(connection)
    await room.flush()
    await vi.waitFor(() => {
      applyReplies(page, sent.splice(0))
      expect(page.getMap('notes').get('added')).toBe('while loading')
    })
    expect(page.getMap('notes').size).toBe(201)
  })

  it('sends nothing more when the load changed nothing', async () => {
    const { persistence } = storage()
    await storeWorkshop(persistence, 5)
    const registry = new RoomRegistry({ persistence, log, unloadDelayMs: 60_000, compactEvery: 500 })
    cleanups.push(() => registry.close())
    const { connection, sent } = joiner(syncStep1(new Y.Doc()))
    const room = await registry.acquire('w', connection)
    room.addConnection(connection)
    const page = new Y.Doc()
    // The early reply, and the room's own sync step 1 (which asks; it is not a reply).
    expect(applyReplies(page, sent)).toBe(1)
    expect(page.getMap('notes').size).toBe(5)
  })

  it('waits for the room when the snapshot may need a migration (its schema is not recorded)', async () => {
    const { persistence, dir } = storage()
    await storeWorkshop(persistence, 3)
    const raw = new Database(path.join(dir, 'samskap.sqlite'))
    raw.prepare('UPDATE snapshots SET schema_versions = NULL').run()
    raw.close()
    const { registry, release } = registryHeldOpen(persistence)
    const { connection, sent } = joiner(syncStep1(new Y.Doc()))

    const acquiring = registry.acquire('w', connection)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sent).toEqual([])
    release()
    const room = await acquiring
    room.addConnection(connection)
    const page = new Y.Doc()
    await vi.waitFor(() => expect(applyReplies(page, sent)).toBe(1))
    expect(page.getMap('notes').size).toBe(4)
  })

  it('leaves a reconnecting client (it holds part of the document) to the room', async () => {
    const { persistence } = storage()
    await storeWorkshop(persistence, 3)
    const { registry, release } = registryHeldOpen(persistence)
    const client = new Y.Doc()
    client.getMap('mine').set('x', 1)
    const { connection, sent } = joiner(syncStep1(client))

    const acquiring = registry.acquire('w', connection)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sent).toEqual([])
    release()
    const room = await acquiring
    room.addConnection(connection)
    await vi.waitFor(() => expect(applyReplies(client, sent)).toBe(1))
    expect(client.getMap('notes').size).toBe(4)
  })
})

describe('isEmptySyncStep1', () => {
  it('is true only for a sync step 1 with nothing in its state vector', () => {
    expect(isEmptySyncStep1(syncStep1(new Y.Doc()))).toBe(true)
    const doc = new Y.Doc()
    doc.getMap('m').set('k', 1)
    expect(isEmptySyncStep1(syncStep1(doc))).toBe(false)
    expect(isEmptySyncStep1(new Uint8Array([messageSync, syncProtocol.messageYjsSyncStep2, 1, 0]))).toBe(false)
    expect(isEmptySyncStep1(new Uint8Array([messageSync]))).toBe(false)
    expect(isEmptySyncStep1(new Uint8Array([messageSync, syncProtocol.messageYjsSyncStep1, 1, 0, 7]))).toBe(false)
  })
})

describe('isEmptyUpdate', () => {
  it('is true only for what a client that missed nothing and deleted nothing answers a sync step 1 with', () => {
    const doc = new Y.Doc()
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(true)
    doc.getMap('m').set('k', 1)
    const synced = Y.encodeStateVector(doc)
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc, synced))).toBe(true)
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false)
    // Overwriting deletes the old value: the delete set travels in every later step 2, so it is not empty.
    doc.getMap('m').set('k', 2)
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))).toBe(false)
    expect(isEmptyUpdate(new Uint8Array([0]))).toBe(false)
    expect(isEmptyUpdate(new Uint8Array([0, 0, 0]))).toBe(false)
  })
})
