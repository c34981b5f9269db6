import type { Camera, Rect } from '../../../shared/logic/geometry'
import { readingOrder, type ReadingItem } from '../../../shared/logic/readingOrder'

// Keyboard access to the canvas: the keyboard focus on an item IS the selection of that one item,
// so focus and selection can never disagree, arrow keys (which move the selection) move the
// focused item, and Enter (which edits the selection) edits it. Pure functions here; BoardCanvas
// wires them to keys and the camera.

/**
 * The item Tab (direction 1) or Shift+Tab (-1) goes to from `currentId`, in reading order; from no
 * item (or one not on the board) Tab starts at the first and Shift+Tab at the last. Null past
 * either end, so Tab leaves the canvas for the rest of the page instead of trapping the person.
 */
export function stepFocus(items: readonly ReadingItem[], currentId: string | null, direction: 1 | -1): string | null {
  const ordered = readingOrder(items)
  const index = currentId === null ? -1 : ordered.findIndex((item) => item.id === currentId)
  if (index === -1) return (direction === 1 ? ordered[0] : ordered[ordered.length - 1])?.id ?? null
  return ordered[index + direction]?.id ?? null
}

/** Where an item stands in reading order (1-based), for "Lapp 2 av 5". */
export function readingPosition(items: readonly ReadingItem[], id: string): { position: number; total: number } | null {
  const ordered = readingOrder(items)
  const index = ordered.findIndex((item) => item.id === id)
  return index === -1 ? null : { position: index + 1, total: ordered.length }
}

/**
 * The camera that shows `rect` with `margin` screen pixels around it, moving as little as possible;
 * the same camera when it is already in view. Zoom is kept; an item larger than the view is shown
 * from its top left.
 */
export function revealRect(camera: Camera, view: { w: number; h: number }, rect: Rect, margin = 48): Camera {
  const axis = (offset: number, start: number, size: number, viewSize: number): number => {
    const lo = start * camera.scale + offset
    const hi = (start + size) * camera.scale + offset
    if (hi - lo > viewSize - 2 * margin || lo < margin) return offset + (margin - lo)
    if (hi > viewSize - margin) return offset - (hi - (viewSize - margin))
    return offset
  }
  const x = axis(camera.x, rect.x, rect.w, view.w)
  const y = axis(camera.y, rect.y, rect.h, view.h)
  return x === camera.x && y === camera.y ? camera : { ...camera, x, y }
}
