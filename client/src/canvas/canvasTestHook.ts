import type { Camera, Rect } from '../../../shared/logic/geometry'

/**
 * Read-only view of the canvas for end-to-end tests (`window.__samskapCanvas`). Always present:
 * it only reads, and a Konva canvas gives tests nothing else to aim at.
 */
export interface CanvasTestHook {
  boardId: string
  /** Current camera: a screen point p (relative to the canvas) shows board point (p - {x,y}) / scale. */
  getCamera(): Camera
  /** Ids of the selected notes. */
  getSelection(): string[]
  /** The notes on this board as the store holds them (what the canvas draws), in stacking order. */
  getNotes(): { id: string; text: string; x: number; y: number; w: number; h: number; color: string }[]
  /** Names of the other people whose cursor is drawn on this board. */
  getPeerCursors(): { name: string; x: number; y: number }[]
  /** Where a note is on screen, in viewport (clientX/clientY) pixels; null if it is not on this board. */
  noteScreenRect(id: string): Rect | null
}

declare global {
  interface Window {
    __samskapCanvas?: CanvasTestHook
  }
}
