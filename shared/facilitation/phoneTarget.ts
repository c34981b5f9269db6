import type { BoardRecord } from '../schema/records/board'
import type { SessionPrompt, SessionRecord, TargetLane } from '../schema/records/session'
import { acceptsNotes } from './noteBoards'

/** A board (and a lane of a challenge board, '' for none) that notes from the phone page go to. */
export interface NoteTarget {
  boardId: string
  lane: TargetLane
}

/**
 * Where the facilitator's prompt sends notes: its board when that takes notes, else the first free
 * canvas, else the first challenge board (boards in their order on the tab bar). Null when the
 * workshop has no board for notes. The server files notes by this and the phone page shows the
 * same board, so both agree without asking.
 */
export function promptTarget(prompt: SessionPrompt, boards: readonly BoardRecord[]): NoteTarget | null {
  if (prompt.boardId !== '' && acceptsNotes(boards.find((b) => b.id === prompt.boardId))) return { boardId: prompt.boardId, lane: prompt.lane }
  const fallback = boards.find((b) => b.template === 'canvas') ?? boards.find((b) => b.template === 'challengeBoard')
  return fallback ? { boardId: fallback.id, lane: prompt.boardId === fallback.id ? prompt.lane : '' } : null
}

/** Where a note from the phone page goes now: the private writing's board while it lasts, else the prompt's. */
export function phoneTarget(session: Pick<SessionRecord, 'phase' | 'prompt'>, boards: readonly BoardRecord[]): NoteTarget | null {
  const { phase } = session
  if (phase.kind === 'private') return { boardId: phase.boardId, lane: phase.lane }
  return promptTarget(session.prompt, boards)
}

/**
 * The prompt after "bring everyone here" (`summon`) to `board`: a board that takes notes becomes
 * where the phone page's notes go too (the question was about another board, so it is cleared);
 * summoning to the board notes already go to, or to one that takes none, leaves the prompt as it is.
 * The prompt is the one place that says where notes go, so the latest of the two commands wins.
 */
export function promptAfterSummon(prompt: SessionPrompt, board: BoardRecord, boards: readonly BoardRecord[]): SessionPrompt {
  if (!acceptsNotes(board) || promptTarget(prompt, boards)?.boardId === board.id) return prompt
  return { boardId: board.id, lane: '', question: '' }
}
