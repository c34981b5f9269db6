import { NOTE_MAX_SIZE, NOTE_MIN_SIZE } from '../schema/records/note'
import type { Rect } from './geometry'

/** What a resize handle left behind: the node's new corner and the scale it was stretched by. */
export interface ResizeResult {
  x: number
  y: number
  scaleX: number
  scaleY: number
}

/**
 * The note rect to store after a resize gesture: size kept within the schema's limits, rounded to
 * whole board pixels so the document does not fill with float noise.
 */
export function planResize(note: Rect, result: ResizeResult): Rect {
  const clamp = (n: number) => Math.min(NOTE_MAX_SIZE, Math.max(NOTE_MIN_SIZE, Math.round(n)))
  const sx = Number.isFinite(result.scaleX) ? Math.abs(result.scaleX) : 1
  const sy = Number.isFinite(result.scaleY) ? Math.abs(result.scaleY) : 1
  return {
    x: Number.isFinite(result.x) ? Math.round(result.x) : note.x,
    y: Number.isFinite(result.y) ? Math.round(result.y) : note.y,
    w: clamp(note.w * sx),
    h: clamp(note.h * sy),
  }
}
