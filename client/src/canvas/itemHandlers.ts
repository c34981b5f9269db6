import type Konva from 'konva'
import type { Point } from '../../../shared/logic/geometry'

/** Gestures the board handles for every item; one stable object so memoised nodes skip renders. */
export interface ItemHandlers {
  /**
   * Whether this person may move and change items (not an observer, not on a locked board). Part
   * of the stable object on purpose: it changes rarely, and every node re-renders once when it does.
   */
  readonly editable: boolean
  register(id: string, node: Konva.Group | null): void
  pointerDown(id: string, event: Konva.KonvaEventObject<PointerEvent>): void
  dragStart(id: string, node: Konva.Group): void
  dragMove(id: string, node: Konva.Group): void
  dragEnd(id: string, node: Konva.Group): void
  edit(id: string): void
  /** A click or tap that was not a drag (voting gives a dot with it). */
  activate(id: string): void
  /** Its size changed (resize, undo, someone else): a frame around it must follow. */
  sizeChanged(id: string): void
  /** An arrow's end handle was dropped at a board point: bind to what is there, or free it. */
  rebind(connectorId: string, which: 'from' | 'to', point: Point): void
  /** Live positions of items being dragged, so arrows bound to them follow during the drag. */
  subscribeDrag(itemId: string, listener: () => void): () => void
  dragOffset(itemId: string): Point | null
}
