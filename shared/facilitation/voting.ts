import type { ItemRecord } from '../schema/schema'
import type { TargetLane, VoteState } from '../schema/records/session'

/**
 * Dot voting: each person has `votesPerPerson` dots and may put up to `maxPerItem` of them on one
 * item. A person's dots in a vote are one map (item id -> dots), so checking a new dot against both
 * limits needs nothing but that map. Pure: the server calls these before it stores anything.
 */
export type VoteRules = Pick<VoteState, 'boardId' | 'lane' | 'votesPerPerson' | 'maxPerItem'>

/** Notes on a free canvas and cards on a challenge board (in the lane, when the vote has one). */
export function isVotable(item: ItemRecord | undefined, target: { boardId: string; lane: TargetLane }): boolean {
  if (!item || item.boardId !== target.boardId) return false
  if (item.kind === 'note') return true
  if (item.kind === 'card') return target.lane === '' || item.lane === target.lane
  return false
}

export type BallotError = 'voteLimit' | 'itemLimit'

export function dotsUsed(counts: Readonly<Record<string, number>>): number {
  let total = 0
  for (const n of Object.values(counts)) total += n
  return total
}

/** One more dot on `itemId`, or why not. */
export function planCast(rules: VoteRules, counts: Readonly<Record<string, number>>, itemId: string): { ok: true; counts: Record<string, number> } | { ok: false; error: BallotError } {
  const error = castBlock(rules, counts, itemId)
  if (error) return { ok: false, error }
  return { ok: true, counts: { ...counts, [itemId]: (counts[itemId] ?? 0) + 1 } }
}

/**
 * Why one more dot on `itemId` would be refused, or null when it would not: what a "+" shows before
 * the tap (disabled, with the reason), from the same rules as `planCast`.
 */
export function castBlock(rules: Pick<VoteRules, 'votesPerPerson' | 'maxPerItem'>, counts: Readonly<Record<string, number>>, itemId: string): BallotError | null {
  if (dotsUsed(counts) >= rules.votesPerPerson) return 'voteLimit'
  if ((counts[itemId] ?? 0) >= rules.maxPerItem) return 'itemLimit'
  return null
}

/** One dot fewer on `itemId` (none is a no-op, so a double tap cannot go negative). */
export function planRetract(counts: Readonly<Record<string, number>>, itemId: string): Record<string, number> {
  const next = { ...counts }
  const onItem = next[itemId] ?? 0
  if (onItem <= 1) delete next[itemId]
  else next[itemId] = onItem - 1
  return next
}

export interface Tally {
  /** Item id -> dots; items with none are left out. */
  counts: Record<string, number>
  /** People with at least one dot. */
  voters: number
  dots: number
}

export function tallyBallots(ballots: Iterable<Readonly<Record<string, number>>>): Tally {
  const counts: Record<string, number> = {}
  let voters = 0
  let dots = 0
  for (const ballot of ballots) {
    let used = 0
    for (const [itemId, n] of Object.entries(ballot)) {
      if (!(n > 0)) continue
      counts[itemId] = (counts[itemId] ?? 0) + n
      used += n
    }
    if (used > 0) voters++
    dots += used
  }
  return { counts, voters, dots }
}

export interface RankedItem {
  itemId: string
  count: number
  /** Standard competition ranking: equal counts share a rank, the next rank skips (1, 2, 2, 4). */
  rank: number
}

/**
 * Results as a ranking, most dots first. Ties are ordered by `tieOrder` (e.g. the item's position
 * on the board, or its age) so every screen lists them the same way, then by id.
 */
export function rankResults(counts: Readonly<Record<string, number>>, tieOrder: (itemId: string) => number = () => 0): RankedItem[] {
  const entries = Object.entries(counts).filter(([, n]) => n > 0)
  entries.sort(([a, na], [b, nb]) => nb - na || tieOrder(a) - tieOrder(b) || (a < b ? -1 : a > b ? 1 : 0))
  const ranked: RankedItem[] = []
  entries.forEach(([itemId, count], index) => {
    const previous = ranked[index - 1]
    ranked.push({ itemId, count, rank: previous && previous.count === count ? previous.rank : index + 1 })
  })
  return ranked
}
