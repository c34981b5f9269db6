import { describe, expect, it } from 'vitest'
import { CAPTURE_GRID, planCapturePosition, type CaptureGrid } from './capturePlacement'
import type { Rect } from './geometry'

const grid: CaptureGrid = { columns: 2, cellW: 100, cellH: 100, gap: 10 }
const note = { w: 80, h: 80 }
const at = (x: number, y: number, w = 80, h = 80): Rect => ({ x, y, w, h })

describe('planCapturePosition', () => {
  it.each<[string, Rect[], { w: number; h: number }, { x: number; y: number }]>([
    ['an empty board starts at the origin', [], note, { x: 0, y: 0 }],
    ['the second item goes right of the first', [at(0, 0)], note, { x: 110, y: 0 }],
    ['a full row wraps to the next', [at(0, 0), at(110, 0)], note, { x: 0, y: 110 }],
    ['a hole in the grid is filled first', [at(0, 0), at(0, 110), at(110, 110)], note, { x: 110, y: 0 }],
    ['the grid starts where the board content starts', [at(-500, 200)], note, { x: -390, y: 200 }],
    ['an item spanning two cells blocks both', [at(0, 0, 200, 80)], note, { x: 0, y: 110 }],
    ['touching edges do not block', [at(0, 0, 110, 80)], note, { x: 110, y: 0 }],
    ['a photo taller than a cell skips a cell whose row below is taken', [at(0, 0), at(110, 110)], { w: 100, h: 150 }, { x: 0, y: 110 }],
    ['fractional content is rounded to whole pixels', [at(0.4, 0.6)], note, { x: 110, y: 1 }],
  ])('%s', (_name, existing, size, expected) => {
    expect(planCapturePosition(existing, size, grid)).toEqual(expected)
  })

  it('lays out a day of captures in reading order with no overlaps', () => {
    const placed: Rect[] = []
    for (let i = 0; i < 9; i++) {
      const size = i % 3 === 0 ? { w: 320, h: 240 } : { w: 240, h: 240 }
      placed.push({ ...planCapturePosition(placed, size), ...size })
    }
    const { cellW, gap, columns } = CAPTURE_GRID
    expect(placed.map((r) => [r.x, r.y])).toEqual(
      placed.map((_, i) => [(i % columns) * (cellW + gap), Math.floor(i / columns) * (CAPTURE_GRID.cellH + gap)]),
    )
  })
})
