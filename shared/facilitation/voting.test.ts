import { describe, expect, it } from 'vitest'
import type { CardRecord } from '../schema/records/card'
import type { NoteRecord } from '../schema/records/note'
import { castBlock, dotsUsed, isVotable, planCast, planRetract, rankResults, tallyBallots } from './voting'

const rules = { boardId: 'b1', lane: '' as const, votesPerPerson: 3, maxPerItem: 2 }

describe('planCast', () => {
  it.each([
    ['first dot', {}, 'a', { ok: true, counts: { a: 1 } }],
    ['second dot on the same item', { a: 1 }, 'a', { ok: true, counts: { a: 2 } }],
    ['third on one item is over the per-item limit', { a: 2 }, 'a', { ok: false, error: 'itemLimit' }],
    ['another item while dots are left', { a: 2 }, 'b', { ok: true, counts: { a: 2, b: 1 } }],
    ['no dots left', { a: 2, b: 1 }, 'c', { ok: false, error: 'voteLimit' }],
    ['no dots left wins over the item limit', { a: 2, b: 1 }, 'a', { ok: false, error: 'voteLimit' }],
  ])('%s', (_name, counts, itemId, expected) => {
    expect(planCast(rules, counts, itemId)).toEqual(expected)
  })

  it('does not change the map it was given', () => {
    const counts = { a: 1 }
    planCast(rules, counts, 'a')
    expect(counts).toEqual({ a: 1 })
  })
})

describe('castBlock', () => {
  it.each([
    ['nothing given yet', {}, 'a', null],
    ['one below the item limit', { a: 1 }, 'a', null],
    ['at the item limit', { a: 2 }, 'a', 'itemLimit'],
    ['another item while dots are left', { a: 2 }, 'b', null],
    ['no dots left, an untouched item', { a: 2, b: 1 }, 'c', 'voteLimit'],
    ['no dots left wins over the item limit', { a: 2, b: 1 }, 'a', 'voteLimit'],
  ])('%s', (_name, counts, itemId, expected) => {
    expect(castBlock(rules, counts, itemId)).toBe(expected)
  })
})

describe('planRetract', () => {
  it.each([
    [{ a: 2 }, 'a', { a: 1 }],
    [{ a: 1, b: 1 }, 'a', { b: 1 }],
    [{ b: 1 }, 'a', { b: 1 }],
  ])('%j minus %s = %j', (counts, itemId, expected) => {
    expect(planRetract(counts, itemId)).toEqual(expected)
  })
})

describe('tally and ranking', () => {
  it('adds everyone’s dots and counts voters', () => {
    const tally = tallyBallots([{ a: 2, b: 1 }, { b: 1 }, {}, { c: 0 }])
    expect(tally).toEqual({ counts: { a: 2, b: 2 }, voters: 2, dots: 4 })
    expect(dotsUsed({ a: 2, b: 1 })).toBe(3)
  })

  it('ranks most dots first; ties share a rank and keep the board order', () => {
    const position: Record<string, number> = { a: 3, b: 1, c: 2, d: 4 }
    expect(rankResults({ a: 5, b: 3, c: 3, d: 1, e: 0 }, (id) => position[id] ?? 0)).toEqual([
      { itemId: 'a', count: 5, rank: 1 },
      { itemId: 'b', count: 3, rank: 2 },
      { itemId: 'c', count: 3, rank: 2 },
      { itemId: 'd', count: 1, rank: 4 },
    ])
  })
})

describe('isVotable', () => {
  const note = { id: 'n', kind: 'note', boardId: 'b1' } as NoteRecord
  const card = { id: 'c', kind: 'card', boardId: 'b1', lane: 'solution' } as CardRecord
  it.each([
    [note, { boardId: 'b1', lane: '' }, true],
    [note, { boardId: 'b2', lane: '' }, false],
    [card, { boardId: 'b1', lane: '' }, true],
    [card, { boardId: 'b1', lane: 'solution' }, true],
    [card, { boardId: 'b1', lane: 'challenge' }, false],
    [undefined, { boardId: 'b1', lane: '' }, false],
  ] as const)('%j on %j: %s', (item, target, expected) => {
    expect(isVotable(item, target)).toBe(expected)
  })
})
