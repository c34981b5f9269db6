import type { Point, Rect } from './geometry'
import { intersects } from './geometry'

/** What note logic needs to know about an item on a board. */
export interface Placed extends Rect {
  id: string
  createdAt: number
}

/** Stacking order: older below, ties broken by id, so every client draws the same picture. */
export function sortByStacking<T extends Placed>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * Where a new note of `size` goes when asked for at `center`: centred there, nudged diagonally
 * while it would exactly cover an existing note (pressing N twice must not hide the first note).
 */
export function placeNewNote(center: Point, size: { w: number; h: number }, existing: readonly Rect[]): Point {
  const step = 24
  let x = Math.round(center.x - size.w / 2)
  let y = Math.round(center.y - size.h / 2)
  for (let i = 0; i < 50; i++) {
    const taken = existing.some((r) => Math.abs(r.x - x) < step / 2 && Math.abs(r.y - y) < step / 2)
    if (!taken) break
    x += step
    y += step
  }
  return { x, y }
}

export interface PositionPatch {
  id: string
  x: number
  y: number
}

/** Plans moving a selection by a delta (from a drag or arrow keys). Unknown ids are skipped. */
export function planMove(items: readonly Placed[], ids: ReadonlySet<string>, dx: number, dy: number): PositionPatch[] {
  if (!Number.isFinite(dx) || !Number.isFinite(dy) || (dx === 0 && dy === 0)) return []
  return items.filter((item) => ids.has(item.id)).map((item) => ({ id: item.id, x: item.x + dx, y: item.y + dy }))
}

/** Ids of items that a marquee rectangle touches. */
export function itemsInRect(items: readonly Placed[], rect: Rect): string[] {
  return items.filter((item) => intersects(item, rect)).map((item) => item.id)
}

/** Items that intersect the visible rect, grown by a margin so panning does not pop items in. */
export function cullToViewport<T extends Rect>(items: readonly T[], visible: Rect, margin = 200): T[] {
  const grown = { x: visible.x - margin, y: visible.y - margin, w: visible.w + margin * 2, h: visible.h + margin * 2 }
  return items.filter((item) => intersects(item, grown))
}
