import { describe, expect, it } from 'vitest'
import type { VoteState } from '../../../shared/schema/records/session'
import { boardVote, rankedResults } from './boardVote'

const vote = (patch: Partial<VoteState> = {}): VoteState => ({
  id: 'v1',
  boardId: 'b1',
  lane: '',
  votesPerPerson: 5,
  maxPerItem: 2,
  hidden: false,
  status: 'open',
  openedAt: 1,
  closedAt: 0,
  results: {},
  voters: 0,
  ...patch,
})

describe('boardVote', () => {
  it('is null without a vote, or for another board', () => {
    expect(boardVote(null, 'b1', null, null)).toBeNull()
    expect(boardVote(vote({ boardId: 'b2' }), 'b1', null, null)).toBeNull()
  })

  it('counts this person’s dots of this vote only', () => {
    const shown = boardVote(vote(), 'b1', { voteId: 'v1', counts: { a: 2, b: 1 } }, { voteId: 'v1', counts: { a: 4, b: 1, c: 3 } })!
    expect(shown.used).toBe(3)
    expect(shown.left).toBe(2)
    expect(shown.mine).toEqual({ a: 2, b: 1 })
    expect(shown.totals).toEqual({ a: 4, b: 1, c: 3 })
  })

  it('ignores ballots and tallies of an earlier vote', () => {
    const shown = boardVote(vote(), 'b1', { voteId: 'old', counts: { a: 2 } }, { voteId: 'old', counts: { a: 9 } })!
    expect(shown.used).toBe(0)
    expect(shown.left).toBe(5)
    expect(shown.totals).toEqual({})
  })

  it('hides everyone’s dots while a hidden vote is open', () => {
    expect(boardVote(vote({ hidden: true }), 'b1', null, { voteId: 'v1', counts: {} })!.totals).toBeNull()
  })

  it('shows the results once closed, and no dots left to give', () => {
    const shown = boardVote(vote({ status: 'closed', hidden: true, results: { a: 3 } }), 'b1', { voteId: 'v1', counts: { a: 1 } }, null)!
    expect(shown.open).toBe(false)
    expect(shown.totals).toEqual({ a: 3 })
    expect(shown.used).toBe(0)
  })
})

describe('rankedResults', () => {
  it('ranks with texts, ties by age, deleted items without text', () => {
    const texts: Record<string, string> = { a: 'Bedre busstilbud', b: 'Møteplass for unge' }
    const age: Record<string, number> = { a: 2, b: 1, gone: 3 }
    const ranked = rankedResults({ a: 3, b: 3, gone: 1 }, (id) => texts[id] ?? null, (id) => age[id] ?? 0)
    expect(ranked).toEqual([
      { itemId: 'b', count: 3, rank: 1, text: 'Møteplass for unge' },
      { itemId: 'a', count: 3, rank: 1, text: 'Bedre busstilbud' },
      { itemId: 'gone', count: 1, rank: 3, text: null },
    ])
  })
})
