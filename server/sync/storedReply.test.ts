import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageSync } from '../../shared/protocol'
import { SqlitePersistence } from '../persistence/SqlitePersistence'
import { Room } from './Room'
import { RoomRegistry } from './RoomRegistry'
import { isEmptySyncStep1, isEmptyUpdate } from './storedReply'
import { applyReplies, expectEarlyReply, expectRoomReply, joiner, registryHeldOpen as heldOpen, syncStep1 } from './testJoiner'

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

function registryHeldOpen(persistence: SqlitePersistence) {
  const held = heldOpen(persistence)
  cleanups.push(() => held.registry.close())
  return held
}

describe('the first sync reply from stored bytes', () => {
  it('answers a fresh joiner while the room is still loading, then sends what the load added', async () => {
    const { persistence } = storage()
    await storeWorkshop(persistence, 200)
    await expectEarlyReply(registryHeldOpen(persistence), 200)
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
    const page = new Y.Doc()
    await expectRoomReply(registryHeldOpen(persistence), page)
    expect(page.getMap('notes').size).toBe(4)
  })

  it('leaves a reconnecting client (it holds part of the document) to the room', async () => {
    const { persistence } = storage()
    await storeWorkshop(persistence, 3)
    const client = new Y.Doc()
    client.getMap('mine').set('x', 1)
    await expectRoomReply(registryHeldOpen(persistence), client)
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
