import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PlanRejectedError } from '../../../shared/doc/applyPlan'
import { readItemMap } from '../../../shared/doc/readItemMap'
import { getWorkshopMaps, initializeWorkshop } from '../../../shared/doc/workshopDoc'
import type { NoteRecord } from '../../../shared/schema/records/note'
import { LocalOrigin } from './LocalOrigin'
import { RecordSnapshots } from './RecordSnapshots'
import { UndoHistory } from './UndoHistory'
import { WorkshopEdits } from './WorkshopEdits'
import { readSession } from '../../../shared/schema/records/sessionHistory'

// Every edit method over a plain document: one validated plan, one LocalOrigin transaction, one
// undo step that brings back exactly what was there.

const titles = { canvas: 'Lerret', stakeholderMap: 'Kart', involvementMatrix: 'Matrise', challengeBoard: 'Tiltak' }
const note = (id: string, fields: Partial<NoteRecord> = {}): NoteRecord => ({
  id, kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: id, createdAt: 1, sdgs: [], dimension: '', ...fields,
})

let doc: Y.Doc
afterEach(() => doc.destroy())

function open() {
  doc = new Y.Doc()
  initializeWorkshop(doc, {
    meta: { title: 'Dialog', language: 'nb', createdAt: 1 },
    firstBoard: { id: 'b1', title: 'Tavle', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' },
  })
  const maps = getWorkshopMaps(doc)
  const records = new RecordSnapshots(maps, () => {}, readItemMap, readSession)
  const edits = new WorkshopEdits(doc, records)
  edits.applyPlan({ createBoards: [{ id: 'b2', title: 'To', order: 'a1', template: 'canvas', showHelp: false, linkedBoardId: '' }], createItems: [note('n1'), note('n2', { x: 300 })] })
  const history = new UndoHistory(maps, () => {})
  const origins: unknown[] = []
  doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
  return { edits, records, history, origins, state: () => JSON.stringify(doc.toJSON()) }
}

describe('WorkshopEdits', () => {
  it.each<[string, (edits: WorkshopEdits) => unknown]>([
    ['applyPlan', (e) => e.applyPlan({ updateItems: [{ id: 'n1', patch: { color: 'pink' } }, { id: 'n2', patch: { color: 'pink' } }] })],
    ['addBoard', (e) => e.addBoard('Tre')],
    ['addBoardFromTemplate (the kit: three boards and five groups)', (e) => e.addBoardFromTemplate('workshopKit', titles)],
    ['setBoardHelpVisible', (e) => e.setBoardHelpVisible('b1', true)],
    ['renameBoard', (e) => e.renameBoard('b1', 'Nytt navn')],
    ['moveBoard', (e) => e.moveBoard('b2', 0)],
    ['deleteBoard (and what is on it)', (e) => e.deleteBoard('b1')],
    ['createItem', (e) => e.createItem(note('n3'))],
    ['updateItem', (e) => e.updateItem('n1', { text: 'endret' })],
    ['createNote', (e) => e.createNote('b1', { text: 'ny' })],
    ['updateNote', (e) => e.updateNote('n1', { text: 'endret', w: 200 })],
    ['moveItems', (e) => e.moveItems([{ id: 'n1', x: 5, y: 5 }, { id: 'n2', x: 305, y: 5 }])],
    ['deleteItems', (e) => e.deleteItems(['n1', 'n2'])],
  ])('%s: one LocalOrigin update, undone in one step', (_case, edit) => {
    const { edits, history, origins, state } = open()
    const before = state()
    edit(edits)
    expect(origins).toEqual([LocalOrigin])
    expect(state()).not.toBe(before)
    history.undo()
    expect(state()).toBe(before)
    expect(history.getState()).toEqual({ canUndo: false, canRedo: true })
  })

  it.each<[string, (edits: WorkshopEdits) => unknown]>([
    ['a note of negative size', (e) => e.createNote('b1', { w: -5 })],
    ['a colour that does not exist', (e) => e.updateNote('n1', { color: 'plaid' as never })],
    ['an item of an unknown kind', (e) => e.createItem({ ...note('n3'), kind: 'poster' } as never)],
    ['a field of the wrong type', (e) => e.updateItem('n1', { x: 'left' })],
    ['a plan with one bad record among good ones', (e) => e.applyPlan({ createItems: [note('n3'), note('n4', { h: Number.NaN })] })],
  ])('refuses %s with PlanRejectedError, writing nothing', (_case, edit) => {
    const { edits, history, origins, state } = open()
    const before = state()
    expect(() => edit(edits)).toThrow(PlanRejectedError)
    expect(origins).toEqual([])
    expect(state()).toBe(before)
    expect(history.getState().canUndo).toBe(false)
  })

  it.each<[string, (edits: WorkshopEdits) => unknown]>([
    ['a note', (e) => e.updateNote('gone', { text: 'x' })],
    ['a board’s name', (e) => e.renameBoard('gone', 'x')],
    ['a board’s place', (e) => e.moveBoard('gone', 0)],
    ['positions', (e) => e.moveItems([{ id: 'gone', x: 1, y: 1 }])],
    ['nothing at all', (e) => e.deleteItems([])],
  ])('writes nothing for an edit of %s deleted meanwhile', (_case, edit) => {
    const { edits, origins, state } = open()
    const before = state()
    edit(edits)
    expect(origins).toEqual([])
    expect(state()).toBe(before)
  })

  it('moves what is still there when part of a selection was deleted meanwhile', () => {
    const { edits, records } = open()
    edits.moveItems([
      { id: 'gone', x: 1, y: 1 },
      { id: 'n2', x: 400, y: 40 },
      { id: 'n1', x: Number.NaN, y: 0 },
    ])
    expect(records.getNote('n2')).toMatchObject({ x: 400, y: 40 })
    expect(records.getNote('n1')).toMatchObject({ x: 0, y: 0 })
    expect(records.getItem('gone')).toBeUndefined()
  })

  it('gives a new note the defaults and cuts its text, the same way as its updates', () => {
    const { edits, records } = open()
    const id = edits.createNote('b2', { x: 10, text: 'x'.repeat(3000) })
    expect(records.getNote(id)).toMatchObject({ boardId: 'b2', x: 10, y: 0, color: 'yellow', text: 'x'.repeat(2000) })
    edits.updateNote(id, { text: 'y'.repeat(3000) })
    expect(records.getNote(id)?.text).toBe('y'.repeat(2000))
  })
})
