import type { Rect } from './geometry'

/** Something placed on a board; `rect` is null for items without a place of their own (a loose arrow). */
export interface ReadingItem {
  id: string
  rect: Rect | null
}

/**
 * The order a sighted reader scans a free canvas: top to bottom in rows, left to right within a
 * row. Items belong to one row when each starts above the middle of the row's topmost item, so a
 * note a few pixels lower than its neighbour is still read beside it, while a note that starts
 * below the first one's middle opens the next row. Items without a place come last, in the order
 * given. Deterministic for equal positions (by id), so every participant hears the same order.
 * (There are no frames yet; when they come, each frame is read as its own block.)
 */
export function readingOrder<T extends ReadingItem>(items: readonly T[]): T[] {
  const placed = items.filter((item): item is T & { rect: Rect } => item.rect !== null)
  const unplaced = items.filter((item) => item.rect === null)
  const byTop = [...placed].sort((a, b) => a.rect.y - b.rect.y || a.rect.x - b.rect.x || compareIds(a.id, b.id))
  const rows: (T & { rect: Rect })[][] = []
  let line = Number.NEGATIVE_INFINITY
  for (const item of byTop) {
    const row = rows[rows.length - 1]
    if (row && item.rect.y < line) {
      row.push(item)
    } else {
      rows.push([item])
      line = item.rect.y + item.rect.h / 2
    }
  }
  const ordered = rows.flatMap((row) => row.sort((a, b) => a.rect.x - b.rect.x || a.rect.y - b.rect.y || compareIds(a.id, b.id)))
  return [...ordered, ...unplaced]
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
