import { describe, expect, it } from 'vitest'
import { cullToViewport, itemsInRect, placeNewNote, planMove, sortByStacking, type Placed } from './notes'

const note = (id: string, x: number, y: number, createdAt = 0): Placed => ({ id, x, y, w: 100, h: 100, createdAt })

describe('sortByStacking', () => {
  it('puts older notes below and breaks ties by id', () => {
    const sorted = sortByStacking([note('b', 0, 0, 5), note('a', 0, 0, 5), note('c', 0, 0, 1)])
    expect(sorted.map((n) => n.id)).toEqual(['c', 'a', 'b'])
  })
})

describe('placeNewNote', () => {
  const size = { w: 100, h: 100 }
  it.each([
    ['empty board: centred on the point', [], { x: 150, y: 150 }],
    ['same spot taken: nudged once', [note('a', 150, 150)], { x: 174, y: 174 }],
    ['two taken: nudged twice', [note('a', 150, 150), note('b', 174, 174)], { x: 198, y: 198 }],
    ['nearby but not on top: stays', [note('a', 300, 300)], { x: 150, y: 150 }],
  ])('%s', (_name, existing, expected) => {
    expect(placeNewNote({ x: 200, y: 200 }, size, existing)).toEqual(expected)
  })
})

describe('planMove', () => {
  const items = [note('a', 0, 0), note('b', 10, 10), note('c', 20, 20)]
  it.each([
    ['moves only the selection', new Set(['a', 'c']), 5, -5, [{ id: 'a', x: 5, y: -5 }, { id: 'c', x: 25, y: 15 }]],
    ['skips unknown ids', new Set(['zz']), 5, 5, []],
    ['no delta, no patch', new Set(['a']), 0, 0, []],
    ['refuses NaN', new Set(['a']), Number.NaN, 0, []],
  ])('%s', (_name, ids, dx, dy, expected) => {
    expect(planMove(items, ids, dx, dy)).toEqual(expected)
  })
})

describe('itemsInRect and cullToViewport', () => {
  const items = [note('a', 0, 0), note('b', 500, 500), note('c', 5000, 5000)]
  it('selects what the marquee touches', () => {
    expect(itemsInRect(items, { x: 50, y: 50, w: 500, h: 500 })).toEqual(['a', 'b'])
  })
  it('keeps items near the viewport and drops far ones', () => {
    expect(cullToViewport(items, { x: 0, y: 0, w: 300, h: 300 }, 250).map((i) => i.id)).toEqual(['a', 'b'])
    expect(cullToViewport(items, { x: 0, y: 0, w: 300, h: 300 }, 0).map((i) => i.id)).toEqual(['a'])
  })
})
