import { describe, expect, it } from 'vitest'
import { readingPosition, revealRect, stepFocus } from './canvasKeyboard'

const r = (x: number, y: number) => ({ x, y, w: 100, h: 100 })
// Reading order: a (top left), b (top right), c (below), then d (no place of its own).
const items = [
  { id: 'c', rect: r(0, 300) },
  { id: 'b', rect: r(300, 10) },
  { id: 'a', rect: r(0, 0) },
  { id: 'd', rect: null },
]

describe('stepFocus', () => {
  it.each([
    ['Tab from nothing starts at the first', null, 1, 'a'],
    ['Shift+Tab from nothing starts at the last', null, -1, 'd'],
    ['Tab goes on in reading order', 'a', 1, 'b'],
    ['across rows', 'b', 1, 'c'],
    ['Shift+Tab goes back', 'c', -1, 'b'],
    ['Tab past the last leaves', 'd', 1, null],
    ['Shift+Tab before the first leaves', 'a', -1, null],
    ['an item no longer on the board counts as nothing', 'gone', 1, 'a'],
  ] as const)('%s', (_name, current, direction, expected) => {
    expect(stepFocus(items, current, direction)).toBe(expected)
  })

  it('an empty board has nothing to focus', () => {
    expect(stepFocus([], null, 1)).toBeNull()
  })
})

describe('readingPosition', () => {
  it.each([
    ['a', { position: 1, total: 4 }],
    ['c', { position: 3, total: 4 }],
    ['nope', null],
  ] as const)('%s', (id, expected) => {
    expect(readingPosition(items, id)).toEqual(expected)
  })
})

describe('revealRect', () => {
  const view = { w: 800, h: 600 }
  const camera = { x: 0, y: 0, scale: 1 }
  it.each([
    ['in view: unchanged', camera, r(200, 200), camera],
    ['off to the right: pans left just enough', camera, r(900, 200), { x: -248, y: 0, scale: 1 }],
    ['above: pans down', camera, r(200, -300), { x: 0, y: 348, scale: 1 }],
    ['zoomed: margins are screen pixels', { x: 0, y: 0, scale: 2 }, r(500, 0), { x: -448, y: 48, scale: 2 }],
    ['bigger than the view: its top left is shown', camera, { x: 1000, y: 100, w: 2000, h: 50 }, { x: -952, y: 0, scale: 1 }],
  ] as const)('%s', (_name, cam, rect, expected) => {
    const result = revealRect(cam, view, rect)
    expect(result).toEqual(expected)
    if (expected === cam) expect(result).toBe(cam)
  })
})
