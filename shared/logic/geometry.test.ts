import { describe, expect, it } from 'vitest'
import {
  boardToScreen,
  boundsOf,
  clampScale,
  COARSE_BELOW_SCALE,
  detailForScale,
  fitCamera,
  intersects,
  MAX_SCALE,
  MIN_SCALE,
  rectFromPoints,
  screenToBoard,
  visibleRect,
  zoomAt,
} from './geometry'

describe('camera transforms', () => {
  it.each([
    [{ x: 0, y: 0, scale: 1 }, { x: 10, y: 20 }],
    [{ x: 100, y: -50, scale: 2 }, { x: 10, y: 20 }],
    [{ x: -3, y: 7, scale: 0.25 }, { x: -400, y: 900 }],
  ])('screenToBoard inverts boardToScreen (%j)', (camera, point) => {
    const back = screenToBoard(camera, boardToScreen(camera, point))
    expect(back.x).toBeCloseTo(point.x)
    expect(back.y).toBeCloseTo(point.y)
  })

  it('zoomAt keeps the board point under the anchor still', () => {
    const camera = { x: 40, y: 30, scale: 1 }
    const anchor = { x: 300, y: 200 }
    const before = screenToBoard(camera, anchor)
    const after = screenToBoard(zoomAt(camera, anchor, 1.5), anchor)
    expect(after.x).toBeCloseTo(before.x)
    expect(after.y).toBeCloseTo(before.y)
  })

  it.each([
    [0.01, MIN_SCALE],
    [1, 1],
    [100, MAX_SCALE],
  ])('clampScale(%f) = %f', (input, expected) => {
    expect(clampScale(input)).toBe(expected)
  })
})

describe('boundsOf', () => {
  it.each([
    [[], null],
    [[{ x: 0, y: 0, w: 10, h: 10 }], { x: 0, y: 0, w: 10, h: 10 }],
    [
      [
        { x: -10, y: 5, w: 10, h: 10 },
        { x: 20, y: -5, w: 5, h: 5 },
      ],
      { x: -10, y: -5, w: 35, h: 20 },
    ],
  ])('%j -> %j', (rects, expected) => {
    expect(boundsOf(rects)).toEqual(expected)
  })
})

describe('fitCamera', () => {
  const size = { w: 1000, h: 800 }
  it('centres content and never zooms in past 1:1', () => {
    const camera = fitCamera({ x: 0, y: 0, w: 100, h: 100 }, size)
    expect(camera.scale).toBe(1)
    expect(boardToScreen(camera, { x: 50, y: 50 })).toEqual({ x: 500, y: 400 })
  })
  it('zooms out so wide content fits inside the padding', () => {
    const camera = fitCamera({ x: 0, y: 0, w: 4000, h: 100 }, size, 50)
    expect(camera.scale).toBeCloseTo(900 / 4000)
    const right = boardToScreen(camera, { x: 4000, y: 0 })
    expect(right.x).toBeCloseTo(950)
  })
  it('handles an empty board and a zero-size viewport', () => {
    expect(fitCamera(null, size)).toEqual({ x: 500, y: 400, scale: 1 })
    expect(fitCamera({ x: 0, y: 0, w: 1, h: 1 }, { w: 0, h: 0 }).scale).toBe(1)
  })
})

describe('rects', () => {
  it.each([
    [{ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 }, true],
    [{ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 }, false],
    [{ x: 0, y: 0, w: 10, h: 10 }, { x: -5, y: -5, w: 30, h: 30 }, true],
    [{ x: 0, y: 0, w: 10, h: 10 }, { x: 0, y: 11, w: 10, h: 10 }, false],
  ])('intersects(%j, %j) = %s', (a, b, expected) => {
    expect(intersects(a, b)).toBe(expected)
    expect(intersects(b, a)).toBe(expected)
  })

  it('rectFromPoints works in any drag direction', () => {
    expect(rectFromPoints({ x: 10, y: 10 }, { x: 0, y: 20 })).toEqual({ x: 0, y: 10, w: 10, h: 10 })
  })

  it('visibleRect is the board area behind the viewport', () => {
    expect(visibleRect({ x: -100, y: -200, scale: 2 }, { w: 800, h: 600 })).toEqual({ x: 50, y: 100, w: 400, h: 300 })
  })
})

describe('detailForScale', () => {
  it.each([
    [MIN_SCALE, 'coarse'],
    [0.2, 'coarse'],
    [0.3, 'coarse'],
    [COARSE_BELOW_SCALE - 0.001, 'coarse'],
    [COARSE_BELOW_SCALE, 'full'],
    [0.5, 'full'],
    [1, 'full'],
    [MAX_SCALE, 'full'],
  ] as const)('scale %f draws %s items', (scale, expected) => {
    expect(detailForScale(scale)).toBe(expected)
  })
})
