import { describe, expect, it } from 'vitest'
import { BOARD_TITLE_MAX, validateBoard } from '../schema/records/board'
import { planAddCanvasBoard, planDeleteBoard, planMoveBoard, planRenameBoard } from './boardEdits'
import { sortByOrder, type Ordered } from './boardOrder'
import type { DocumentPlan } from './plan'

const boards: Ordered[] = [
  { id: 'a', order: 'a0' },
  { id: 'b', order: 'a1' },
  { id: 'c', order: 'a2' },
]

/** The board order after a plan's order patch, for reading the tables below. */
function orderAfter(plan: DocumentPlan): string[] {
  const patched = boards.map((board) => {
    const update = plan.updateBoards?.find((u) => u.id === board.id)
    return update?.patch.order ? { ...board, order: update.patch.order } : board
  })
  return sortByOrder(patched).map((board) => board.id)
}

describe('planAddCanvasBoard', () => {
  it.each([
    ['a short title', 'Idémyldring', 'Idémyldring'],
    ['a title over the limit, cut', 'x'.repeat(BOARD_TITLE_MAX + 20), 'x'.repeat(BOARD_TITLE_MAX)],
    ['an empty title', '', ''],
  ])('%s', (_case, title, stored) => {
    const plan = planAddCanvasBoard(boards, 'new', title)
    const board = plan.createBoards?.[0]
    expect(board).toMatchObject({ id: 'new', title: stored, template: 'canvas', showHelp: false, linkedBoardId: '' })
    expect(validateBoard(board)).toMatchObject({ ok: true })
    expect(sortByOrder([...boards, board!]).at(-1)?.id).toBe('new')
  })

  it('is the first board of an empty workshop', () => {
    expect(planAddCanvasBoard([], 'new', 'Tavle').createBoards?.[0]?.order).toBe('a0')
  })
})

describe('planRenameBoard', () => {
  it.each([
    ['a board that is there', 'b', 'Ny tittel', { updateBoards: [{ id: 'b', patch: { title: 'Ny tittel' } }] }],
    ['a title over the limit, cut', 'b', 'y'.repeat(BOARD_TITLE_MAX + 1), { updateBoards: [{ id: 'b', patch: { title: 'y'.repeat(BOARD_TITLE_MAX) } }] }],
    ['a board deleted meanwhile: nothing', 'gone', 'Ny tittel', {}],
  ])('%s', (_case, id, title, plan) => {
    expect(planRenameBoard(boards, id, title)).toEqual(plan)
  })
})

describe('planMoveBoard', () => {
  it.each([
    ['first to last', 'a', 2, ['b', 'c', 'a']],
    ['last to first', 'c', 0, ['c', 'a', 'b']],
    ['past the end: last', 'a', 99, ['b', 'c', 'a']],
    ['before the start: first', 'c', -3, ['c', 'a', 'b']],
  ])('%s', (_case, id, toIndex, order) => {
    const plan = planMoveBoard(boards, id, toIndex)
    expect(plan.updateBoards).toHaveLength(1)
    expect(Object.keys(plan.updateBoards![0]!.patch)).toEqual(['order'])
    expect(orderAfter(plan)).toEqual(order)
  })

  it.each([
    ['to where it is', 'b', 1],
    ['a board deleted meanwhile', 'gone', 0],
  ])('plans nothing for a move %s', (_case, id, toIndex) => {
    expect(planMoveBoard(boards, id, toIndex)).toEqual({})
  })
})

describe('planDeleteBoard', () => {
  it('deletes the board; the applier takes what is on it along', () => {
    expect(planDeleteBoard('b')).toEqual({ deleteBoards: ['b'] })
  })
})
