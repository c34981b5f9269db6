import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as encoding from 'lib0/encoding'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { countRecords } from '../../shared/logic/history'
import { messageSync } from '../../shared/protocol'
import type { NoteRecord } from '../../shared/schema/records/note'
import { SqlitePersistence } from '../persistence/SqlitePersistence'
import { Room } from '../sync/Room'
import type { RoomExtension } from '../sync/RoomExtension'
import { SyncConnection } from '../sync/SyncConnection'
import { readSnapshotRecords, WorkshopHistory } from './WorkshopHistory'

const log = pino({ level: 'silent' })
const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function note(id: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 120, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '' }
}

/** A room on SQLite with the history extension (after `before`), and a client connection to it. */
async function setUp(before: (history: () => WorkshopHistory, room: () => Room) => RoomExtension[] = () => []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samskap-history-'))
  const persistence = new SqlitePersistence(dir)
  const room = await Room.load({ workshopId: 'w', persistence, log, compactEvery: 500, onIdle: () => undefined, onBroken: () => undefined })
  let loaded: Room | undefined = room
  const history = new WorkshopHistory({ persistence, log, findRoom: () => loaded })
  room.attachExtensions([...before(() => history, () => room), history.roomExtension(room)])
  const unload = async () => {
    if (!loaded) return
    loaded = undefined
    await room.unload()
  }
  cleanups.push(async () => {
    await unload()
    await history.close()
    await persistence.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const socket = { readyState: 1, OPEN: 1, CONNECTING: 0, send: () => undefined, close: () => undefined }
  const connection = new SyncConnection(socket as unknown as WebSocket, 'w', log)
  connection.grant = { role: 'participant', participantId: 'p1' }
  room.addConnection(connection)
  const client = new Y.Doc()
  /** Sends what `edit` changes in the client's document, as a client does. */
  const send = (edit: (maps: ReturnType<typeof getWorkshopMaps>) => void) => {
    const before = Y.encodeStateVector(client)
    client.transact(() => edit(getWorkshopMaps(client)))
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(client, before))
    room.handleMessage(connection, encoding.toUint8Array(encoder))
  }
  /** The document as storage holds it, rebuilt the way a restart would. */
  const stored = async () => {
    const { snapshot, updates } = await persistence.loadDocument('w')
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot)
    for (const update of updates) Y.applyUpdate(doc, update)
    return Y.encodeStateAsUpdate(doc)
  }
  return { persistence, room, history, send, stored, unload }
}

describe('history snapshots of a loaded room', () => {
  it('hold exactly the stored state, taken from memory once the room is flushed, not read back', async () => {
    const { persistence, room, history, send, stored } = await setUp()
    const loads = vi.spyOn(persistence, 'loadDocument')
    send(({ items }) => {
      for (let i = 0; i < 3; i++) items.set(`n${i}`, createRecordMap(note(`n${i}`, `idé ${i}`)))
    })
    expect(room.storedState()).toBeNull()
    // Still queued for the writer when asked: the snapshot waits for it.
    const entry = await history.takeSnapshot('w', 'checkpoint', 'før pause')
    expect(loads).not.toHaveBeenCalled()
    const found = await persistence.getHistory('w', entry.id)
    const records = readSnapshotRecords(found!.state)
    expect(records).toEqual(readSnapshotRecords(await stored()))
    expect(records.items.map((item) => item.id).sort()).toEqual(['n0', 'n1', 'n2'])
    expect(found!.entry.counts).toEqual(countRecords(records))
    expect(entry.counts).toMatchObject({ items: 3, byKind: { note: 3 } })
  })

  it('a snapshot asked for while a refused update is applied and undone holds none of it', async () => {
    let during: Promise<{ id: string }> | null = null
    let stateDuring: Uint8Array | null | undefined
    const refuser = (history: () => WorkshopHistory, room: () => Room): RoomExtension => ({
      name: 'refuser',
      checkApplied: ({ transaction }) => {
        if (!getWorkshopMaps(transaction.doc).items.has('secret')) return null
        stateDuring = room().storedState()
        during = history().takeSnapshot('w', 'checkpoint', 'midt i')
        return { reason: 'locked', boardId: 'b1' }
      },
    })
    const { persistence, room, send, stored } = await setUp((history, loaded) => [refuser(history, loaded)])
    send(({ items }) => items.set('kept', createRecordMap(note('kept', 'blir'))))
    await room.flush()
    send(({ items }) => items.set('secret', createRecordMap(note('secret', 'skal bort'))))
    // Flushed, but the document holds the refused update until it is undone: not the stored state.
    expect(stateDuring).toBeNull()
    expect(during).not.toBeNull()
    const entry = await during!
    const found = await persistence.getHistory('w', entry.id)
    const records = readSnapshotRecords(found!.state)
    expect(records.items.map((item) => item.id)).toEqual(['kept'])
    expect(new TextDecoder().decode(found!.state)).not.toContain('skal bort')
    expect(records).toEqual(readSnapshotRecords(await stored()))
    expect(getWorkshopMaps(room.doc).items.has('secret')).toBe(false)
  })

  it('at unload: one snapshot of what the final compaction stored, from memory', async () => {
    const { persistence, history, send, stored, unload } = await setUp()
    send(({ items }) => items.set('n1', createRecordMap(note('n1', 'før lunsj'))))
    const loads = vi.spyOn(persistence, 'loadDocument')
    await unload()
    await history.close()
    expect(loads).not.toHaveBeenCalled()
    const entries = await persistence.listHistory('w')
    expect(entries.map((entry) => [entry.kind, entry.counts])).toEqual([['auto', expect.objectContaining({ items: 1 })]])
    const after = await persistence.loadDocument('w')
    // Compacted: the snapshot is the whole stored document.
    expect(after.updates).toEqual([])
    const found = await persistence.getHistory('w', entries[0]!.id)
    expect(readSnapshotRecords(found!.state)).toEqual(readSnapshotRecords(await stored()))
  })

  it('is built from the database once the room is gone', async () => {
    const { persistence, history, send, unload } = await setUp()
    send(({ items }) => items.set('n1', createRecordMap(note('n1', 'etter lunsj'))))
    await unload()
    const loads = vi.spyOn(persistence, 'loadDocument')
    const entry = await history.takeSnapshot('w', 'checkpoint', 'etterpå')
    expect(loads).toHaveBeenCalledTimes(1)
    expect(entry.counts).toMatchObject({ items: 1, byKind: { note: 1 } })
  })
})
