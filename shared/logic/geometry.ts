/** Camera and geometry math for the infinite canvas. Board coordinates are unzoomed pixels. */

export interface Point {
  x: number
  y: number
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** `scale` is screen pixels per board pixel; a screen point p shows board point (p - offset) / scale. */
export interface Camera {
  x: number
  y: number
  scale: number
}

export const MIN_SCALE = 0.1
export const MAX_SCALE = 4

/**
 * How much of each item the canvas draws. Below COARSE_BELOW_SCALE a note's text is under ~6 screen
 * pixels, unreadable, and drawing it (text layout, badges, edges) is most of a frame's cost with
 * thousands of items in view: each item is then one plain shape.
 */
export type DetailLevel = 'full' | 'coarse'
export const COARSE_BELOW_SCALE = 0.33

export function detailForScale(scale: number): DetailLevel {
  return scale < COARSE_BELOW_SCALE ? 'coarse' : 'full'
}

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))
}

export function screenToBoard(camera: Camera, point: Point): Point {
  return { x: (point.x - camera.x) / camera.scale, y: (point.y - camera.y) / camera.scale }
}

export function boardToScreen(camera: Camera, point: Point): Point {
  return { x: point.x * camera.scale + camera.x, y: point.y * camera.scale + camera.y }
}

/** Zooms by `factor` keeping the board point under the screen point `anchor` still. */
export function zoomAt(camera: Camera, anchor: Point, factor: number): Camera {
  const scale = clampScale(camera.scale * factor)
  const board = screenToBoard(camera, anchor)
  return { scale, x: anchor.x - board.x * scale, y: anchor.y - board.y * scale }
}

export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const r of rects) {
    minX = Math.min(minX, r.x)
    minY = Math.min(minY, r.y)
    maxX = Math.max(maxX, r.x + r.w)
    maxY = Math.max(maxY, r.y + r.h)
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

/** Camera that shows `bounds` centred in a viewport of `size`, never zooming in past 1:1. */
export function fitCamera(bounds: Rect | null, size: { w: number; h: number }, padding = 48): Camera {
  if (!bounds || size.w <= 0 || size.h <= 0) return { x: size.w / 2, y: size.h / 2, scale: 1 }
  const availableW = Math.max(1, size.w - padding * 2)
  const availableH = Math.max(1, size.h - padding * 2)
  const scale = clampScale(Math.min(1, availableW / Math.max(1, bounds.w), availableH / Math.max(1, bounds.h)))
  return {
    scale,
    x: size.w / 2 - (bounds.x + bounds.w / 2) * scale,
    y: size.h / 2 - (bounds.y + bounds.h / 2) * scale,
  }
}

/** The part of the board visible through a viewport of `size`, in board coordinates. */
export function visibleRect(camera: Camera, size: { w: number; h: number }): Rect {
  const topLeft = screenToBoard(camera, { x: 0, y: 0 })
  return { x: topLeft.x, y: topLeft.y, w: size.w / camera.scale, h: size.h / camera.scale }
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/** Rect spanned by two corner points, in either order (a marquee drag). */
export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) }
}
