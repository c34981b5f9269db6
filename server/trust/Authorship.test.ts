import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { SyncConnection } from '../sync/SyncConnection'
import { Authorship, SERVER_IDENTITY, writersAtAGlance } from './Authorship'

const log = pino({ level: 'silent' })

function participantConnection(participantId = 'p1'): SyncConnection {
  const socket = { readyState: 1, OPEN: 1, CONNECTING: 0, send: () => undefined, close: () => undefined }
  const connection = new SyncConnection(socket as unknown as WebSocket, 'w', log)
  connection.grant = { role: 'participant', participantId }
  return connection
}

/** An update writing one struct under `clientId`. */
function updateUnder(clientId: number): Uint8Array {
  const forger = new Y.Doc()
  forger.clientID = clientId
  forger.getMap('items').set('x', 'forged')
  return Y.encodeStateAsUpdate(forger)
}

describe('the room’s own client id (Authorship)', () => {
  it('is the server’s from the start, without a stored binding until the server writes under it', () => {
    const doc = new Y.Doc()
    const authorsDoc = new Y.Doc()
    const authorship = new Authorship(doc, authorsDoc)
    const bindings = authorsDoc.getMap<string>('clients')
    expect(authorship.ownerOf(doc.clientID)).toBe(SERVER_IDENTITY)
    expect(bindings.size).toBe(0)
    const refusal = authorship.beforeApply({ connection: participantConnection(), update: updateUnder(doc.clientID) })
    expect(refusal?.reason).toBe('authorship')

    // The binding is an update of its own document before the write is one of the room's: it is
    // queued for storage (and the other instances) first.
    const order: string[] = []
    authorsDoc.on('update', () => order.push('binding'))
    doc.on('update', () => order.push('write'))
    doc.getMap('session').set('phase', 'writing')
    doc.getMap('session').set('phase', 'voting')
    expect(bindings.get(String(doc.clientID))).toBe(SERVER_IDENTITY)
    expect(order).toEqual(['binding', 'write', 'write'])
    authorship.onDestroy()
  })

  it('a later load (a new server id) keeps the old one the server’s through its binding', () => {
    const authorsDoc = new Y.Doc()
    const first = new Y.Doc()
    const firstAuthorship = new Authorship(first, authorsDoc)
    first.getMap('session').set('phase', 'writing')
    firstAuthorship.onDestroy()
    const second = new Y.Doc()
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first))
    const secondAuthorship = new Authorship(second, authorsDoc)
    expect(secondAuthorship.ownerOf(first.clientID)).toBe(SERVER_IDENTITY)
    expect(secondAuthorship.ownerOf(second.clientID)).toBe(SERVER_IDENTITY)
    expect(authorsDoc.getMap('clients').size).toBe(1)
    secondAuthorship.onDestroy()
  })
})

/** An update through authorship as the room runs it: checked, applied (unless refused), and bound. */
function send(authorship: Authorship, doc: Y.Doc, connection: SyncConnection, update: Uint8Array): string | null {
  const refusal = authorship.beforeApply({ connection, update })
  if (refusal) return refusal.reason
  let applied: Y.Transaction | null = null
  const capture = (transaction: Y.Transaction) => (applied = transaction)
  doc.on('afterTransaction', capture)
  Y.applyUpdate(doc, update, connection)
  doc.off('afterTransaction', capture)
  if (applied) authorship.checkApplied({ connection, update, transaction: applied })
  return null
}

/** A client document under `clientId` whose updates are collected. */
function writer(clientId: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return { doc, updates }
}

/** An update of two structs under `clientId`, from its clock 0: the second is new to a room that has the first. */
function twoWritesUnder(clientId: number): Uint8Array {
  const { doc } = writer(clientId)
  doc.getMap('items').set('y', 'forged')
  doc.getMap('items').set('y', 'forged again')
  return Y.encodeStateAsUpdate(doc)
}

describe('reading who an update writes under (Authorship)', () => {
  it('tells a one-section update’s id from its header, and says nothing of several sections', () => {
    expect(writersAtAGlance(updateUnder(4242))).toEqual([4242])
    expect(writersAtAGlance(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual([])
    expect(writersAtAGlance(Y.mergeUpdates([updateUnder(1), updateUnder(2)]))).toBeNull()
  })

  it('refuses an update whose second section writes under someone else’s id, though its first is the sender’s own', () => {
    const doc = new Y.Doc()
    const authorship = new Authorship(doc, new Y.Doc())
    expect(send(authorship, doc, participantConnection('p2'), updateUnder(200))).toBeNull()
    expect(authorship.ownerOf(200)).toBe('p:p2')
    expect(send(authorship, doc, participantConnection('p1'), updateUnder(100))).toBeNull()
    // New structs under the sender's own id first, then under p2's, in one update of two sections.
    const both = Y.mergeUpdates([twoWritesUnder(100), twoWritesUnder(200)])
    expect(writersAtAGlance(both)).toBeNull()
    expect(send(authorship, doc, participantConnection('p1'), both)).toBe('authorship')
    expect(doc.getMap('items').get('y')).toBeUndefined()
    authorship.onDestroy()
  })

  it('binds the ids of structs that waited for what they build on, integrated along with another’s update', () => {
    const doc = new Y.Doc()
    const authorsDoc = new Y.Doc()
    const authorship = new Authorship(doc, authorsDoc)
    const first = writer(200)
    first.doc.getArray('list').insert(0, ['a'])
    const second = writer(300)
    Y.applyUpdate(second.doc, first.updates[0]!)
    second.doc.getArray('list').insert(1, ['b'])
    // 300's struct builds on 200's, which the room does not have yet: it waits (pending).
    expect(send(authorship, doc, participantConnection('p3'), second.updates.at(-1)!)).toBeNull()
    expect(authorship.ownerOf(300)).toBeNull()
    expect(send(authorship, doc, participantConnection('p2'), first.updates[0]!)).toBeNull()
    expect(doc.getArray('list').toArray()).toEqual(['a', 'b'])
    expect(authorship.ownerOf(200)).toBe('p:p2')
    // As before the header shortcut: whoever's update let them in is who they are bound to (not
    // left unbound, which would make them `legacy`).
    expect(authorsDoc.getMap<string>('clients').get('300')).toBe('p:p2')
    authorship.onDestroy()
  })
})
