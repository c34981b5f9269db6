import type { BoardRecord } from '../schema/records/board'
import { CARD_TEXT_MAX, type CardLane } from '../schema/records/card'
import type { TargetLane } from '../schema/records/session'

/** Boards a phone note, a private phase or a vote can target. */
export function acceptsNotes(board: BoardRecord | undefined): board is BoardRecord {
  return board?.template === 'canvas' || board?.template === 'challengeBoard'
}

/** The longest text a note for this board may have (a challenge card holds less than a sticky note). */
export function noteTextLimit(board: BoardRecord, noteMax: number): number {
  return board.template === 'challengeBoard' ? Math.min(CARD_TEXT_MAX, noteMax) : noteMax
}

/** The lane a note for a challenge board lands in: the target's, else challenges (the first question). */
export function laneFor(lane: TargetLane): CardLane {
  return lane === '' ? 'challenge' : lane
}
