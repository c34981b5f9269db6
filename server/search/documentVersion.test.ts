import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { documentVersion } from './documentVersion'

function edited(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const items = doc.getMap<string>('items')
  items.set('a', 'Flere benker')
  items.set('b', 'En kafé')
  items.set('a', 'Flere bord')
  return { doc, updates }
}

describe('documentVersion', () => {
  it('is the same for the same content, loaded from a snapshot or from its log', () => {
    const { doc, updates } = edited()
    const fromSnapshot = new Y.Doc()
    Y.applyUpdate(fromSnapshot, Y.encodeStateAsUpdate(doc))
    const fromLog = new Y.Doc()
    for (const update of [...updates].reverse()) Y.applyUpdate(fromLog, update)
    expect(documentVersion(fromSnapshot)).toBe(documentVersion(doc))
    expect(documentVersion(fromLog)).toBe(documentVersion(doc))
  })

  it('changes with an edit, and with a deletion alone (which adds no struct, so not the state vector)', () => {
    const { doc } = edited()
    const before = documentVersion(doc)
    const vector = Y.encodeStateVector(doc)
    doc.getMap('items').delete('b')
    expect(Y.encodeStateVector(doc)).toEqual(vector)
    const afterDelete = documentVersion(doc)
    expect(afterDelete).not.toBe(before)
    doc.getMap('items').set('c', 'Lys')
    expect(documentVersion(doc)).not.toBe(afterDelete)
  })
})
