import { boundsOf, type Point, type Rect } from './geometry'

/**
 * Where quick capture (a phone on a study trip) puts the next note or photo: the first free cell
 * of a grid, row by row, so a day's notes and photos read in the order they were taken instead of
 * piling up in the middle of the board. The grid starts at the top-left of what is already on the
 * board; a cell that anything overlaps is skipped, so nothing is ever covered.
 */
export interface CaptureGrid {
  columns: number
  cellW: number
  cellH: number
  gap: number
}

/** Cells fit a photo at `CAPTURE_PHOTO_EDGE` and a capture note at `CAPTURE_NOTE_SIZE`. */
export const CAPTURE_GRID: CaptureGrid = { columns: 4, cellW: 320, cellH: 320, gap: 32 }
export const CAPTURE_PHOTO_EDGE = 320
export const CAPTURE_NOTE_SIZE = 240

/** Enough for any real board; a board this full still gets a position (below the last row). */
const MAX_CELLS = 10_000

export function planCapturePosition(existing: readonly Rect[], size: { w: number; h: number }, grid: CaptureGrid = CAPTURE_GRID): Point {
  const bounds = boundsOf(existing)
  const origin = bounds ? { x: Math.round(bounds.x), y: Math.round(bounds.y) } : { x: 0, y: 0 }
  const stepX = grid.cellW + grid.gap
  const stepY = grid.cellH + grid.gap
  for (let index = 0; index < MAX_CELLS; index++) {
    const x = origin.x + (index % grid.columns) * stepX
    const y = origin.y + Math.floor(index / grid.columns) * stepY
    // The item's own size too: a photo taller than a cell must not reach into the row below's items.
    const cell = { x, y, w: Math.max(grid.cellW, size.w), h: Math.max(grid.cellH, size.h) }
    if (!existing.some((rect) => overlaps(rect, cell))) return { x, y }
  }
  return { x: origin.x, y: (bounds ? bounds.y + bounds.h : 0) + grid.gap }
}

/** Touching edges do not count: items laid out exactly on the grid leave the next cell free. */
function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}
