import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { NoteRecord } from '../schema/records/note'
import { applyPlan, PlanRejectedError } from './applyPlan'
import { getWorkshopMaps, initializeWorkshop } from './workshopDoc'

function newWorkshop(): Y.Doc {
  const doc = new Y.Doc()
  initializeWorkshop(doc, {
    meta: { title: 'Dialog', language: 'nb', createdAt: 1 },
    firstBoard: { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' },
  })
  return doc
}

function note(id: string, fields: Partial<NoteRecord> = {}): NoteRecord {
  return { id, kind: 'note', boardId: 'b1', x: 0, y: 0, w: 200, h: 200, color: 'yellow', text: '', createdAt: 1, sdgs: [], dimension: '', ...fields }
}

describe('applyPlan', () => {
  it('writes a valid plan in one transaction with the given origin', () => {
    const doc = newWorkshop()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    applyPlan(doc, { createItems: [note('n1'), note('n2')], updateBoards: [{ id: 'b1', patch: { title: 'Ny' } }] }, 'me')
    expect(origins).toEqual(['me'])
    const { items, boards } = getWorkshopMaps(doc)
    expect([...items.keys()].sort()).toEqual(['n1', 'n2'])
    expect(boards.get('b1')?.get('title')).toBe('Ny')
  })

  it('refuses the whole plan, writing nothing, when one record is invalid, and names it', () => {
    const doc = newWorkshop()
    const before = Y.encodeStateVector(doc)
    let error: unknown
    try {
      applyPlan(doc, { createItems: [note('ok'), note('bad', { x: Number.NaN })] }, 'me')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PlanRejectedError)
    expect((error as PlanRejectedError).recordId).toBe('bad')
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('validates an update as the record will stand afterwards', () => {
    const doc = newWorkshop()
    applyPlan(doc, { createItems: [note('n1')] }, 'me')
    expect(() => applyPlan(doc, { updateItems: [{ id: 'n1', patch: { text: 'x'.repeat(100_000) } }] }, 'me')).toThrow(PlanRejectedError)
    expect(() => applyPlan(doc, { updateItems: [{ id: 'n1', patch: { kind: 'evil' } }] }, 'me')).not.toThrow()
    expect(getWorkshopMaps(doc).items.get('n1')?.get('kind')).toBe('note')
  })

  it('drops an update of an item deleted meanwhile, but refuses one of a missing board', () => {
    const doc = newWorkshop()
    expect(() => applyPlan(doc, { updateItems: [{ id: 'gone', patch: { x: 1 } }] }, 'me')).not.toThrow()
    expect(getWorkshopMaps(doc).items.size).toBe(0)
    expect(() => applyPlan(doc, { updateBoards: [{ id: 'gone', patch: { title: 'x' } }] }, 'me')).toThrow(/gone/)
  })

  it('writes only changed fields, so a concurrent edit of another field survives', () => {
    const a = newWorkshop()
    applyPlan(a, { createItems: [note('n1')] }, 'me')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    applyPlan(a, { updateItems: [{ id: 'n1', patch: { x: 50 } }] }, 'me')
    applyPlan(b, { updateItems: [{ id: 'n1', patch: { text: 'hei' } }] }, 'me')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(getWorkshopMaps(a).items.get('n1')?.toJSON()).toMatchObject({ x: 50, text: 'hei' })
  })

  it('deletes a board with what is on it, except what the same plan moved off it', () => {
    const doc = newWorkshop()
    applyPlan(doc, { createBoards: [{ id: 'b2', title: 'To', order: 'a1', template: 'canvas', showHelp: false, linkedBoardId: '' }], createItems: [note('n1'), note('n2')] }, 'me')
    applyPlan(doc, { updateItems: [{ id: 'n2', patch: { boardId: 'b2' } }], deleteBoards: ['b1'] }, 'me')
    const { items, boards } = getWorkshopMaps(doc)
    expect([...boards.keys()]).toEqual(['b2'])
    expect([...items.keys()]).toEqual(['n2'])
  })
})
