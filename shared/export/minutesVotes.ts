import type { ClosedVote } from '../schema/records/session'
import type { ExportLabels } from './exportLabels'
import type { MinutesBlock } from './minutes'
import type { WorkshopSnapshot } from './workshopJson'

/**
 * The minutes' record of every closed vote, oldest first: what was voted on (the board, the lane),
 * when it closed, who took part, and each item with its dots, ranked. Texts are the ones copied when
 * the vote closed; a vote kept from before that copy (text '') shows the item as it reads now, or
 * says it was deleted.
 */
export function voteBlocks(snapshot: WorkshopSnapshot, votes: readonly ClosedVote[], labels: ExportLabels): MinutesBlock[] {
  if (votes.length === 0) return []
  const blocks: MinutesBlock[] = [{ type: 'heading', level: 2, text: labels.votesHeading }]
  const itemText = itemTexts(snapshot)
  const boardTitle = new Map(snapshot.boards.map((board) => [board.id, board.title]))
  const ordered = [...votes].sort((a, b) => a.closedAt - b.closedAt)
  ordered.forEach((vote, index) => {
    const board = vote.boardTitle || boardTitle.get(vote.boardId) || labels.deletedItem
    const lane = vote.lane === '' ? '' : ` — ${labels.lane(vote.lane)}`
    blocks.push({ type: 'heading', level: 3, text: `${labels.voteNumber(index + 1)}: ${board}${lane}` })
    blocks.push({
      type: 'paragraph',
      text: labels.voteSummary({
        closedAt: labels.formatDateTime(vote.closedAt),
        voters: vote.voters,
        votesPerPerson: vote.votesPerPerson,
        maxPerItem: vote.maxPerItem,
        withDots: vote.results.length,
        eligible: vote.eligible,
      }),
    })
    if (vote.results.length === 0) {
      blocks.push({ type: 'paragraph', text: labels.noDots, muted: true })
      return
    }
    blocks.push({
      type: 'table',
      columns: [labels.rank, labels.text, labels.dots],
      rows: rankedRows(vote).map(({ rank, itemId, text, dots }) => [
        String(rank),
        text || itemText.get(itemId) || labels.deletedItem,
        String(dots),
      ]),
    })
  })
  return blocks
}

/** Standard competition ranking (1, 2, 2, 4) over results already sorted most dots first. */
function rankedRows(vote: ClosedVote): (ClosedVote['results'][number] & { rank: number })[] {
  const rows: (ClosedVote['results'][number] & { rank: number })[] = []
  vote.results.forEach((result, index) => {
    const previous = rows[index - 1]
    rows.push({ ...result, rank: previous && previous.dots === result.dots ? previous.rank : index + 1 })
  })
  return rows
}

function itemTexts(snapshot: WorkshopSnapshot): Map<string, string> {
  const texts = new Map<string, string>()
  for (const item of snapshot.items) if (item.kind === 'note' || item.kind === 'card') texts.set(item.id, item.text)
  return texts
}

/**
 * The dots a card got in the latest closed vote that covered it (its board, and its lane or the
 * whole board), or undefined when no kept vote gave it any: "(votes: n)" after it in the minutes.
 */
export function latestDotsOf(votes: readonly ClosedVote[]): (item: { id: string; boardId: string; lane?: string }) => number | undefined {
  const ordered = [...votes].sort((a, b) => b.closedAt - a.closedAt)
  return (item) => {
    const vote = ordered.find((v) => v.boardId === item.boardId && (v.lane === '' || v.lane === item.lane))
    return vote?.results.find((result) => result.itemId === item.id)?.dots
  }
}
