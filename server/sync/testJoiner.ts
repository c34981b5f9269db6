import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { pino } from 'pino'
import type { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import { expect, vi } from 'vitest'
import * as Y from 'yjs'
import { messageSync } from '../../shared/protocol'
import type { Persistence } from '../persistence/Persistence'
import { RoomRegistry } from './RoomRegistry'
import { SyncConnection } from './SyncConnection'

// Test helpers for a cold join (storedReply.test.ts, tests/scaleout/storedReplyPostgres.test.ts):
// a joiner on a fake socket, its sync request, and a registry whose load waits until released.

const log = pino({ level: 'silent' })

/** A connection on a fake open socket that keeps what it is sent; its first message is queued at once, as a page's is. */
export function joiner(first: Uint8Array, workshopId = 'w') {
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
  const connection = new SyncConnection(socket as unknown as WebSocket, workshopId, log)
  connection.grant = { role: 'participant', participantId: 'p1' }
  connection.receive(Buffer.from(first), true)
  return { connection, sent }
}

export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Applies every sync step 2 among `sent` to `doc`; how many there were. */
export function applyReplies(doc: Y.Doc, sent: readonly Uint8Array[]): number {
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

/** A registry whose one extension holds the load until `release` (so a test sees the joiner mid-load) and then writes `added`. Close it after the test. */
export function registryHeldOpen(persistence: Persistence) {
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
  return { registry, release }
}

/**
 * A fresh joiner while the load is held: the stored reply reaches it before the room exists (the
 * page then holds `notes` notes), and what the load added follows once the room is there.
 */
export async function expectEarlyReply(held: ReturnType<typeof registryHeldOpen>, notes: number): Promise<void> {
  const { registry, release } = held
  const { connection, sent } = joiner(syncStep1(new Y.Doc()))
  const acquiring = registry.acquire('w', connection)
  await vi.waitFor(() => expect(sent.length).toBe(1))
  expect(registry.size).toBe(0)
  const page = new Y.Doc()
  expect(applyReplies(page, sent)).toBe(1)
  expect(page.getMap('notes').size).toBe(notes)
  expect(page.getMap('notes').has('added')).toBe(false)

  release()
  const room = await acquiring
  room.addConnection(connection)
  await room.flush()
  await vi.waitFor(() => {
    applyReplies(page, sent.splice(0))
    expect(page.getMap('notes').get('added')).toBe('while loading')
  })
  expect(page.getMap('notes').size).toBe(notes + 1)
}

/** A joiner holding `client`'s state while the load is held: nothing is sent until the room is there, then the room's one reply. */
export async function expectRoomReply(held: ReturnType<typeof registryHeldOpen>, client: Y.Doc): Promise<void> {
  const { connection, sent } = joiner(syncStep1(client))
  const acquiring = held.registry.acquire('w', connection)
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(sent).toEqual([])
  held.release()
  const room = await acquiring
  room.addConnection(connection)
  await vi.waitFor(() => expect(applyReplies(client, sent)).toBe(1))
}
