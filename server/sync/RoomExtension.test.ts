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
import { messageAwareness, messageSync } from '../../shared/protocol'
import { SqlitePersistence } from '../persistence/SqlitePersistence'
import { MalformedMessageError } from './MalformedMessageError'
import { Room } from './Room'
import type { Refusal, RoomExtension } from './RoomExtension'
import { SyncConnection } from './SyncConnection'

const log = pino({ level: 'silent' })
const cleanups: (() => void | Promise<void>)[] = []
const unloaded = new WeakSet<Room>()
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function loadRoom(extensions: RoomExtension[]): Promise<Room> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samskap-room-'))
  const persistence = new SqlitePersistence(dir)
  const room = await Room.load({ workshopId: 'w', persistence, log, compactEvery: 500, onIdle: () => undefined, onBroken: () => undefined })
  cleanups.push(async () => {
    if (!unloaded.has(room)) await room.unload()
    await persistence.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  room.attachExtensions(extensions)
  return room
}

/**
 * A connection on a fake open socket that joined as a client does (its sync step 1 answered, so it
 * gets the room's broadcasts from now on); `sent` holds the message types it was sent.
 */
function connect(room: Room, grant = { role: 'participant' as const, participantId: 'p1' }) {
  const sent: number[] = []
  const socket = { readyState: 1, OPEN: 1, CONNECTING: 0, send: (message: Uint8Array) => sent.push(message[0]!), close: () => undefined }
  const connection = new SyncConnection(socket as unknown as WebSocket, 'w', log)
  connection.grant = grant
  room.addConnection(connection)
  const request = encoding.createEncoder()
  encoding.writeVarUint(request, messageSync)
  syncProtocol.writeSyncStep1(request, new Y.Doc())
  void room.handleMessage(connection, encoding.toUint8Array(request))
  return { connection, sent }
}

function syncUpdate(edit: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(doc)
  edit(doc)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before))
  return encoding.toUint8Array(encoder)
}

const setNote = (text: string) => (doc: Y.Doc) => doc.getMap('notes').set('n', text)

/** Records every hook it sees as `<name>.<hook>`; `refuse` makes one hook refuse. */
function recorder(name: string, calls: string[], refuse: Partial<Record<'beforeApply' | 'checkApplied', Refusal>> = {}): RoomExtension {
  return {
    name,
    onConnect: () => void calls.push(`${name}.onConnect`),
    beforeApply: () => (calls.push(`${name}.beforeApply`), refuse.beforeApply ?? null),
    checkApplied: () => (calls.push(`${name}.checkApplied`), refuse.checkApplied ?? null),
    afterApply: () => void calls.push(`${name}.afterApply`),
    onRefused: ({ refusal, undone }) => void calls.push(`${name}.onRefused:${refusal.reason}:${undone ? 'undone' : 'not applied'}`),
    afterCommit: ({ local }) => void calls.push(`${name}.afterCommit:${local}`),
    beforeUnload: () => void calls.push(`${name}.beforeUnload`),
    atUnload: () => void calls.push(`${name}.atUnload`),
    onDestroy: () => void calls.push(`${name}.onDestroy`),
  }
}

describe('room extension points', () => {
  it('runs each hook in the listed order: connect, apply, check, after, commit, unload, at unload, destroy', async () => {
    const calls: string[] = []
    const room = await loadRoom([recorder('a', calls), recorder('b', calls)])
    const { connection } = connect(room)
    room.handleMessage(connection, syncUpdate(setNote('hello')))
    await room.flush()
    expect(room.doc.getMap('notes').get('n')).toBe('hello')
    await room.unload()
    unloaded.add(room)
    expect(calls).toEqual([
      'a.onConnect',
      'b.onConnect',
      'a.beforeApply',
      'b.beforeApply',
      'a.checkApplied',
      'b.checkApplied',
      'a.afterApply',
      'b.afterApply',
      'a.afterCommit:true',
      'b.afterCommit:true',
      'a.beforeUnload',
      'b.beforeUnload',
      'a.atUnload',
      'b.atUnload',
      'a.onDestroy',
      'b.onDestroy',
    ])
  })

  it('beforeApply refuses before anything changes: later hooks are skipped, nothing is stored, everyone hears why', async () => {
    const calls: string[] = []
    const room = await loadRoom([recorder('a', calls, { beforeApply: { reason: 'readOnly', boardId: null } }), recorder('b', calls)])
    const { connection } = connect(room)
    calls.length = 0
    room.handleMessage(connection, syncUpdate(setNote('nope')))
    await room.flush()
    expect(room.doc.getMap('notes').size).toBe(0)
    expect(calls).toEqual(['a.beforeApply', 'a.onRefused:readOnly:not applied', 'b.onRefused:readOnly:not applied'])
  })

  it('checkApplied refuses after applying: the update is undone, and the undo reaches the sender too', async () => {
    const calls: string[] = []
    const room = await loadRoom([recorder('a', calls), recorder('b', calls, { checkApplied: { reason: 'locked', boardId: 'B' } })])
    const { connection, sent } = connect(room)
    const other = connect(room)
    calls.length = 0
    sent.length = 0
    room.handleMessage(connection, syncUpdate(setNote('nope')))
    await room.flush()
    expect(room.doc.getMap('notes').size).toBe(0)
    expect(calls).toEqual([
      'a.beforeApply',
      'b.beforeApply',
      'a.checkApplied',
      'b.checkApplied',
      'a.onRefused:locked:undone',
      'b.onRefused:locked:undone',
      'a.afterCommit:true',
      'b.afterCommit:true',
    ])
    // The update and its undo are stored and broadcast as one batch, to the sender as well.
    expect(sent).toEqual([messageSync])
    expect(other.sent.at(-1)).toBe(messageSync)
  })

  it('lets an extension refuse by the raw bytes and the sender’s identity (a trust check)', async () => {
    // Only structs written under the sender's own Yjs client id are accepted.
    const ownClientIds = new Map<string, number>([['p1', 1]])
    const authorship: RoomExtension = {
      name: 'authorship',
      beforeApply: ({ connection, update }) => {
        const allowed = ownClientIds.get(connection.grant?.participantId ?? '')
        const clients = Y.decodeUpdate(update).structs.map((struct) => struct.id.client)
        return clients.every((client) => client === allowed) ? null : { reason: 'invalid', boardId: null }
      },
    }
    const refused: string[] = []
    const teller: RoomExtension = { name: 'teller', onRefused: ({ refusal }) => void refused.push(refusal.reason) }
    const room = await loadRoom([authorship, teller])
    const { connection } = connect(room)
    const mine = new Y.Doc()
    mine.clientID = 1
    const theirs = new Y.Doc()
    theirs.clientID = 2
    // The room reads the update out of the sync message; extensions see the bare Yjs update.
    room.handleMessage(connection, syncUpdate(setNote('forged'), theirs))
    room.handleMessage(connection, syncUpdate(setNote('mine'), mine))
    await room.flush()
    expect(refused).toEqual(['invalid'])
    expect(room.doc.getMap('notes').get('n')).toBe('mine')
  })

  it('routes extra message types to the extension that claims them; unknown ones are malformed', async () => {
    const received: string[] = []
    const room = await loadRoom([
      { name: 'echo', messages: [{ type: 42, kind: 'control', handle: (_connection, decoder) => void received.push(decoding.readVarString(decoder)) }] },
    ])
    const { connection } = connect(room)
    const message = (type: number) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, type)
      encoding.writeVarString(encoder, 'hi')
      return encoding.toUint8Array(encoder)
    }
    room.handleMessage(connection, message(42))
    expect(received).toEqual(['hi'])
    expect(() => room.handleMessage(connection, message(43))).toThrow(MalformedMessageError)
  })

  it('refuses two extensions claiming one message type', async () => {
    const claim = (name: string): RoomExtension => ({ name, messages: [{ type: 42, kind: 'control', handle: () => undefined }] })
    await expect(loadRoom([claim('one'), claim('two')])).rejects.toThrow(/claimed twice/)
  })

  it('passes awareness updates through every onAwareness in order before applying them', async () => {
    const seen: string[] = []
    const pass = (name: string): RoomExtension => ({ name, onAwareness: (_connection, update) => (seen.push(name), update) })
    const room = await loadRoom([pass('first'), pass('second')])
    const { connection } = connect(room)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    const entries = encoding.createEncoder()
    encoding.writeVarUint(entries, 1)
    encoding.writeVarUint(entries, 7)
    encoding.writeVarUint(entries, 1)
    encoding.writeVarString(entries, JSON.stringify({ user: { name: 'Ada' } }))
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(entries))
    room.handleMessage(connection, encoding.toUint8Array(encoder))
    expect(seen).toEqual(['first', 'second'])
    expect(room.awareness.getStates().get(7)).toEqual({ user: { name: 'Ada' } })
    expect(connection.awarenessClientIds.has(7)).toBe(true)
  })
})
