import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { SyncConnection } from '../sync/SyncConnection'
import { Authorship, SERVER_IDENTITY } from './Authorship'

const log = pino({ level: 'silent' })

function participantConnection(): SyncConnection {
  const socket = { readyState: 1, OPEN: 1, CONNECTING: 0, send: () => undefined, close: () => undefined }
  const connection = new SyncConnection(socket as unknown as WebSocket, 'w', log)
  connection.grant = { role: 'participant', participantId: 'p1' }
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
