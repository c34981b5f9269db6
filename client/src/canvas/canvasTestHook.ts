import type { Point, Camera, Rect } from '../../../shared/logic/geometry'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { CanvasTool } from './tools'
import type { ImageSourceState } from './itemNodes'

/**
 * Read-only view of the canvas for end-to-end tests and benchmarks (`window.__samskapCanvas`).
 * Always present: it only reads, and a Konva canvas gives tests nothing else to aim at.
 */
export interface CanvasTestHook {
  boardId: string
  /** Current camera: a screen point p (relative to the canvas) shows board point (p - {x,y}) / scale. */
  getCamera(): Camera
  /** Ids of the selected items. */
  getSelection(): string[]
  /** The notes on this board as the store holds them (what the canvas draws), in stacking order. */
  getNotes(): { id: string; text: string; x: number; y: number; w: number; h: number; color: string }[]
  /**
   * Every item on this board, in stacking order, with the board rect it covers: text gets its
   * estimated height, strokes their bounds, arrows the box between their ends.
   */
  getItems(): { id: string; kind: ItemRecord['kind']; x: number; y: number; w: number; h: number }[]
  /** One item's record as the store holds it, or null. */
  getItem(id: string): ItemRecord | null
  /** The two points an arrow is drawn between (bound ends on their item's edge), or null. */
  getConnectorEnds(id: string): { from: Point; to: Point } | null
  /**
   * For frame-rate benchmarks: `mountedItemNodes` Konva groups mounted now (culling keeps this near
   * what is in view), `renderedIds` items React renders, `coarseDrawn` items the zoomed-out shape drew
   * at its last redraw (CoarseItems), `totalItems` items on the board, `fullRedraws` and
   * `regionRedraws` how often the items layer was redrawn whole or in part (viewport/regionRedraw.ts).
   */
  getRenderStats(): { mountedItemNodes: number; renderedIds: number; coarseDrawn: number; totalItems: number; fullRedraws: number; regionRedraws: number }
  /** Where an image item's pixels come from: this browser's queued blob, the server, or not yet. */
  getImageSource(id: string): ImageSourceState | null
  getTool(): CanvasTool
  /** Names of the other people whose cursor is drawn on this board. */
  getPeerCursors(): { name: string; x: number; y: number }[]
  /**
   * The lines Konva drew for a note's text and their font size in board pixels (what the note
   * reads on the projector); null if the note is not mounted (culled, zoomed out, being edited).
   */
  getNoteText(id: string): { fontSize: number; lines: string[]; width: number; lineWidths: number[] } | null
  /** Where a note is on screen, in viewport (clientX/clientY) pixels; null if it is not on this board. */
  noteScreenRect(id: string): Rect | null
  /** Same for any item kind. */
  itemScreenRect(id: string): Rect | null
}

declare global {
  interface Window {
    __samskapCanvas?: CanvasTestHook
  }
}
