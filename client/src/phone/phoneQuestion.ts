import { promptTarget, type NoteTarget } from '../../../shared/facilitation/phoneTarget'
import { laneFor } from '../../../shared/facilitation/noteBoards'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { CardLane } from '../../../shared/schema/records/card'
import type { SessionPrompt } from '../../../shared/schema/records/session'

/** What the phone page asks, before it is put into words. */
export type PhoneQuestion =
  | { kind: 'prompt'; text: string }
  /** A challenge board's lane: its own question (challenges namespace, `lanes.<lane>.question`). */
  | { kind: 'lane'; lane: CardLane }
  | { kind: 'board'; title: string }
  | { kind: 'none' }

/**
 * The facilitator's question when there is one for the board the notes go to; else the lane's
 * question on a challenge board (notes without a lane land among the challenges); else the board's
 * title. A private writing phase on another board than the prompt's asks that board's own question.
 */
export function phoneQuestion(prompt: SessionPrompt, boards: readonly BoardRecord[], target: NoteTarget | null): PhoneQuestion {
  if (!target) return { kind: 'none' }
  const question = prompt.question.trim()
  if (question !== '' && promptTarget(prompt, boards)?.boardId === target.boardId) return { kind: 'prompt', text: question }
  const board = boards.find((b) => b.id === target.boardId)
  if (!board) return { kind: 'none' }
  if (board.template === 'challengeBoard') return { kind: 'lane', lane: laneFor(target.lane) }
  return { kind: 'board', title: board.title }
}
