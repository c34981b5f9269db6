import type { Camera, Rect } from '../../../shared/logic/geometry'
import { readingOrder, type ReadingItem } from '../../../shared/logic/readingOrder'
import { isDrawingTool, toolKeys, type CanvasTool } from './tools'

// Keyboard access to the canvas: the keyboard focus on an item IS the selection of that one item,
// so focus and selection can never disagree, arrow keys (which move the selection) move the
// focused item, and Enter (which edits the selection) edits it. Pure functions here;
// useCanvasKeyboard wires them to keys, the canvasStore and the camera.

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

/** One step of the zoom buttons and keys. */
export const ZOOM_STEP = 1.25
/** Arrow keys move the selection this far (board pixels); with Shift one pixel. */
const NUDGE = 10

/** A keydown as the canvas reads it. */
export interface KeyInput {
  key: string
  /** Physical key: Shift+1 and Shift+0 are "fit" and "100 %" on every layout. */
  code: string
  shift: boolean
  /** Ctrl or Cmd. */
  mod: boolean
  alt: boolean
  repeat: boolean
  /** The canvas itself has the focus (not a toolbar button inside it, not the page). */
  onCanvas: boolean
}

export interface KeyContext {
  selectionSize: number
  tool: CanvasTool
  canEdit: boolean
  canCreate: boolean
  /** A vote is open here, this person can vote, and the one selected item takes dots. */
  canVoteOnSelected: boolean
  /** "Move" was pressed and the destination is being picked: Escape stops only that. */
  placing: boolean
}

export type KeyCommand =
  | { type: 'space'; repeat: boolean }
  | { type: 'tab'; direction: 1 | -1 }
  | { type: 'focusFirst' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'selectAll' }
  | { type: 'fit' }
  | { type: 'resetZoom' }
  | { type: 'zoom'; factor: number }
  | { type: 'newNote' }
  | { type: 'vote'; retract: boolean }
  | { type: 'tool'; tool: CanvasTool }
  | { type: 'pickImage' }
  | { type: 'toggleFilter' }
  /** Back to nothing selected and the select tool; the key is the canvas's only if that changed something. */
  | { type: 'escape'; changes: boolean }
  /** Stop picking where the moved items go; the selection and tool stay. */
  | { type: 'cancelPlacing' }
  | { type: 'delete' }
  | { type: 'edit' }
  | { type: 'nudge'; dx: number; dy: number }
  /** Ours, but nothing to do (a drawing tool's key for someone who may not draw). */
  | { type: 'swallow' }

/**
 * What a key does on the canvas, or null when it is not the canvas's (the browser or the page gets
 * it). Tools by letter (V H T R O A P), N new note, I image, F filter, + and − zoom, Shift+1 fit,
 * Shift+0 100 %, Tab through the items, arrows move the selection, Enter edits, Delete deletes,
 * Ctrl+Z/Y undo and redo, Ctrl+A selects all, V/Shift+V give and take back a dot while voting.
 */
export function keyCommand(k: KeyInput, ctx: KeyContext): KeyCommand | null {
  const { key } = k
  const lower = key.toLowerCase()
  const arrow = key.startsWith('Arrow')
  if (key === ' ') return { type: 'space', repeat: k.repeat }
  if (key === 'Tab' && k.onCanvas && !k.mod && !k.alt) return { type: 'tab', direction: k.shift ? -1 : 1 }
  if (arrow && k.onCanvas && ctx.selectionSize === 0 && !k.mod && !k.alt) return { type: 'focusFirst' }
  if (k.mod && !k.alt && lower === 'z') return ctx.canEdit ? { type: k.shift ? 'redo' : 'undo' } : null
  if (k.mod && lower === 'y') return ctx.canEdit ? { type: 'redo' } : null
  if (k.mod && lower === 'a') return { type: 'selectAll' }
  if (k.mod || k.alt) return null
  if (k.shift && k.code === 'Digit1') return { type: 'fit' }
  if (k.shift && k.code === 'Digit0') return { type: 'resetZoom' }
  if (key === '+' || key === '=') return { type: 'zoom', factor: ZOOM_STEP }
  if (key === '-' || key === '−') return { type: 'zoom', factor: 1 / ZOOM_STEP }
  if (lower === 'n') return { type: 'newNote' }
  // While voting V gives the focused note a dot and Shift+V takes one back; otherwise V is the select tool.
  if (lower === 'v' && ctx.canVoteOnSelected) return { type: 'vote', retract: k.shift }
  const tool = toolKeys[lower]
  if (tool && !k.shift) return ctx.canCreate || !isDrawingTool(tool) ? { type: 'tool', tool } : { type: 'swallow' }
  if (lower === 'i' && ctx.canCreate) return { type: 'pickImage' }
  if (lower === 'f') return { type: 'toggleFilter' }
  if (key === 'Escape' && ctx.placing) return { type: 'cancelPlacing' }
  if (key === 'Escape') return { type: 'escape', changes: ctx.selectionSize > 0 || ctx.tool !== 'select' }
  if (key === 'Delete' || key === 'Backspace') return { type: 'delete' }
  if (key === 'Enter' && ctx.selectionSize === 1 && ctx.canEdit) return { type: 'edit' }
  if (arrow && ctx.selectionSize > 0) {
    const step = k.shift ? 1 : NUDGE
    const [dx, dy] = key === 'ArrowLeft' ? [-step, 0] : key === 'ArrowRight' ? [step, 0] : key === 'ArrowUp' ? [0, -step] : [0, step]
    return { type: 'nudge', dx, dy }
  }
  return null
}
