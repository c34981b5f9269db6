import { rankResults } from '../../../shared/facilitation/voting'

export interface RankableItem {
  id: string
  text: string
}

export interface RankedVoteItem {
  itemId: string
  rank: number
  count: number
  /** The item's text now; null when it was deleted after the vote. */
  text: string | null
}

/**
 * A vote's counts as the ranking the facilitator reads out: most dots first, ties in the order the
 * items have on the board (the order `items` is given in), items deleted since at the end of their tie.
 */
export function voteRanking(counts: Readonly<Record<string, number>>, items: readonly RankableItem[]): RankedVoteItem[] {
  const position = new Map(items.map((item, index) => [item.id, index]))
  const text = new Map(items.map((item) => [item.id, item.text]))
  return rankResults(counts, (id) => position.get(id) ?? Number.MAX_SAFE_INTEGER).map((entry) => ({
    ...entry,
    text: text.get(entry.itemId) ?? null,
  }))
}
