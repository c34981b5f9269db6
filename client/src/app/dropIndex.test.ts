import { describe, expect, it } from 'vitest'
import { dropIndex } from './dropIndex'

describe('dropIndex', () => {
  it.each([
    // from, over, after, expected final index
    [0, 2, false, 1],
    [0, 2, true, 2],
    [3, 1, false, 1],
    [3, 1, true, 2],
    [1, 1, false, 1],
    [1, 1, true, 1],
    [2, 0, false, 0],
  ] as const)('from %i over %i after=%s -> %i', (from, over, after, expected) => {
    expect(dropIndex(from, over, after)).toBe(expected)
  })
})
