import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { withoutUpdateEvents } from './withoutUpdateEvents'

const copyOrigin = { name: 'the stored copy' }
const ownEdit = { name: 'own edit' }

function someNotes(count: number): Uint8Array {
  const source = new Y.Doc()
  const items = source.getMap<Y.Map<unknown>>('items')
  source.transact(() => {
    for (let i = 0; i < count; i++) items.set(`n${i}`, new Y.Map<unknown>([['text', `note ${i}`]]))
  })
  return Y.encodeStateAsUpdate(source)
}

function listen(doc: Y.Doc): unknown[] {
  const origins: unknown[] = []
  doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
  return origins
}

describe('withoutUpdateEvents', () => {
  it('emits no update for a transaction of the origin, and the document holds what it applied', () => {
    const doc = new Y.Doc()
    const origins = listen(doc)
    withoutUpdateEvents(doc, copyOrigin)
    Y.applyUpdate(doc, someNotes(50), copyOrigin)
    expect(origins).toEqual([])
    expect(doc.getMap('items').size).toBe(50)
  })

  it('gives the listeners back: the next edit of another origin is emitted, once', () => {
    const doc = new Y.Doc()
    const origins = listen(doc)
    withoutUpdateEvents(doc, copyOrigin)
    Y.applyUpdate(doc, someNotes(5), copyOrigin)
    doc.transact(() => doc.getMap('items').set('mine', 1), ownEdit)
    expect(origins).toEqual([ownEdit])
  })

  it('keeps the update of a transaction an observer of the quiet one started (cleaned up in the same chain)', () => {
    const doc = new Y.Doc()
    const origins = listen(doc)
    withoutUpdateEvents(doc, copyOrigin)
    const items = doc.getMap('items')
    let answered = false
    items.observe((_event, transaction) => {
      if (transaction.origin !== copyOrigin || answered) return
      answered = true
      doc.transact(() => doc.getMap('meta').set('seen', true), ownEdit)
    })
    Y.applyUpdate(doc, someNotes(3), copyOrigin)
    expect(origins).toEqual([ownEdit])
    // And what that transaction wrote reaches another document through its update.
    const other = new Y.Doc()
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(other, update))
    doc.transact(() => doc.getMap('meta').set('again', true), ownEdit)
    expect(origins).toEqual([ownEdit, ownEdit])
  })

  it('keeps a listener attached while the quiet transaction ran (which hears it, as it would have)', () => {
    const doc = new Y.Doc()
    const first = listen(doc)
    withoutUpdateEvents(doc, copyOrigin)
    const late: unknown[] = []
    doc.getMap('items').observe(() => {
      if (late.length === 0) doc.on('update', (_u: Uint8Array, origin: unknown) => late.push(origin))
    })
    Y.applyUpdate(doc, someNotes(2), copyOrigin)
    doc.transact(() => doc.getMap('items').set('mine', 1), ownEdit)
    expect(first).toEqual([ownEdit])
    expect(late).toEqual([copyOrigin, ownEdit])
  })

  it('a peer that syncs from the document afterwards still receives everything the quiet transaction applied', () => {
    const doc = new Y.Doc()
    listen(doc)
    withoutUpdateEvents(doc, copyOrigin)
    Y.applyUpdate(doc, someNotes(20), copyOrigin)
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(peer)))
    expect(peer.getMap('items').toJSON()).toEqual(doc.getMap('items').toJSON())
  })
})
