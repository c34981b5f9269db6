import { BOARD_TITLE_MAX, type BoardRecord } from '../schema/records/board'
import { orderAtEnd, planReorder, type Ordered } from './boardOrder'
import type { DocumentPlan } from './plan'

/**
 * Plans for the board edits a person makes from the tabs: add a free canvas, rename, reorder,
 * delete. A title is cut to the limit rather than refused, as a text field would; an edit of a
 * board that is no longer there (someone deleted it meanwhile) plans nothing.
 */

/** A free canvas board after every existing board. */
export function planAddCanvasBoard(boards: readonly Ordered[], id: string, title: string): DocumentPlan {
  const board: BoardRecord = {
    id,
    title: title.slice(0, BOARD_TITLE_MAX),
    order: orderAtEnd(boards),
    template: 'canvas',
    showHelp: false,
    linkedBoardId: '',
  }
  return { createBoards: [board] }
}

export function planRenameBoard(boards: readonly Ordered[], id: string, title: string): DocumentPlan {
  if (!boards.some((board) => board.id === id)) return {}
  return { updateBoards: [{ id, patch: { title: title.slice(0, BOARD_TITLE_MAX) } }] }
}

/** Moves one board to `toIndex` of the sorted list, changing only its own fractional index. */
export function planMoveBoard(boards: readonly Ordered[], id: string, toIndex: number): DocumentPlan {
  const order = planReorder(boards, id, toIndex)
  return order === null ? {} : { updateBoards: [{ id, patch: { order } }] }
}

/** The applier deletes what is on the board with it: one plan, one undo step brings both back. */
export function planDeleteBoard(id: string): DocumentPlan {
  return { deleteBoards: [id] }
}
