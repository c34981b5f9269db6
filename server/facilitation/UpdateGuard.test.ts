import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, initializeWorkshop } from '../../shared/doc/workshopDoc'
import type { DocumentChange } from '../../shared/facilitation/guard'
import type { NoteRecord } from '../../shared/schema/records/note'
import { SyncConnection } from '../sync/SyncConnection'
import { UndoableApply } from '../sync/UndoableApply'
import { UpdateGuard } from './UpdateGuard'

function note(id: string, boardId: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '' }
}

/** A connection whose socket is already gone: the origin of its updates, nothing is sent. */
function closedConnection(): SyncConnection {
  const socket = { readyState: 3, OPEN: 1, CONNECTING: 0 } as unknown as WebSocket
  return new SyncConnection(socket, 'w', pino({ level: 'silent' }))
}

/**
 * A server doc with boards A and L and one note on each, read by the guard and applied to as the
 * room does (UndoableApply), and a client that has synced it.
 */
function setup() {
  const server = new Y.Doc()
  initializeWorkshop(server, {
    meta: { title: 'T', language: 'nb', createdAt: 1 },
    firstBoard: { id: 'A', title: 'A', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' },
  })
  const maps = getWorkshopMaps(server)
  server.transact(() => {
    maps.boards.set('L', createRecordMap({ id: 'L', title: 'L', order: 'a1', template: 'canvas', showHelp: false, linkedBoardId: '' }))
    maps.items.set('onA', createRecordMap(note('onA', 'A', 'a')))
    maps.items.set('onL', createRecordMap(note('onL', 'L', 'l')))
  })
  const guard = new UpdateGuard(server, maps)
  const undoable = new UndoableApply(server)
  const connection = closedConnection()
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  /** Runs `edit` on the client and sends its update through the guard; the client then gets what the server has. */
  const send = (edit: (maps: ReturnType<typeof getWorkshopMaps>) => void, refuseBoard = 'L') => {
    const before = Y.encodeStateVector(client)
    client.transact(() => edit(getWorkshopMaps(client)))
    const update = Y.encodeStateAsUpdate(client, before)
    const seen: (DocumentChange | null)[] = []
    const { refusal } = undoable.apply(connection, update, (transaction) => {
      const change = guard.changeOf(transaction)
      seen.push(change)
      if (!change) return null
      const refused = change.unknown || change.items.some((i) => i.boardBefore === refuseBoard || i.boardAfter === refuseBoard)
      return refused ? { reason: 'locked', boardId: refuseBoard } : null
    })
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)))
    return { refusal, change: seen[0] }
  }
  return { server, client, guard, send, maps }
}

const texts = (doc: Y.Doc) =>
  Object.fromEntries([...getWorkshopMaps(doc).items.entries()].map(([id, map]) => [id, map.get('text')]))

describe('UpdateGuard', () => {
  it('keeps an allowed edit and reports which board it touched', () => {
    const { server, send } = setup()
    const { refusal, change } = send((m) => m.items.get('onA')!.set('text', 'ny'))
    expect(refusal).toBeNull()
    expect(change).toMatchObject({ meta: false, boards: false, session: false, unknown: false, items: [{ id: 'onA', boardBefore: 'A', boardAfter: 'A' }] })
    expect(texts(server).onA).toBe('ny')
  })

  it.each([
    ['a new note', (m: ReturnType<typeof getWorkshopMaps>) => m.items.set('new', createRecordMap(note('new', 'L', 'x')))],
    ['a text edit', (m: ReturnType<typeof getWorkshopMaps>) => m.items.get('onL')!.set('text', 'changed')],
    ['a deletion', (m: ReturnType<typeof getWorkshopMaps>) => m.items.delete('onL')],
    ['a move off the board', (m: ReturnType<typeof getWorkshopMaps>) => m.items.get('onL')!.set('boardId', 'A')],
  ])('undoes %s everywhere, the sender included', (_name, edit) => {
    const { server, client, send } = setup()
    const before = texts(server)
    expect(send(edit).refusal).toEqual({ reason: 'locked', boardId: 'L' })
    expect(texts(server)).toEqual(before)
    expect(texts(client)).toEqual(before)
    expect(getWorkshopMaps(server).items.get('onL')?.get('boardId')).toBe('L')
    // A newcomer gets the server's state and sees nothing of the refused change.
    const newcomer = new Y.Doc()
    Y.applyUpdate(newcomer, Y.encodeStateAsUpdate(server))
    expect(texts(newcomer)).toEqual(before)
  })

  it('keeps taking the same client’s later updates after a refusal', () => {
    const { server, client, send } = setup()
    send((m) => m.items.get('onL')!.set('text', 'no'))
    expect(send((m) => m.items.get('onA')!.set('text', 'yes')).refusal).toBeNull()
    expect(texts(server)).toEqual({ onA: 'yes', onL: 'l' })
    expect(texts(client)).toEqual({ onA: 'yes', onL: 'l' })
    expect(server.store.pendingStructs).toBeNull()
  })

  it('sees and undoes parts of the document a workshop does not have', () => {
    const { server, client, send } = setup()
    // An empty update (every reconnect's answer to the server's sync step 1) is not even applied: nothing to judge.
    expect(send(() => undefined)).toEqual({ refusal: null, change: undefined })
    const result = send(() => client.getMap('evil').set('x', 'y'))
    expect(result.refusal).not.toBeNull()
    expect(result.change).toMatchObject({ unknown: true })
    expect(server.getMap('evil').size).toBe(0)
    expect(client.getMap('evil').size).toBe(0)
  })

  it('reads only client transactions, not what the server writes itself', () => {
    const { guard, maps, server } = setup()
    let transaction: Y.Transaction | null = null
    server.on('afterTransaction', (t: Y.Transaction) => (transaction = t))
    server.transact(() => maps.items.get('onA')!.set('text', 'server'), 'facilitation')
    expect(transaction).not.toBeNull()
    expect(guard.changeOf(transaction!)).toBeNull()
  })

  it('tracks the board of each item, also for deletions and moves by anyone', () => {
    const { guard, maps, server } = setup()
    expect(guard.boardOf('onL')).toBe('L')
    maps.items.get('onL')!.set('boardId', 'A')
    expect(guard.boardOf('onL')).toBe('A')
    server.transact(() => maps.items.delete('onL'))
    expect(guard.boardOf('onL')).toBeNull()
  })
})
