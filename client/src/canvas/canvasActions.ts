import { canBindTo, isCanvasItem, isTaggable, itemRect, planDeleteItems, planMoveItems, planPlaceItems, planRebind, topmostItemAt, type CanvasItem } from '../../../shared/logic/canvasItems'
import { boundsOf, fitCamera, screenToBoard, zoomAt, type Point, type Rect } from '../../../shared/logic/geometry'
import { itemsInRect, placeNewNote } from '../../../shared/logic/notes'
import { planConnect, planScaleItems } from '../../../shared/logic/pointerAlternatives'
import { readingOrder, type ReadingItem } from '../../../shared/logic/readingOrder'
import { NOTE_DEFAULT_SIZE, type NoteColor } from '../../../shared/schema/records/note'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { Tagged } from '../../../shared/schema/tags'
import type { CommitPlan } from '../store/useCommitPlan'
import { sessionBus } from '../session/sessionBus'
import type { WorkshopStore } from '../store/WorkshopStore'
import { revealRect } from './canvasKeyboard'
import { isEditableKind, noSelection, type CanvasStore, type Notice } from './canvasState'
import { planDrawing, planText } from './gestures/drawingPlans'
import { DEFAULT_INK } from './inkColors'
import type { DrawingGesture } from './gestures/gestureReducer'
import type { CanvasTool } from './tools'
import type { Viewport } from './viewport/useViewport'

const FIT_PADDING = 72

/**
 * What the person can do on the canvas, as plain functions over the document store and the
 * canvasStore store: the toolbar, the keyboard, item handlers and gestures all call these, and each
 * reads the state it needs when it runs. Every write is one plan (one undo step) through `commit`.
 */
export type CanvasActions = ReturnType<typeof createCanvasActions>

export interface CanvasActionDeps {
  store: WorkshopStore
  boardId: string
  canvasStore: CanvasStore
  viewport: Viewport
  commit: CommitPlan
}

export function createCanvasActions({ store, boardId, canvasStore, viewport, commit }: CanvasActionDeps) {
  const get = canvasStore.getState
  const bus = sessionBus(store)

  const lookupItem = (id: string): CanvasItem | undefined => {
    const item = store.getItem(id)
    return isCanvasItem(item) ? item : undefined
  }
  const itemsOnBoard = (): CanvasItem[] => store.getItemIds(boardId).flatMap((id) => lookupItem(id) ?? [])
  /** Every canvas item with its rect, bottom first: marquee, fit, new notes and arrow ends. */
  const placedOnBoard = () =>
    itemsOnBoard().flatMap((item) => {
      const rect = itemRect(item, lookupItem)
      return rect ? [{ item, rect }] : []
    })
  /** Selects exactly `ids`; the same selection stays the same object (a marquee moving over nothing new renders nothing). */
  const select = (ids: Iterable<string>) => {
    const next = new Set(ids)
    const current = get().selection
    if (next.size === current.size && [...next].every((id) => current.has(id))) return
    canvasStore.setState({ selection: next.size === 0 ? noSelection : next })
  }
  const setTool = (tool: CanvasTool) => canvasStore.setState({ tool })
  const notify = (notice: Notice | null) => canvasStore.setState({ notice })
  const focusCanvas = () => viewport.containerRef.current?.focus({ preventScroll: true })
  const viewCenter = () => screenToBoard(get().camera, { x: get().size.w / 2, y: get().size.h / 2 })

  /** The person moved the camera themselves: the board stops fitting itself, and following stops. */
  const cameraByPerson = () => {
    canvasStore.setState({ cameraTouched: true, requestedCamera: null })
    bus.userMovedCamera(boardId)
  }
  const zoomBy = (factor: number, anchor?: Point) => {
    cameraByPerson()
    const { w, h } = get().size
    viewport.moveCamera(zoomAt(get().camera, anchor ?? { x: w / 2, y: h / 2 }, factor))
  }
  const fitToContent = () => viewport.moveCamera(fitCamera(boundsOf(placedOnBoard().map((p) => p.rect)), get().size, FIT_PADDING))

  const createNoteAt = (center: Point) => {
    const { access, lastColor } = get()
    if (!access.canCreate) {
      // During private writing new notes go through the composer in the canvasStore strip.
      if (access.limit === 'private') bus.requestComposer()
      return
    }
    canvasStore.setState({ cameraTouched: true })
    const position = placeNewNote(center, { w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE }, placedOnBoard().map((p) => p.rect))
    store.stopCapturing()
    const id = store.createNote(boardId, { ...position, w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE, color: lastColor, text: '' })
    store.stopCapturing()
    canvasStore.setState({ selection: new Set([id]), editingId: id })
  }

  const selected = () => [...get().selection]

  /** The item an arrow end dropped here binds to (not arrows or pen strokes), if any. */
  const bindableAt = (point: Point, exclude?: string): string | null =>
    topmostItemAt(
      placedOnBoard()
        .filter(({ item }) => item.id !== exclude && canBindTo(item))
        .map(({ item, rect }) => ({ id: item.id, rect })),
      point,
    )

  return {
    lookupItem,
    itemsOnBoard,
    placedOnBoard,
    select,
    setTool,
    notify,
    focusCanvas,
    cameraByPerson,
    zoomBy,
    resetZoom: () => zoomBy(1 / get().camera.scale),
    fitToContent,
    fitByPerson: () => {
      cameraByPerson()
      fitToContent()
    },
    toggleFilter: () => canvasStore.setState((s) => ({ filterOpen: !s.filterOpen })),

    bindableAt,

    /** Items in the order Tab walks them (canvasKeyboard.ts). */
    readingItems: (): ReadingItem[] => itemsOnBoard().map((item) => ({ id: item.id, rect: itemRect(item, lookupItem) })),

    /** Keyboard focus on an item is selecting it alone, brought into view. */
    focusItem(id: string) {
      select([id])
      const item = lookupItem(id)
      const rect = item ? itemRect(item, lookupItem) : null
      if (!rect) return
      const { camera, size } = get()
      const next = revealRect(camera, size, rect)
      if (next !== camera) viewport.moveCamera(next)
    },

    selectInRect(rect: Rect, base: ReadonlySet<string>) {
      const hits = itemsInRect(placedOnBoard().map(({ item, rect: r }) => ({ ...r, id: item.id, createdAt: item.createdAt })), rect)
      select(hits.length === 0 && base.size === 0 ? noSelection : [...base, ...hits])
    },

    createNoteAt,
    createNoteInView: () => createNoteAt(viewCenter()),
    viewCenter,

    /** The text tool clicked: an empty text there, open for typing. */
    createTextAt(at: Point) {
      const id = store.newId()
      if (!commit(planText(at, { boardId, id, now: Date.now() }))) return
      canvasStore.setState({ tool: 'select', selection: new Set([id]), editingId: id })
    },

    /** A shape, arrow or pen stroke was drawn: its record, selected unless it was the pen. */
    finishDrawing(gesture: DrawingGesture, end: Point) {
      const id = store.newId()
      const drawn = planDrawing(gesture, end, { boardId, id, now: Date.now(), scale: get().camera.scale, bindableAt })
      if (!drawn || !commit(drawn.plan) || !drawn.select) return
      canvasStore.setState({ tool: 'select', selection: new Set([id]) })
    },

    /** Opens the text editor on an item, if it has text and this person may change it. */
    edit(id: string) {
      if (get().access.canEdit && isEditableKind(store.getItem(id)?.kind)) canvasStore.setState({ editingId: id })
    },

    closeEditor(id: string, text: string | null, refocus: boolean) {
      canvasStore.setState((s) => (s.editingId === id ? { editingId: null } : {}))
      const item = store.getItem(id)
      if (item?.kind === 'note' && text !== null && text !== item.text) {
        store.stopCapturing()
        store.updateNote(id, { text })
        store.stopCapturing()
      } else if (item?.kind === 'text' && text !== null && text.trim() === '') {
        // Text left empty is not kept: clicking with the text tool and leaving must leave nothing.
        commit({ deleteItems: [id] })
      } else if ((item?.kind === 'text' || item?.kind === 'shape') && text !== null && text !== item.text) {
        commit({ updateItems: [{ id, patch: { text } }] })
      }
      if (refocus) focusCanvas()
    },

    deleteSelection() {
      if (get().selection.size === 0 || !get().access.canEdit) return
      commit(planDeleteItems(itemsOnBoard(), get().selection))
      select(noSelection)
    },

    colorSelection(color: NoteColor) {
      canvasStore.setState({ lastColor: color })
      store.stopCapturing()
      // Consecutive local edits merge into one undo step.
      for (const id of selected()) if (store.getNote(id)) store.updateNote(id, { color })
      store.stopCapturing()
    },

    patchSelection(patch: Record<string, unknown>, kinds: readonly ItemRecord['kind'][]) {
      const updateItems = selected().flatMap((id) => {
        const item = store.getItem(id)
        return item && kinds.includes(item.kind) ? [{ id, patch }] : []
      })
      if (updateItems.length > 0) commit({ updateItems })
    },

    tagSelection(tags: Tagged) {
      const updateItems = selected().flatMap((id) => (isTaggable(store.getItem(id)) ? [{ id, patch: { sdgs: tags.sdgs, dimension: tags.dimension } }] : []))
      if (updateItems.length > 0) commit({ updateItems })
    },

    nudgeSelection(dx: number, dy: number) {
      if (!get().access.canEdit) return
      // Held down, the nudges join one undo step.
      commit(planMoveItems(itemsOnBoard(), get().selection, dx, dy), { mergeUndo: true })
    },

    /** "Larger" / "Smaller": the pointer alternative to the resize handles (WCAG 2.5.7). */
    scaleSelection(factor: number) {
      if (!get().access.canEdit) return
      commit(planScaleItems(itemsOnBoard(), get().selection, factor))
    },

    /** What an arrow end can be bound to, in reading order (the list "Connect to…" offers). */
    connectTargets(): CanvasItem[] {
      const placed = placedOnBoard().filter(({ item }) => canBindTo(item))
      return readingOrder(placed.map(({ item, rect }) => ({ id: item.id, rect, item }))).map((entry) => entry.item)
    },

    /** "Connect to…", then an item: an arrow from the one selected item to it, selected. */
    connectSelectionTo(targetId: string) {
      const [fromId, ...rest] = selected()
      if (!get().access.canEdit || !fromId || rest.length > 0) return
      const id = store.newId()
      const plan = planConnect(lookupItem(fromId), lookupItem(targetId), { id, boardId, color: DEFAULT_INK, now: Date.now() })
      if (plan && commit(plan)) select([id])
    },

    /** An arrow's start or end bound to an item picked from a list, as dropping its handle there does. */
    bindArrowEnd(connectorId: string, which: 'from' | 'to', targetId: string) {
      if (!get().access.canEdit || lookupItem(connectorId)?.kind !== 'connector' || !canBindTo(lookupItem(targetId))) return
      commit(planRebind(connectorId, which, { itemId: targetId }))
    },

    /** "Move", then a click: the items centred where the person clicked, as one plan (one undo step). */
    placeItems(ids: ReadonlySet<string>, at: Point) {
      if (!get().access.canEdit) return
      commit(planPlaceItems(itemsOnBoard(), ids, at))
    },
  }
}
