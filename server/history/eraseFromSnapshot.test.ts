import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { ConnectorRecord } from '../../shared/schema/records/connector'
import type { NoteRecord } from '../../shared/schema/records/note'
import { eraseFromSnapshot } from './eraseFromSnapshot'

function note(id: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '' }
}

function arrow(id: string, from: string, to: string): ConnectorRecord {
  return { id, kind: 'connector', boardId: 'b1', from: { itemId: from }, to: { itemId: to }, relation: '', arrowhead: 'end', color: '#333333', createdAt: 1 }
}

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text))

/**
 * A state as history stores it. Written without garbage collection and with Kari's text edited, so
 * her first draft is in it as a deleted but not collected struct, as a stored state may hold.
 */
function snapshot(): { state: Uint8Array; kari: Y.Doc } {
  const kari = new Y.Doc({ gc: false })
  const items = getWorkshopMaps(kari).items
  items.set('kari', createRecordMap(note('kari', 'Kari første utkast')))
  ;(items.get('kari') as Y.Map<unknown>).set('text', 'Kari endelig tekst')
  items.set('ola', createRecordMap(note('ola', 'Ola skreiv dette')))
  items.set('pil', createRecordMap(arrow('pil', 'ola', 'kari')))
  return { state: Y.encodeStateAsUpdate(kari), kari }
}

describe('eraseFromSnapshot', () => {
  it('drops the items and the arrows bound to them from the bytes, keeps the rest, and still merges with documents that had them', () => {
    const { state, kari } = snapshot()
    expect(has(state, 'Kari første utkast') && has(state, 'Kari endelig tekst')).toBe(true)
    const erased = eraseFromSnapshot(state, new Set(['kari']))!
    for (const text of ['Kari første utkast', 'Kari endelig tekst']) expect(has(erased, text), text).toBe(false)
    expect(has(erased, 'Ola skreiv dette')).toBe(true)
    const read = new Y.Doc()
    Y.applyUpdate(read, erased)
    // Ola's arrow to her note goes with it, as on the live board.
    expect([...getWorkshopMaps(read).items.keys()]).toEqual(['ola'])
    // The erased state and the live document that once held the items converge (ids and lengths stay).
    Y.applyUpdate(kari, erased)
    Y.applyUpdate(read, Y.encodeStateAsUpdate(kari))
    expect(getWorkshopMaps(read).items.toJSON()).toEqual(getWorkshopMaps(kari).items.toJSON())
  })

  it('answers null for a snapshot holding none of the items, so nothing is rewritten', () => {
    expect(eraseFromSnapshot(snapshot().state, new Set(['someoneElse']))).toBeNull()
    expect(eraseFromSnapshot(snapshot().state, new Set())).toBeNull()
  })
})
