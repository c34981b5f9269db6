import { acceptsNotes } from '../../../shared/facilitation/reveal'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { TargetLane } from '../../../shared/schema/records/session'

/** Where private writing, a vote or the phone's notes go: a board and, on a challenge board, a lane. */
export interface Target {
  boardId: string
  /** '' = the whole board (a vote on all cards); notes always go to one lane of a challenge board. */
  lane: TargetLane
}

/**
 * The target a section works on: what the facilitator chose, while that board still takes notes;
 * else the board on screen when it takes notes (a free canvas or a challenge board); else the
 * first board that does; `{ boardId: '' }` when there is none. Notes for a challenge board go to
 * a lane (the first question unless one was chosen); a vote may also take the whole board.
 */
export function resolveTarget(
  chosen: Target | null,
  boards: readonly BoardRecord[],
  currentBoardId: string | null,
  allowWholeBoard: boolean,
): Target {
  const board =
    boards.find((b) => b.id === chosen?.boardId && acceptsNotes(b)) ??
    boards.find((b) => b.id === currentBoardId && acceptsNotes(b)) ??
    boards.find((b) => acceptsNotes(b))
  if (!board) return { boardId: '', lane: '' }
  if (board.template !== 'challengeBoard') return { boardId: board.id, lane: '' }
  const lane = board.id === chosen?.boardId ? chosen.lane : ''
  return { boardId: board.id, lane: lane === '' && !allowWholeBoard ? 'challenge' : lane }
}

/**
 * Where notes from the phone page go now, as the server decides it (WorkshopSession `#phoneTarget`,
 * then `laneFor`): the prompt's board while it takes notes, else the first free canvas, else the
 * first challenge board (in its first lane unless the prompt names one); null when there is none.
 */
export function phoneTarget(prompt: Target, boards: readonly BoardRecord[]): Target | null {
  const chosen = boards.find((b) => b.id === prompt.boardId)
  const board = chosen && acceptsNotes(chosen) ? chosen : (boards.find((b) => b.template === 'canvas') ?? boards.find((b) => b.template === 'challengeBoard'))
  if (!board) return null
  if (board.template !== 'challengeBoard') return { boardId: board.id, lane: '' }
  const lane = board.id === prompt.boardId ? prompt.lane : ''
  return { boardId: board.id, lane: lane === '' ? 'challenge' : lane }
}
