import type { OwnBallots } from '../../../shared/facilitation/commands'
import { dotsUsed, rankResults, type RankedItem } from '../../../shared/facilitation/voting'
import type { VoteState } from '../../../shared/schema/records/session'

/** The tally as the store keeps it (ControlChannel's TallyState). */
interface Tally {
  voteId: string
  counts: Readonly<Record<string, number>>
}

/** What a board shows of a vote on it: this person's dots, what is left, and everyone's. */
export interface BoardVote {
  vote: VoteState
  open: boolean
  /** Item id -> this person's dots. */
  mine: Readonly<Record<string, number>>
  used: number
  left: number
  /** Item id -> everyone's dots: live while open (null while the vote is hidden), the results once closed. */
  totals: Readonly<Record<string, number>> | null
}

const none: Readonly<Record<string, number>> = Object.freeze({})

/**
 * The vote as the board `boardId` shows it, or null when the session's vote is about another board
 * (or there is none). Pure, so the canvas can compute it once per change and hand each note two numbers.
 */
export function boardVote(vote: VoteState | null, boardId: string, ballots: OwnBallots | null, tally: Tally | null): BoardVote | null {
  if (!vote || vote.boardId !== boardId) return null
  const open = vote.status === 'open'
  const mine = open && ballots?.voteId === vote.id ? ballots.counts : none
  const used = dotsUsed(mine)
  const totals = !open ? vote.results : vote.hidden ? null : tally?.voteId === vote.id ? tally.counts : none
  return { vote, open, mine, used, left: Math.max(0, vote.votesPerPerson - used), totals }
}


/**
 * Results most dots first, each with its item's text (`textOf` returns null for an item deleted
 * since). Ties are listed by `orderOf` (the item's age) so every screen agrees.
 */
export function rankedResults(results: Readonly<Record<string, number>>, textOf: (itemId: string) => string | null, orderOf: (itemId: string) => number): (RankedItem & { text: string | null })[] {
  return rankResults(results, orderOf).map((entry) => ({ ...entry, text: textOf(entry.itemId) }))
}
