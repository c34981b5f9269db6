import { describe, expect, it } from 'vitest'
import { orderAtEnd, planReorder, sortByOrder, type Ordered } from './boardOrder'

const boards: Ordered[] = [
  { id: 'c', order: 'a2' },
  { id: 'a', order: 'a0' },
  { id: 'b', order: 'a1' },
]

function applyPlan(records: Ordered[], id: string, toIndex: number): string[] {
  const order = planReorder(records, id, toIndex)
  const next = records.map((r) => (r.id === id && order !== null ? { ...r, order } : r))
  return sortByOrder(next).map((r) => r.id)
}

describe('sortByOrder', () => {
  it('sorts by index, then id for equal indexes made offline', () => {
    expect(sortByOrder(boards).map((b) => b.id)).toEqual(['a', 'b', 'c'])
    expect(sortByOrder([{ id: 'y', order: 'a0' }, { id: 'x', order: 'a0' }]).map((b) => b.id)).toEqual(['x', 'y'])
  })
})

describe('orderAtEnd', () => {
  it('sorts after every existing board', () => {
    const order = orderAtEnd(boards)
    expect(sortByOrder([...boards, { id: 'z', order }]).at(-1)?.id).toBe('z')
  })
  it('works on an empty workshop', () => {
    expect(orderAtEnd([])).toBe('a0')
  })
})

describe('planReorder', () => {
  it.each([
    ['a', 2, ['b', 'c', 'a']],
    ['c', 0, ['c', 'a', 'b']],
    ['a', 1, ['b', 'a', 'c']],
    ['c', 1, ['a', 'c', 'b']],
    ['b', 99, ['a', 'c', 'b']],
    ['b', -5, ['b', 'a', 'c']],
  ] as const)('move %s to %i -> %j', (id, to, expected) => {
    expect(applyPlan(boards, id, to)).toEqual(expected)
  })

  it('returns null when nothing moves or the id is unknown', () => {
    expect(planReorder(boards, 'a', 0)).toBeNull()
    expect(planReorder(boards, 'nope', 1)).toBeNull()
  })

  // No key sorts strictly between two equal keys, so the moved board lands just after the tie.
  it('still moves next to two boards that share an index', () => {
    const tied: Ordered[] = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a1' },
    ]
    expect(applyPlan(tied, 'a', 1)).toEqual(['b', 'c', 'a'])
  })
})
