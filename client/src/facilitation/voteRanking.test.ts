import { describe, expect, it } from 'vitest'
import { voteRanking } from './voteRanking'

const items = [
  { id: 'a', text: 'Trygg skolevei' },
  { id: 'b', text: 'Flere benker' },
  { id: 'c', text: 'Lys i parken' },
]

describe('voteRanking', () => {
  it.each<{ case: string; counts: Record<string, number>; expected: [string, number, number][] }>([
    { case: 'no dots', counts: {}, expected: [] },
    { case: 'most dots first', counts: { a: 1, b: 4, c: 2 }, expected: [['b', 1, 4], ['c', 2, 2], ['a', 3, 1]] },
    { case: 'ties share a rank and keep board order', counts: { c: 3, a: 3, b: 1 }, expected: [['a', 1, 3], ['c', 1, 3], ['b', 3, 1]] },
    { case: 'a deleted item keeps its place by count, last in its tie', counts: { gone: 2, b: 2, a: 5 }, expected: [['a', 1, 5], ['b', 2, 2], ['gone', 2, 2]] },
    { case: 'zero counts are left out', counts: { a: 0, b: 1 }, expected: [['b', 1, 1]] },
  ])('$case', ({ counts, expected }) => {
    expect(voteRanking(counts, items).map((r) => [r.itemId, r.rank, r.count])).toEqual(expected)
  })

  it('carries the text, or null for a deleted item', () => {
    expect(voteRanking({ a: 1, gone: 1 }, items).map((r) => r.text)).toEqual(['Trygg skolevei', null])
  })
})
