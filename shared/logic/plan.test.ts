import { describe, expect, it } from 'vitest'
import { isEmptyPlan, mergePlans } from './plan'

describe('plans', () => {
  it.each([
    [{}, true],
    [{ createItems: [] }, true],
    [{ deleteItems: ['a'] }, false],
  ])('isEmptyPlan(%j) = %s', (plan, expected) => {
    expect(isEmptyPlan(plan)).toBe(expected)
  })

  it('merges in order', () => {
    const merged = mergePlans({ deleteItems: ['a'] }, { deleteItems: ['b'], deleteBoards: ['x'] })
    expect(merged.deleteItems).toEqual(['a', 'b'])
    expect(merged.deleteBoards).toEqual(['x'])
    expect(isEmptyPlan(mergePlans())).toBe(true)
  })
})
