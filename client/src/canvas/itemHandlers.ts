import type Konva from 'konva'
import type { RefObject } from 'react'
import { planMoveItems } from '../../../shared/logic/canvasItems'
import { endAt } from '../../../shared/logic/connectors'
import type { Point } from '../../../shared/logic/geometry'
import type { CommitPlan } from '../store/useCommitPlan'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { CanvasActions } from './canvasActions'
import type { CanvasStore } from './canvasState'

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

/** The handlers, and what the rest of the canvas needs from them. */
export interface CanvasItems {
  /** A handlers object for nodes to render with; a new one when `editable` changes, sharing the drag state. */
  handlersFor(editable: boolean): ItemHandlers
  /** The mounted Konva group of each item (for the resize frame and the test hook). */
  nodes: ReadonlyMap<string, Konva.Group>
  /** Konva is dragging items now. */
  isDragging(): boolean
}

interface ItemHandlerDeps {
  store: WorkshopStore
  canvasStore: CanvasStore
  actions: CanvasActions
  commit: CommitPlan
  transformerRef: RefObject<Konva.Transformer | null>
}

/**
 * Select, drag, edit, vote and re-bind arrow ends. Konva holds positions only while dragging: on
 * drag end one plan (`planMoveItems`) moves every dragged item, and the nodes are put exactly where
 * the plan says, so the render that follows changes nothing.
 */
export function createCanvasItems({ store, canvasStore, actions, commit, transformerRef }: ItemHandlerDeps): CanvasItems {
  const nodes = new Map<string, Konva.Group>()
  let drag: { ids: ReadonlySet<string>; origin: Map<string, Point> } | null = null
  const dragOffsets = new Map<string, Point>()
  const dragListeners = new Map<string, Set<() => void>>()
  const notifyDrag = (id: string) => dragListeners.get(id)?.forEach((listener) => listener())
  const get = canvasStore.getState

  const handlers: Omit<ItemHandlers, 'editable'> = {
    register(id, node) {
      if (node) nodes.set(id, node)
      else nodes.delete(id)
    },
    pointerDown(id, event) {
      actions.focusCanvas()
      const evt = event.evt
      if (evt.button !== 0 && evt.pointerType === 'mouse') return
      const current = get().selection
      if (evt.shiftKey || evt.metaKey || evt.ctrlKey) {
        const next = new Set(current)
        if (next.has(id)) next.delete(id)
        else next.add(id)
        actions.select(next)
      } else if (!current.has(id)) {
        actions.select([id])
      }
    },
    dragStart(id, node) {
      const current = get().selection
      const dragged = current.has(id) ? current : new Set([id])
      const origin = new Map<string, Point>()
      for (const other of dragged) {
        const n = nodes.get(other)
        if (n) origin.set(other, n.position())
      }
      origin.set(id, node.position())
      drag = { ids: dragged, origin }
    },
    dragMove(id, node) {
      const start = drag?.origin.get(id)
      if (!drag || !start) return
      const dx = node.x() - start.x
      const dy = node.y() - start.y
      for (const [other, p] of drag.origin) {
        if (other !== id) nodes.get(other)?.position({ x: p.x + dx, y: p.y + dy })
        // Arrows bound to a dragged item follow it live, without a document write.
        dragOffsets.set(other, { x: dx, y: dy })
        notifyDrag(other)
      }
    },
    dragEnd(id, node) {
      const d = drag
      drag = null
      const item = actions.lookupItem(id)
      if (!d || !item || item.kind === 'connector') return
      const plan = planMoveItems(actions.itemsOnBoard(), d.ids, Math.round(node.x() - item.x), Math.round(node.y() - item.y))
      // Put nodes exactly where the plan says; React then renders the same values.
      for (const other of d.origin.keys()) {
        const record = actions.lookupItem(other)
        const patch = plan.updateItems?.find((p) => p.id === other)?.patch as Point | undefined
        const base = record && record.kind !== 'connector' ? { x: record.x, y: record.y } : { x: 0, y: 0 }
        nodes.get(other)?.position(patch && 'x' in patch ? { x: patch.x, y: patch.y } : base)
      }
      commit(plan)
      for (const other of d.origin.keys()) {
        dragOffsets.delete(other)
        notifyDrag(other)
      }
    },
    rebind(connectorId, which, point) {
      const end = endAt(point, actions.bindableAt(point, connectorId))
      const connector = actions.lookupItem(connectorId)
      if (connector?.kind !== 'connector') return
      const other = which === 'from' ? connector.to : connector.from
      if ('itemId' in end && 'itemId' in other && end.itemId === other.itemId) return // both ends on one item
      commit({ updateItems: [{ id: connectorId, patch: { [which]: end } }] })
    },
    subscribeDrag(itemId, listener) {
      let set = dragListeners.get(itemId)
      if (!set) dragListeners.set(itemId, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
    dragOffset: (itemId) => dragOffsets.get(itemId) ?? null,
    activate(id) {
      // While a vote is open here a click or tap on a note gives it a dot (participants; the
      // facilitator arranging notes on the projector uses the toolbar button or V instead).
      const { voting, access } = get()
      if (!voting.canVote || access.role !== 'participant' || !voting.isEligible(store.getItem(id))) return
      void voting.cast(id)
    },
    edit(id) {
      actions.select([id])
      // Two quick clicks are two dots while voting, not "edit": Enter still edits.
      const { voting, access } = get()
      if (voting.canVote && access.role === 'participant') return
      actions.edit(id)
    },
    sizeChanged(id) {
      if (get().selection.has(id)) transformerRef.current?.forceUpdate()
    },
  }
  return { handlersFor: (editable) => ({ ...handlers, editable }), nodes, isDragging: () => drag !== null }
}
