import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SyncConnection } from './SyncConnection'
import { UndoableApply } from './UndoableApply'

/** A connection as the applier sees one: its class is what the undo manager tracks; no grant, no known state. */
function fakeConnection(): SyncConnection {
  const connection = Object.create(SyncConnection.prototype) as SyncConnection
  Object.defineProperty(connection, 'grant', { value: null })
  Object.defineProperty(connection, 'knownState', { value: null })
  return connection
}

/** A client's document whose updates are collected, to be applied to the room's document one by one. */
function clientWriting(): { items: Y.Map<Y.Map<unknown>>; updates: Uint8Array[] } {
  const client = new Y.Doc()
  const updates: Uint8Array[] = []
  client.on('update', (update: Uint8Array) => updates.push(update))
  return { items: client.getMap<Y.Map<unknown>>('items'), updates }
}

function contains(haystack: Uint8Array, text: string): boolean {
  return Buffer.from(haystack).includes(Buffer.from(text))
}

describe('UndoableApply with an update that stands', () => {
  it('applies it in one transaction on the document: emptying the undo stack opens none', () => {
    const doc = new Y.Doc()
    const applier = new UndoableApply(doc)
    const connection = fakeConnection()
    const { items, updates } = clientWriting()
    const note = new Y.Map<unknown>()
    note.set('text', 'first')
    items.set('n1', note)
    note.set('x', 10)
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    for (const update of updates) {
      const outcome = applier.apply(connection, update, () => null)
      expect(outcome.refusal).toBeNull()
      expect(outcome.updates).toHaveLength(1)
    }
    expect(transactions).toBe(updates.length)
    expect(doc.getMap<Y.Map<unknown>>('items').get('n1')?.get('x')).toBe(10)
  })

  it('lets what it overwrote or deleted be collected, a deleted record with everything in it', () => {
    const doc = new Y.Doc()
    const applier = new UndoableApply(doc)
    const connection = fakeConnection()
    const { items, updates } = clientWriting()
    const note = new Y.Map<unknown>()
    note.set('text', 'overwritten words')
    items.set('n1', note)
    note.set('text', 'standing words')
    const other = new Y.Map<unknown>()
    other.set('text', 'deleted record words')
    items.set('n2', other)
    items.delete('n2')
    for (const update of updates) expect(applier.apply(connection, update, () => null).refusal).toBeNull()
    const state = Y.encodeStateAsUpdate(doc)
    expect(contains(state, 'standing words')).toBe(true)
    expect(contains(state, 'overwritten words')).toBe(false)
    expect(contains(state, 'deleted record words')).toBe(false)
    for (const structs of doc.store.clients.values()) {
      for (const struct of structs) if (struct instanceof Y.Item) expect(struct.keep).toBe(false)
    }
  })

  it('still undoes a refused one after updates that stood, and keeps nothing of it', () => {
    const doc = new Y.Doc()
    const applier = new UndoableApply(doc)
    const connection = fakeConnection()
    const { items, updates } = clientWriting()
    const note = new Y.Map<unknown>()
    note.set('text', 'kept words')
    items.set('n1', note)
    const standing = updates.length
    note.set('text', 'refused words')
    for (const update of updates.slice(0, standing)) expect(applier.apply(connection, update, () => null).refusal).toBeNull()
    const outcome = applier.apply(connection, updates[standing]!, () => ({ reason: 'invalid', boardId: null, detail: 'test' }))
    expect(outcome.refusal?.reason).toBe('invalid')
    expect(doc.getMap<Y.Map<unknown>>('items').get('n1')?.get('text')).toBe('kept words')
    expect(contains(Y.encodeStateAsUpdate(doc), 'refused words')).toBe(false)
  })
})
