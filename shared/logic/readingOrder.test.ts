import { describe, expect, it } from 'vitest'
import { readingOrder, type ReadingItem } from './readingOrder'

const at = (id: string, x: number, y: number, w = 100, h = 100): ReadingItem => ({ id, rect: { x, y, w, h } })
const loose = (id: string): ReadingItem => ({ id, rect: null })

const cases: { name: string; items: ReadingItem[]; expected: string[] }[] = [
  { name: 'nothing', items: [], expected: [] },
  { name: 'one item', items: [at('a', 5, 5)], expected: ['a'] },
  { name: 'one row, left to right regardless of input order', items: [at('c', 400, 0), at('a', 0, 0), at('b', 200, 0)], expected: ['a', 'b', 'c'] },
  { name: 'one column, top to bottom', items: [at('c', 0, 400), at('a', 0, 0), at('b', 0, 200)], expected: ['a', 'b', 'c'] },
  {
    name: 'a slightly lower neighbour stays in the row (starts above the first item’s middle)',
    items: [at('right', 200, 30), at('left', 0, 0)],
    expected: ['left', 'right'],
  },
  {
    name: 'a slightly higher item to the right is still read after the left one',
    items: [at('left', 0, 20), at('right', 200, 0)],
    expected: ['left', 'right'],
  },
  {
    name: 'starting below the middle opens the next row, even when further left',
    items: [at('top', 200, 0), at('below', 0, 60)],
    expected: ['top', 'below'],
  },
  {
    name: 'two rows of two (a 2×2 grid given in scrambled order)',
    items: [at('d', 200, 200), at('a', 0, 0), at('c', 0, 210), at('b', 210, 5)],
    expected: ['a', 'b', 'c', 'd'],
  },
  {
    name: 'a tall item does not swallow the rows beside it: the line is its middle',
    items: [at('tall', 0, 0, 100, 600), at('r1', 200, 10), at('r2', 200, 400)],
    expected: ['tall', 'r1', 'r2'],
  },
  {
    name: 'a short first item makes a thin row',
    items: [at('thin', 0, 0, 300, 20), at('next', 0, 15, 100, 100), at('far', 400, 12, 100, 100)],
    expected: ['thin', 'next', 'far'],
  },
  {
    name: 'negative coordinates read like any others',
    items: [at('b', -100, -400), at('a', -500, -410), at('c', 0, 0)],
    expected: ['a', 'b', 'c'],
  },
  { name: 'identical places: by id, so everyone hears the same order', items: [at('y', 0, 0), at('x', 0, 0)], expected: ['x', 'y'] },
  {
    name: 'same x in one row: the higher one first',
    items: [at('low', 0, 20), at('high', 0, 0, 100, 100)],
    expected: ['high', 'low'],
  },
  {
    name: 'items without a place come last, in the order given',
    items: [loose('arrow2'), at('a', 0, 0), loose('arrow1')],
    expected: ['a', 'arrow2', 'arrow1'],
  },
]

describe('readingOrder', () => {
  it.each(cases)('$name', ({ items, expected }) => {
    expect(readingOrder(items).map((item) => item.id)).toEqual(expected)
  })

  it('keeps the records it was given and does not change the input', () => {
    const items = [at('b', 200, 0), at('a', 0, 0)]
    const copy = structuredClone(items)
    const ordered = readingOrder(items)
    expect(items).toEqual(copy)
    expect(ordered[0]).toBe(items[1])
  })
})
