import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { trimDecodedContent } from './trimDecodedContent'
import { createRecordMap } from './workshopDoc'

function noteUpdates(count: number): Uint8Array[] {
  const writer = new Y.Doc()
  const updates: Uint8Array[] = []
  writer.on('update', (update: Uint8Array) => updates.push(update))
  const items = writer.getMap<Y.Map<unknown>>('items')
  for (let i = 0; i < count; i++) {
    writer.transact(() => items.set(`n${i}`, createRecordMap({ id: `n${i}`, kind: 'note', x: i, text: `note ${i}`, sdgs: [3, 11] })))
    if (i % 3 === 0) items.get(`n${i}`)!.set('x', i * 2)
    if (i % 5 === 0) items.delete(`n${i}`)
  }
  return updates
}

/** Every ContentAny array in the document, by struct id. */
function contentArrays(doc: Y.Doc): Map<string, unknown[]> {
  const arrays = new Map<string, unknown[]>()
  doc.store.clients.forEach((structs) => {
    for (const struct of structs) {
      const content = (struct as Y.Item).content
      if (content instanceof Y.ContentAny) arrays.set(`${struct.id.client}:${struct.id.clock}`, content.arr)
    }
  })
  return arrays
}

describe('trimDecodedContent', () => {
  it('replaces each decoded value array by a copy, and the document stays the same', () => {
    const updates = noteUpdates(40)
    const plain = new Y.Doc()
    const trimmed = new Y.Doc()
    trimDecodedContent(trimmed)
    const decoded = new Map<string, unknown[]>()
    // Before the cleanup: the arrays as Yjs decoded them.
    trimmed.on('afterTransaction', () => contentArrays(trimmed).forEach((arr, id) => decoded.has(id) || decoded.set(id, arr)))
    for (const update of updates) {
      Y.applyUpdate(plain, update)
      Y.applyUpdate(trimmed, update)
    }
    const after = contentArrays(trimmed)
    expect(after.size).toBeGreaterThan(40)
    for (const [id, arr] of after) {
      expect(arr).not.toBe(decoded.get(id))
      expect(arr).toEqual(decoded.get(id))
    }
    expect(trimmed.getMap('items').toJSON()).toEqual(plain.getMap('items').toJSON())
    expect(Y.encodeStateAsUpdate(trimmed)).toEqual(Y.encodeStateAsUpdate(plain))
  })

  it('trims the values of one whole-document update (a room loaded from its snapshot)', () => {
    const source = new Y.Doc()
    for (const update of noteUpdates(20)) Y.applyUpdate(source, update)
    const doc = new Y.Doc()
    trimDecodedContent(doc)
    let decoded: Map<string, unknown[]> = new Map()
    doc.on('afterTransaction', () => (decoded = contentArrays(doc)))
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
    const after = contentArrays(doc)
    expect(after.size).toBe(decoded.size)
    for (const [id, arr] of after) expect(arr).not.toBe(decoded.get(id))
    expect(doc.getMap('items').toJSON()).toEqual(source.getMap('items').toJSON())
  })

  it('leaves a long list alone, so a list growing one value at a time is not copied whole each time', () => {
    const writer = new Y.Doc()
    const list = writer.getArray<number>('list')
    list.push(Array.from({ length: 40 }, (_, i) => i))
    const doc = new Y.Doc()
    trimDecodedContent(doc)
    let decoded: unknown[] | undefined
    doc.on('afterTransaction', () => (decoded = [...contentArrays(doc).values()][0]))
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer))
    expect([...contentArrays(doc).values()][0]).toBe(decoded)
  })

  it('stops when told to', () => {
    const doc = new Y.Doc()
    const stop = trimDecodedContent(doc)
    stop()
    let decoded: Map<string, unknown[]> = new Map()
    doc.on('afterTransaction', () => (decoded = contentArrays(doc)))
    for (const update of noteUpdates(3)) Y.applyUpdate(doc, update)
    for (const [id, arr] of contentArrays(doc)) expect(arr).toBe(decoded.get(id))
  })
})
