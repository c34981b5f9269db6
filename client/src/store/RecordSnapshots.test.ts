import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { applyPlan } from '../../../shared/doc/applyPlan'
import { itemReaderOf, type ItemReader } from '../../../shared/doc/readRecords'
import { readItemMap } from '../../../shared/doc/readItemMap'
import { validateNote } from '../../../shared/schema/records/note'
import { getWorkshopMaps, initializeWorkshop } from '../../../shared/doc/workshopDoc'
import type { DocumentPlan } from '../../../shared/logic/plan'
import type { NoteRecord } from '../../../shared/schema/records/note'
import type { StakeholderGroupRecord } from '../../../shared/schema/records/stakeholderGroup'
import { RecordSnapshots, type ItemsRead } from './RecordSnapshots'
import { readSession } from '../../../shared/schema/records/sessionHistory'

// The snapshots over a plain document: which topics a change emits, and which snapshots keep their
// identity (what useSyncExternalStore compares).

const board = (id: string, order: string) => ({ id, title: id, order, template: 'canvas' as const, showHelp: false, linkedBoardId: '' })
const note = (id: string, fields: Partial<NoteRecord> = {}): NoteRecord => ({
  id, kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: id, createdAt: 1, sdgs: [], dimension: '', ...fields,
})
const group = (id: string, boardId: string): StakeholderGroupRecord => ({ id, kind: 'stakeholderGroup', boardId, name: id, preset: '', order: 'a0', createdAt: 1 })

let doc: Y.Doc
afterEach(() => doc.destroy())

function open(plan: DocumentPlan = {}, readItem: ItemReader = readItemMap) {
  doc = new Y.Doc()
  initializeWorkshop(doc, { meta: { title: 'Dialog', language: 'nb', createdAt: 1 }, firstBoard: board('b1', 'a0') })
  applyPlan(doc, { createBoards: [board('b2', 'a1')], ...plan }, 'setup')
  const topics: string[] = []
  const records = new RecordSnapshots(getWorkshopMaps(doc), (topic) => topics.push(topic), readItem, readSession)
  const write = (next: DocumentPlan) => {
    topics.length = 0
    applyPlan(doc, next, 'test')
  }
  return { records, topics, write }
}

describe('RecordSnapshots', () => {
  it.each<[string, DocumentPlan, string[]]>([
    ['a note’s text: that note only', { updateItems: [{ id: 'n1', patch: { text: 'ny' } }] }, ['item:n1', 'note:n1', 'kind:b1:note']],
    ['a new note: it, the board’s list and its kind', { createItems: [note('n3')] }, ['item:n3', 'note:n3', 'items:b1', 'kind:b1:note']],
    ['a deleted note', { deleteItems: ['n2'] }, ['item:n2', 'note:n2', 'items:b1', 'kind:b1:note']],
    ['a note moved to another board: both lists', { updateItems: [{ id: 'n1', patch: { boardId: 'b2' } }] }, ['item:n1', 'note:n1', 'items:b1', 'items:b2', 'kind:b1:note', 'kind:b2:note']],
    ['a group: no note topic', { createItems: [group('g2', 'b2')] }, ['item:g2', 'items:b2', 'kind:b2:stakeholderGroup']],
    ['a board renamed', { updateBoards: [{ id: 'b2', patch: { title: 'To' } }] }, ['boards']],
    ['a write that changes nothing: nothing', { updateItems: [{ id: 'n1', patch: { text: 'n1' } }] }, []],
  ])('%s', (_case, plan, emitted) => {
    const { topics, write } = open({ createItems: [note('n1'), note('n2', { createdAt: 2 }), group('g1', 'b2')] })
    write(plan)
    expect([...topics].sort()).toEqual([...emitted].sort())
  })

  it('keeps the identity of everything a change did not touch', () => {
    const { records, write } = open({ createItems: [note('n1'), note('n2', { createdAt: 2 }), group('g1', 'b2')] })
    const before = {
      boards: records.getBoards(),
      first: records.getBoards()[0],
      ids: records.getItemIds('b1'),
      n2: records.getNote('n2'),
      groups: records.getItemsOfKind('b2', 'stakeholderGroup'),
      session: records.getSession(),
      meta: records.getMeta(),
    }
    write({ updateItems: [{ id: 'n1', patch: { x: 40 } }], updateBoards: [{ id: 'b2', patch: { title: 'To' } }] })
    expect(records.getNote('n1')?.x).toBe(40)
    expect(records.getBoards()).not.toBe(before.boards)
    expect(records.getBoards()[0]).toBe(before.first)
    expect(records.getItemIds('b1')).toBe(before.ids)
    expect(records.getNote('n2')).toBe(before.n2)
    expect(records.getItemsOfKind('b2', 'stakeholderGroup')).toBe(before.groups)
    expect(records.getSession()).toBe(before.session)
    expect(records.getMeta()).toBe(before.meta)
  })

  it('lists a board’s items in stacking order: older below, ties by id', () => {
    const { records } = open({ createItems: [note('c', { createdAt: 1 }), note('a', { createdAt: 3 }), note('b', { createdAt: 1 })] })
    expect(records.getItemIds('b1')).toEqual(['b', 'c', 'a'])
    expect(records.getItemIds('nowhere')).toEqual([])
  })

  it('leaves out a record that fails validation, and says which', () => {
    const { records, write } = open({ createItems: [note('n1'), note('n2')] })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      write({})
      doc.transact(() => getWorkshopMaps(doc).items.get('n1')!.set('x', 'far away'), 'hostile')
      expect(records.getNote('n1')).toBeUndefined()
      expect(records.getItemIds('b1')).toEqual(['n2'])
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('note.x'))
    } finally {
      warn.mockRestore()
    }
  })

  it('with a reader of some kinds (the phone’s), holds only those, and still checks them', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const { records, topics, write } = open({ createItems: [note('n1'), group('g1', 'b1')] }, itemReaderOf({ note: validateNote }))
      expect(records.getItemIds('b1')).toEqual(['n1'])
      expect(records.getItem('g1')).toBeUndefined()
      write({ createItems: [group('g2', 'b1')] })
      expect(topics).toEqual([])
      doc.transact(() => getWorkshopMaps(doc).items.get('g1')!.set('name', 42), 'hostile')
      expect(warn).not.toHaveBeenCalled()
      doc.transact(() => getWorkshopMaps(doc).items.get('n1')!.set('text', 'x'.repeat(5000)), 'hostile')
      expect(records.getNote('n1')).toBeUndefined()
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('note.text'))
    } finally {
      warn.mockRestore()
    }
  })

  it('tells what a read forgot, with the record as it was', () => {
    const { records, write } = open({ createItems: [note('n1'), note('n2')] })
    const reads: ItemsRead[] = []
    records.onItemsRead((read) => reads.push(read))
    write({ deleteItems: ['n1'], updateItems: [{ id: 'n2', patch: { text: 'endret' } }] })
    expect(reads).toHaveLength(1)
    expect([...reads[0]!.removed.values()]).toEqual([note('n1')])
    expect(reads[0]!.transaction.origin).toBe('test')
  })

  it('stops reading once destroyed', () => {
    const { records, topics, write } = open({ createItems: [note('n1')] })
    records.destroy()
    write({ updateItems: [{ id: 'n1', patch: { text: 'later' } }] })
    expect(topics).toEqual([])
    expect(records.getNote('n1')?.text).toBe('n1')
  })
})
