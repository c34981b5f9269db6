import { describe, expect, it } from 'vitest'
import type { BoardRecord } from '../schema/records/board'
import type { NoteRecord } from '../schema/records/note'
import type { ItemRecord } from '../schema/schema'
import { validateBoard, validateItem } from '../schema/schema'
import {
  applyPlanToRecords,
  countRecords,
  diffCounts,
  planRestore,
  validateHistoryLabel,
  type WorkshopRecords,
} from './history'
import { isEmptyPlan } from './plan'

function board(id: string, order: string, extra: Partial<BoardRecord> = {}): BoardRecord {
  return { id, title: `Board ${id}`, order, template: 'canvas', showHelp: false, linkedBoardId: '', ...extra }
}

function note(id: string, boardId: string, extra: Partial<NoteRecord> = {}): NoteRecord {
  return {
    id,
    kind: 'note',
    boardId,
    x: 0,
    y: 0,
    w: 160,
    h: 120,
    color: 'yellow',
    text: id,
    createdAt: 1,
    sdgs: [],
    dimension: '',
    ...extra,
  }
}

function card(id: string, boardId: string): ItemRecord {
  return {
    id,
    kind: 'card',
    boardId,
    createdAt: 1,
    lane: 'challenge',
    text: id,
    order: 'a0',
    owner: '',
    dueDate: '',
    status: 'open',
    origin: null,
    sdgs: [],
    dimension: '',
  } as ItemRecord
}

function sorted(records: WorkshopRecords) {
  return {
    boards: [...records.boards].sort((a, b) => a.id.localeCompare(b.id)),
    items: [...records.items].sort((a, b) => a.id.localeCompare(b.id)),
  }
}

const snapshot: WorkshopRecords = {
  boards: [board('b1', 'a0'), board('b2', 'a1', { title: 'Matrise' })],
  items: [note('n1', 'b1'), note('n2', 'b1', { sdgs: [3, 17] }), card('c1', 'b2')],
}

describe('fixtures', () => {
  it('are valid records', () => {
    for (const b of snapshot.boards) expect(validateBoard(b).ok).toBe(true)
    for (const i of snapshot.items) expect(validateItem(i)).toMatchObject({ ok: true })
  })
})

describe('planRestore', () => {
  const cases: { name: string; current: WorkshopRecords; expectPlan: Record<string, unknown> }[] = [
    { name: 'nothing changed', current: snapshot, expectPlan: {} },
    {
      name: 'item deleted since → re-created',
      current: { boards: snapshot.boards, items: snapshot.items.filter((i) => i.id !== 'n2') },
      expectPlan: { createItems: [note('n2', 'b1', { sdgs: [3, 17] })] },
    },
    {
      name: 'item added since → deleted',
      current: { boards: snapshot.boards, items: [...snapshot.items, note('n3', 'b1')] },
      expectPlan: { deleteItems: ['n3'] },
    },
    {
      name: 'field changed → only that field patched',
      current: {
        boards: snapshot.boards,
        items: snapshot.items.map((i) => (i.id === 'n1' ? note('n1', 'b1', { text: 'changed', x: 40 }) : i)),
      },
      expectPlan: { updateItems: [{ id: 'n1', patch: { text: 'n1', x: 0 } }] },
    },
    {
      name: 'array field changed → patched',
      current: {
        boards: snapshot.boards,
        items: snapshot.items.map((i) => (i.id === 'n2' ? note('n2', 'b1', { sdgs: [3] }) : i)),
      },
      expectPlan: { updateItems: [{ id: 'n2', patch: { sdgs: [3, 17] } }] },
    },
    {
      name: 'boards order restored',
      current: { boards: [board('b1', 'a2'), board('b2', 'a1', { title: 'Matrise' })], items: snapshot.items },
      expectPlan: { updateBoards: [{ id: 'b1', patch: { order: 'a0' } }] },
    },
    {
      name: 'board added since → deleted with its items',
      current: { boards: [...snapshot.boards, board('b3', 'a2')], items: [...snapshot.items, note('n9', 'b3')] },
      expectPlan: { deleteItems: ['n9'], deleteBoards: ['b3'] },
    },
    {
      name: 'board deleted since → re-created with its items',
      current: { boards: [snapshot.boards[0]!], items: snapshot.items.filter((i) => i.boardId === 'b1') },
      expectPlan: { createBoards: [snapshot.boards[1]], createItems: [card('c1', 'b2')] },
    },
  ]

  it.each(cases)('$name', ({ current, expectPlan }) => {
    const plan = planRestore(current, snapshot)
    for (const key of ['createBoards', 'updateBoards', 'deleteBoards', 'createItems', 'updateItems', 'deleteItems']) {
      expect(plan[key as keyof typeof plan] ?? [], key).toEqual(expectPlan[key] ?? [])
    }
    // Applied, the plan makes the document equal to the snapshot, and a second restore is empty.
    const restored = applyPlanToRecords(current, plan)
    expect(sorted(restored)).toEqual(sorted(snapshot))
    expect(isEmptyPlan(planRestore(restored, snapshot))).toBe(true)
  })

  it('keeps an item that moved to a board created since, moving it back', () => {
    const current = {
      boards: [...snapshot.boards, board('b3', 'a2')],
      items: snapshot.items.map((i) => (i.id === 'n1' ? note('n1', 'b3') : i)),
    }
    const plan = planRestore(current, snapshot)
    expect(plan.updateItems).toEqual([{ id: 'n1', patch: { boardId: 'b1' } }])
    expect(plan.deleteBoards).toEqual(['b3'])
    expect(sorted(applyPlanToRecords(current, plan))).toEqual(sorted(snapshot))
  })

  it('restores an empty snapshot by deleting everything', () => {
    const plan = planRestore(snapshot, { boards: [], items: [] })
    expect(plan.deleteBoards).toEqual(['b1', 'b2'])
    expect(plan.deleteItems).toEqual(['n1', 'n2', 'c1'])
  })
})

describe('countRecords and diffCounts', () => {
  it('counts by kind and by board, boards in order', () => {
    const counts = countRecords({ boards: [board('b2', 'a1'), board('b1', 'a0')], items: snapshot.items })
    expect(counts).toMatchObject({ boards: 2, items: 3, byKind: { note: 2, card: 1 } })
    expect(counts.byBoard.map((b) => [b.id, b.items, b.byKind])).toEqual([
      ['b1', 2, { note: 2 }],
      ['b2', 1, { card: 1 }],
    ])
  })

  it.each([
    {
      name: 'same',
      now: snapshot,
      expected: { same: true, boardsAddedSince: [], boardsRemovedSince: [], boardsChanged: [] },
    },
    {
      name: 'a note deleted and another added: same count per kind, board unchanged in size',
      now: { boards: snapshot.boards, items: [...snapshot.items.filter((i) => i.id !== 'n1'), note('n3', 'b1')] },
      expected: { same: true },
    },
    {
      name: 'a note added and a board added',
      now: { boards: [...snapshot.boards, board('b3', 'a2', { title: 'Ny' })], items: [...snapshot.items, note('n3', 'b1')] },
      expected: {
        same: false,
        boardsAddedSince: [{ id: 'b3', title: 'Ny' }],
        boardsChanged: [{ id: 'b1', title: 'Board b1', then: 2, now: 3 }],
        kinds: [
          { kind: 'card', then: 1, now: 1 },
          { kind: 'note', then: 2, now: 3 },
        ],
      },
    },
    {
      name: 'a board removed',
      now: { boards: [snapshot.boards[0]!], items: snapshot.items.filter((i) => i.boardId === 'b1') },
      expected: {
        same: false,
        boardsRemovedSince: [{ id: 'b2', title: 'Matrise' }],
        kinds: [
          { kind: 'card', then: 1, now: 0 },
          { kind: 'note', then: 2, now: 2 },
        ],
      },
    },
  ])('$name', ({ now, expected }) => {
    expect(diffCounts(countRecords(now), countRecords(snapshot))).toMatchObject(expected)
  })
})

describe('validateHistoryLabel', () => {
  it.each([
    ['før avstemning', { ok: true, value: 'før avstemning' }],
    ['  padded  ', { ok: true, value: 'padded' }],
    ['', { ok: false }],
    ['   ', { ok: false }],
    ['x'.repeat(81), { ok: false }],
    [42, { ok: false }],
  ])('%j', (input, expected) => {
    expect(validateHistoryLabel(input)).toMatchObject(expected)
  })
})
