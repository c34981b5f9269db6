import Konva from 'konva'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Arrow, Ellipse, Layer, Path, Rect, Stage, Transformer } from 'react-konva'
import {
  canBindTo,
  isCanvasItem,
  isTaggable,
  itemRect,
  placedImageSize,
  planDeleteItems,
  planMoveItems,
  planResizeItem,
  topmostItemAt,
  type CanvasItem,
} from '../../../shared/logic/canvasItems'
import { endAt, isConnectorWorthKeeping, resolveConnector } from '../../../shared/logic/connectors'
import { planStroke, samplePressure } from '../../../shared/logic/strokes'
import { emptyTagFilter, isTagFilterActive, type TagFilter } from '../../../shared/logic/tags'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { Tagged } from '../../../shared/schema/tags'
import {
  boundsOf,
  detailForScale,
  fitCamera,
  rectFromPoints,
  screenToBoard,
  visibleRect,
  zoomAt,
  type Camera,
  type Point,
  type Rect as BoardRect,
} from '../../../shared/logic/geometry'
import { cullToViewport, itemsInRect, placeNewNote } from '../../../shared/logic/notes'
import { NOTE_DEFAULT_SIZE, type NoteColor } from '../../../shared/schema/records/note'
import { useItemIds, useItemsOfKind } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { useCommitPlan } from '../boards/useCommitPlan'
import { matchesMedia } from '../boards/useMediaQuery'
import { TagFilterBar } from '../tags/TagFilterBar'
import { countMatching } from '../../../shared/logic/tags'
import { CanvasToolbar, drawingTools, toolKeys, type CanvasTool } from './CanvasToolbar'
import type { CanvasTestHook } from './canvasTestHook'
import { CursorsLayer } from './CursorsLayer'
import { enqueueImage, onUploadError, startImageUploads } from './images/imageQueue'
import { ImagePrepareError, prepareImage } from './images/prepareImage'
import type { ItemHandlers } from './itemHandlers'
import { ConnectorNode, ImageNode, imageSourceStates, ShapeNode, StrokeNode, TextNode } from './itemNodes'
import { isEditableKind, ItemTextEditor } from './ItemTextEditor'
import { NoteNode } from './NoteNode'
import { inkColors, SelectionToolbar, type SelectionVote } from './SelectionToolbar'
import { useHideNote } from '../facilitation/useHideNote'
import { strokeOutlinePath } from './strokePath'
import { useSelectedItems } from './useSelectedItems'
import { useSharedColor } from './useSharedColor'
import { revealRect, stepFocus } from './canvasKeyboard'
import { CanvasFocusDescription } from '../a11y/CanvasFocusDescription'
import { useBoardAccess } from '../session/BoardAccessContext'
import { cameraForView, viewOfCamera } from '../session/followView'
import { sessionBus, type CameraRequest } from '../session/sessionBus'
import { useBoardVote } from '../session/useBoardVote'
import './canvas.css'

// Sharp on retina, but a 3x phone would triple fill cost for little visible gain.
if (typeof window !== 'undefined') Konva.pixelRatio = Math.min(2, window.devicePixelRatio || 1)

const GRID_STEP = 24
const ZOOM_STEP = 1.25
const NUDGE = 10
/**
 * During pan and zoom the last drawn picture moves at once (a CSS transform); the stage is redrawn
 * with the real camera, and React (culling, overlays) catches up, this often and at gesture end.
 */
const CAMERA_COMMIT_MS = 150
/**
 * The stage is this share of the viewport larger on every side, so a pan between two redraws
 * reveals already drawn items rather than blank paper. Culling keeps half a viewport (see cullMargin).
 */
const OVERSCAN = 0.25
const CURSOR_SEND_MS = 50
const FIT_PADDING = 72
const DOUBLE_TAP_MS = 350
const DOUBLE_TAP_SLOP = 24
/** Resize handles a finger can hit on touch screens. */
const ANCHOR_SIZE = matchesMedia('(pointer: coarse)') ? 22 : 12

const emptySelection: ReadonlySet<string> = new Set()

const PEN_SIZE = 6
const DEFAULT_INK = inkColors.black

type Gesture =
  | { kind: 'pan'; pointerId: number; start: Point; camera: Camera }
  | { kind: 'pinch'; startDistance: number; startMid: Point; camera: Camera }
  | { kind: 'marquee'; pointerId: number; start: Point; base: ReadonlySet<string> }
  | { kind: 'shape'; pointerId: number; start: Point; shape: 'rect' | 'ellipse' }
  | { kind: 'arrow'; pointerId: number; start: Point; fromId: string | null }
  | { kind: 'pen'; pointerId: number; samples: number[] }

/** What is being drawn right now, before it becomes a record. */
type Draft =
  | { kind: 'shape'; shape: 'rect' | 'ellipse'; rect: BoardRect }
  | { kind: 'arrow'; from: Point; to: Point }

type Notice = { tone: 'info' | 'error'; text: string }

interface BoardCanvasProps {
  store: WorkshopStore
  boardId: string
}

/** The infinite canvas of one board. Session state (camera, selection, tool) starts fresh per board. */
export function BoardCanvas({ store, boardId }: BoardCanvasProps) {
  return <BoardCanvasSession key={boardId} store={store} boardId={boardId} />
}

function BoardCanvasSession({ store, boardId }: BoardCanvasProps) {
  const { t } = useTranslation('canvas')
  const containerRef = useRef<HTMLDivElement>(null)
  const stageRef = useRef<Konva.Stage>(null)
  const transformerRef = useRef<Konva.Transformer>(null)
  const nodes = useRef(new Map<string, Konva.Group>())
  const size = useElementSize(containerRef)
  const ids = useItemIds(store, boardId)
  // What this person may do here (role, lock, private writing) and the vote on this board, read
  // once for the whole canvas: notes get plain numbers, never their own subscription.
  const access = useBoardAccess()
  const voting = useBoardVote(store, boardId)

  // ---- session state -------------------------------------------------------------------------
  const [camera, setCamera] = useState<Camera>({ x: 0, y: 0, scale: 1 })
  const [rawSelection, setSelection] = useState<ReadonlySet<string>>(emptySelection)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [tool, setTool] = useState<CanvasTool>('select')
  const [spaceHeld, setSpaceHeld] = useState(false)
  const [marquee, setMarquee] = useState<BoardRect | null>(null)
  const [lastColor, setLastColor] = useState<NoteColor>('yellow')
  const [cullTick, setCullTick] = useState(0)
  const [filter, setFilter] = useState<TagFilter>(emptyTagFilter)
  const [filterOpen, setFilterOpen] = useState(false)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  // Moderation from the board itself: the facilitator takes a note off for everyone (it waits in the panel).
  const hideNote = useHideNote(store)
  const hideSelected = (id: string) => {
    void hideNote.hide(id).then((hidden) => {
      if (hidden) setSelection(emptySelection)
    })
  }
  useEffect(() => {
    if (hideNote.error) setNotice({ tone: 'error', text: hideNote.error })
  }, [hideNote.error])
  const [dropping, setDropping] = useState(false)
  const penPathRef = useRef<Konva.Path>(null)
  const pickerRef = useRef<HTMLInputElement>(null)

  // Notes deleted by anyone drop out of the selection.
  const selection = useMemo(() => {
    if (rawSelection.size === 0) return emptySelection
    const live = new Set(ids)
    const kept = [...rawSelection].filter((id) => live.has(id))
    return kept.length === rawSelection.size ? rawSelection : new Set(kept)
  }, [rawSelection, ids])

  // Event handlers registered once read the latest values through refs.
  const cameraRef = useRef(camera)
  const sizeRef = useRef(size)
  const selectionRef = useRef(selection)
  const idsRef = useRef(ids)
  const editingRef = useRef(editingId)
  const toolRef = useRef(tool)
  const spaceRef = useRef(spaceHeld)
  const lastColorRef = useRef(lastColor)
  const renderedRef = useRef<ReadonlySet<string>>(emptySelection)
  const accessRef = useRef(access)
  const votingRef = useRef(voting)
  useLayoutEffect(() => {
    accessRef.current = access
    votingRef.current = voting
    sizeRef.current = size
    selectionRef.current = selection
    idsRef.current = ids
    editingRef.current = editingId
    toolRef.current = tool
    spaceRef.current = spaceHeld
    lastColorRef.current = lastColor
  })

  // ---- camera --------------------------------------------------------------------------------
  const commitTimer = useRef<number | null>(null)
  const userMovedCamera = useRef(false)
  /** The last camera asked for by following or a summon, while the person has not moved it since. */
  const requestedCamera = useRef<CameraRequest | null>(null)
  /** One asked for before this board was shown (or before the canvas knew its size): applied once it can be. */
  const [initialCamera] = useState(() => sessionBus(store).takeCamera(boardId))
  const pendingCamera = useRef<CameraRequest | null>(initialCamera)
  /** The camera the stage was last drawn with; the CSS transform maps that picture to cameraRef. */
  const drawnCamera = useRef<Camera | null>(null)

  /** Redraws every layer with the real camera and drops the CSS transform. */
  const drawCamera = useCallback((next: Camera) => {
    drawnCamera.current = next
    paintStage(stageRef.current, next, overscanOf(sizeRef.current))
    paintGrid(containerRef.current, next)
  }, [])

  /**
   * Moves the stage and grid at once: the last drawn picture through a CSS transform (no redraw,
   * so the frame costs the same at 10 or 5,000 items), the real redraw and React state at most
   * every CAMERA_COMMIT_MS.
   */
  const moveCamera = useCallback((next: Camera, commit: 'now' | 'throttled' = 'now') => {
    cameraRef.current = next
    if (commit === 'now' || editingRef.current !== null) {
      if (commitTimer.current !== null) window.clearTimeout(commitTimer.current)
      commitTimer.current = null
      drawCamera(next)
      setCamera(next)
      return
    }
    const drawn = drawnCamera.current
    if (drawn) {
      previewStage(stageRef.current, drawn, next, overscanOf(sizeRef.current))
      paintGrid(containerRef.current, next)
    } else {
      drawCamera(next)
    }
    if (commitTimer.current === null) {
      commitTimer.current = window.setTimeout(() => {
        commitTimer.current = null
        drawCamera(cameraRef.current)
        setCamera(cameraRef.current)
      }, CAMERA_COMMIT_MS)
    }
  }, [drawCamera])

  /** A container point (what the person sees) in the stage's coordinates (what was drawn). */
  const toStagePoint = useCallback((point: Point): Point => {
    const overscan = overscanOf(sizeRef.current)
    const drawn = drawnCamera.current
    const shown = cameraRef.current
    if (!drawn || drawn === shown) return { x: point.x + overscan.x, y: point.y + overscan.y }
    return boardToScreenWithOverscan(drawn, screenToBoard(shown, point), overscan)
  }, [])

  useEffect(() => () => {
    if (commitTimer.current !== null) window.clearTimeout(commitTimer.current)
  }, [])

  const itemsOnBoard = useCallback(
    (): CanvasItem[] => idsRef.current.flatMap((id) => {
      const item = store.getItem(id)
      return isCanvasItem(item) ? [item] : []
    }),
    [store],
  )

  const lookupItem = useCallback((id: string): CanvasItem | undefined => {
    const item = store.getItem(id)
    return isCanvasItem(item) ? item : undefined
  }, [store])

  /** Every canvas item with its rect, bottom first: marquee, fit, culling and arrow ends. */
  const placedOnBoard = useCallback(
    () => itemsOnBoard().flatMap((item) => {
      const rect = itemRect(item, lookupItem)
      return rect ? [{ item, rect }] : []
    }),
    [itemsOnBoard, lookupItem],
  )

  /** The item an arrow end dropped here binds to (not arrows or pen strokes), if any. */
  const bindableAt = useCallback(
    (point: Point, exclude?: string): string | null =>
      topmostItemAt(placedOnBoard().filter(({ item }) => item.id !== exclude && canBindTo(item)).map(({ item, rect }) => ({ id: item.id, rect })), point),
    [placedOnBoard],
  )

  /** Keyboard focus on an item is selecting it alone (see canvasKeyboard.ts), brought into view. */
  const readingItems = useCallback(
    () => itemsOnBoard().map((item) => ({ id: item.id, rect: itemRect(item, lookupItem) })),
    [itemsOnBoard, lookupItem],
  )
  const focusItem = useCallback(
    (id: string) => {
      setSelection(new Set([id]))
      const item = lookupItem(id)
      const rect = item ? itemRect(item, lookupItem) : null
      if (!rect) return
      const next = revealRect(cameraRef.current, sizeRef.current, rect)
      if (next !== cameraRef.current) moveCamera(next)
    },
    [lookupItem, moveCamera],
  )

  const fitToContent = useCallback(() => {
    moveCamera(fitCamera(boundsOf(placedOnBoard().map((p) => p.rect)), sizeRef.current, FIT_PADDING))
  }, [moveCamera, placedOnBoard])

  const applyPlan = useCommitPlan(store, (error) => setNotice({ tone: 'error', text: error.message }))

  /** The person moved the camera themselves: the board stops fitting itself, and following stops. */
  const cameraByPerson = useCallback(() => {
    userMovedCamera.current = true
    requestedCamera.current = null
    sessionBus(store).userMovedCamera(boardId)
  }, [boardId, store])

  const zoomBy = useCallback(
    (factor: number, anchor?: Point) => {
      cameraByPerson()
      const s = sizeRef.current
      moveCamera(zoomAt(cameraRef.current, anchor ?? { x: s.w / 2, y: s.h / 2 }, factor))
    },
    [cameraByPerson, moveCamera],
  )

  const resetZoom = useCallback(() => {
    cameraByPerson()
    zoomBy(1 / cameraRef.current.scale)
  }, [cameraByPerson, zoomBy])

  // Until the person moves the camera, keep the board's content in view as it loads.
  const hasContent = ids.length > 0
  useLayoutEffect(() => {
    if (size.w === 0 || size.h === 0 || userMovedCamera.current || pendingCamera.current) return
    fitToContent()
  }, [size.w, size.h, hasContent, fitToContent])

  useLayoutEffect(() => {
    drawCamera(cameraRef.current)
  }, [size.w, size.h, drawCamera])

  // ---- following: the facilitator's camera out, a followed camera in -------------------------
  // The facilitator publishes what they look at (only they can be followed or bring everyone to
  // their view). It goes out with the committed camera, so at most every CAMERA_COMMIT_MS during
  // a gesture and never while still: one person's presence, cheaper than their cursor.
  const publishesView = access.role === 'facilitator'
  useEffect(() => {
    if (!publishesView || size.w === 0 || size.h === 0) return
    store.setView({ boardId, ...viewOfCamera(camera, size) })
  }, [publishesView, store, boardId, camera, size])
  useEffect(() => {
    if (!publishesView) return
    return () => store.setView(null)
  }, [publishesView, store])

  // A camera asked for by following or "bring everyone here" (session/sessionBus.ts).
  const applyCamera = useCallback(
    (request: CameraRequest) => {
      const s = sizeRef.current
      if (s.w === 0 || s.h === 0) {
        pendingCamera.current = request
        return
      }
      pendingCamera.current = null
      requestedCamera.current = request
      userMovedCamera.current = true
      sessionBus(store).cameraApplied(request)
      moveCamera(cameraForView(request.view, s))
    },
    [moveCamera, store],
  )
  useEffect(
    () =>
      sessionBus(store).onCamera((request) => {
        if (request.boardId === boardId) applyCamera(request)
      }),
    [applyCamera, boardId, store],
  )
  // Applied again when the canvas changes size (a notice above it appears, the phone turns), so
  // the followed view stays in the middle until the person moves the camera themselves.
  useLayoutEffect(() => {
    const again = pendingCamera.current ?? requestedCamera.current
    if (again && size.w > 0 && size.h > 0) applyCamera(again)
  }, [applyCamera, size.w, size.h])

  // ---- culling -------------------------------------------------------------------------------
  const renderedIds = useMemo(() => {
    if (size.w === 0) return []
    const placed = ids.flatMap((id) => {
      const item = lookupItem(id)
      const rect = item ? itemRect(item, lookupItem) : null
      return rect ? [{ ...rect, id }] : []
    })
    const keep = new Set(cullToViewport(placed, visibleRect(camera, size), cullMargin(camera, size)).map((n) => n.id))
    for (const id of selection) keep.add(id)
    if (editingId) keep.add(editingId)
    return ids.filter((id) => keep.has(id))
    // cullTick: a note outside the view moved into it (or out) without the camera moving.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, camera, size, lookupItem, selection, editingId, cullTick])

  useLayoutEffect(() => {
    renderedRef.current = new Set(renderedIds)
  }, [renderedIds])

  useEffect(() => {
    const offs = ids.map((id) =>
      store.subscribe(`item:${id}`, () => {
        const item = lookupItem(id)
        const rect = item ? itemRect(item, lookupItem) : null
        const cam = cameraRef.current
        const s = sizeRef.current
        const inView = rect !== null && cullToViewport([rect], visibleRect(cam, s), cullMargin(cam, s)).length > 0
        if (inView !== renderedRef.current.has(id)) setCullTick((n) => n + 1)
      }),
    )
    return () => offs.forEach((off) => off())
  }, [ids, store, lookupItem])

  // ---- editing -------------------------------------------------------------------------------
  const focusCanvas = useCallback(() => containerRef.current?.focus({ preventScroll: true }), [])

  const createNoteAt = useCallback(
    (center: Point) => {
      const can = accessRef.current
      if (!can.canCreate) {
        // During private writing new notes go through the composer in the session strip.
        if (can.limit === 'private') sessionBus(store).requestComposer()
        return
      }
      userMovedCamera.current = true
      const position = placeNewNote(center, { w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE }, placedOnBoard().map((p) => p.rect))
      store.stopCapturing()
      const id = store.createNote(boardId, { ...position, w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE, color: lastColorRef.current, text: '' })
      store.stopCapturing()
      setSelection(new Set([id]))
      setEditingId(id)
    },
    [boardId, placedOnBoard, store],
  )

  const createNoteInView = useCallback(() => {
    const s = sizeRef.current
    createNoteAt(screenToBoard(cameraRef.current, { x: s.w / 2, y: s.h / 2 }))
  }, [createNoteAt])

  const closeEditor = useCallback(
    (id: string, text: string | null, refocus: boolean) => {
      setEditingId((current) => (current === id ? null : current))
      const item = store.getItem(id)
      if (item?.kind === 'note' && text !== null && text !== item.text) {
        store.stopCapturing()
        store.updateNote(id, { text })
        store.stopCapturing()
      } else if (item?.kind === 'text' && text !== null && text.trim() === '') {
        // Text left empty is not kept: clicking with the text tool and leaving must leave nothing.
        applyPlan({ deleteItems: [id] })
      } else if ((item?.kind === 'text' || item?.kind === 'shape') && text !== null && text !== item.text) {
        applyPlan({ updateItems: [{ id, patch: { text } }] })
      }
      if (refocus) focusCanvas()
    },
    [applyPlan, focusCanvas, store],
  )

  const deleteSelection = useCallback(() => {
    const selected = selectionRef.current
    if (selected.size === 0 || !accessRef.current.canEdit) return
    applyPlan(planDeleteItems(itemsOnBoard(), selected))
    setSelection(emptySelection)
  }, [applyPlan, itemsOnBoard])

  const colorSelection = useCallback(
    (color: NoteColor) => {
      setLastColor(color)
      store.stopCapturing()
      // Consecutive local edits merge into one undo step.
      for (const id of selectionRef.current) if (store.getNote(id)) store.updateNote(id, { color })
      store.stopCapturing()
    },
    [store],
  )

  const patchSelection = useCallback(
    (patch: Record<string, unknown>, kinds: readonly ItemRecord['kind'][]) => {
      const updateItems = [...selectionRef.current].flatMap((id) => {
        const item = store.getItem(id)
        return item && kinds.includes(item.kind) ? [{ id, patch }] : []
      })
      if (updateItems.length > 0) applyPlan({ updateItems })
    },
    [applyPlan, store],
  )

  const tagSelection = useCallback(
    (tags: Tagged) => {
      const updateItems = [...selectionRef.current].flatMap((id) => (isTaggable(store.getItem(id)) ? [{ id, patch: { sdgs: tags.sdgs, dimension: tags.dimension } }] : []))
      if (updateItems.length > 0) applyPlan({ updateItems })
    },
    [applyPlan, store],
  )

  const nudgeSelection = useCallback(
    (dx: number, dy: number) => {
      if (!accessRef.current.canEdit) return
      // Held down, the nudges join one undo step.
      applyPlan(planMoveItems(itemsOnBoard(), selectionRef.current, dx, dy), { mergeUndo: true })
    },
    [applyPlan, itemsOnBoard],
  )

  // ---- images: pick, drop, paste -------------------------------------------------------------
  const addImages = useCallback(
    async (files: readonly File[], at?: Point) => {
      if (!accessRef.current.canCreate) return
      const s = sizeRef.current
      let center = at ?? screenToBoard(cameraRef.current, { x: s.w / 2, y: s.h / 2 })
      const created: string[] = []
      for (const file of files) {
        if (!file.type.startsWith('image/') && file.type !== '') continue
        try {
          const prepared = await prepareImage(file)
          const { w, h } = placedImageSize(prepared.width, prepared.height)
          const id = store.newId()
          // The record first, so everyone sees where the photo goes; the bytes follow when the network allows.
          const photo = { id, kind: 'image', boardId, x: Math.round(center.x - w / 2), y: Math.round(center.y - h / 2), w, h, hash: prepared.hash, mime: prepared.mime, alt: '', createdAt: Date.now() } as const
          if (!applyPlan({ createItems: [photo] })) continue
          await enqueueImage(store.workshopId, prepared.hash, prepared.mime, prepared.blob)
          created.push(id)
          center = { x: center.x + 32, y: center.y + 32 }
          if (!navigator.onLine) setNotice({ tone: 'info', text: t('image.added') })
        } catch (error) {
          if (!(error instanceof ImagePrepareError)) throw error
          const key = error.reason === 'tooLarge' ? 'image.errorTooLarge' : 'image.errorUnreadable'
          setNotice({ tone: 'error', text: t(key) })
        }
      }
      if (created.length > 0) {
        userMovedCamera.current = true
        setTool('select')
        setSelection(new Set(created))
      }
    },
    [applyPlan, boardId, store, t],
  )

  useEffect(() => {
    startImageUploads(store.workshopId)
    return onUploadError((_hash, message) => setNotice({ tone: 'error', text: t('image.errorRefused', { message }) }))
  }, [store, t])

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target
      if (isTypingTarget(target)) return
      if (!(target === document.body || (target instanceof Node && containerRef.current?.contains(target)))) return
      const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'))
      if (files.length === 0) return
      e.preventDefault()
      void addImages(files)
    }
    window.addEventListener('paste', onPaste)
    return () => window.removeEventListener('paste', onPaste)
  }, [addImages])

  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(() => setNotice(null), notice.tone === 'error' ? 10_000 : 5000)
    return () => window.clearTimeout(timer)
  }, [notice])

  // ---- notes: select, drag, edit -------------------------------------------------------------
  const drag = useRef<{ ids: ReadonlySet<string>; origin: Map<string, Point> } | null>(null)
  const dragOffsets = useRef(new Map<string, Point>())
  const dragListeners = useRef(new Map<string, Set<() => void>>())
  const notifyDrag = (id: string) => dragListeners.current.get(id)?.forEach((listener) => listener())

  const editable = access.canEdit
  const handlers = useMemo<ItemHandlers>(
    () => ({
      editable,
      register(id, node) {
        if (node) nodes.current.set(id, node)
        else nodes.current.delete(id)
      },
      pointerDown(id, event) {
        focusCanvas()
        const evt = event.evt
        if (evt.button !== 0 && evt.pointerType === 'mouse') return
        const current = selectionRef.current
        if (evt.shiftKey || evt.metaKey || evt.ctrlKey) {
          const next = new Set(current)
          if (next.has(id)) next.delete(id)
          else next.add(id)
          setSelection(next)
        } else if (!current.has(id)) {
          setSelection(new Set([id]))
        }
      },
      dragStart(id, node) {
        const current = selectionRef.current
        const dragged = current.has(id) ? current : new Set([id])
        const origin = new Map<string, Point>()
        for (const other of dragged) {
          const n = nodes.current.get(other)
          if (n) origin.set(other, n.position())
        }
        origin.set(id, node.position())
        drag.current = { ids: dragged, origin }
      },
      dragMove(id, node) {
        const d = drag.current
        const start = d?.origin.get(id)
        if (!d || !start) return
        const dx = node.x() - start.x
        const dy = node.y() - start.y
        for (const [other, p] of d.origin) {
          if (other !== id) nodes.current.get(other)?.position({ x: p.x + dx, y: p.y + dy })
          // Arrows bound to a dragged item follow it live, without a document write.
          dragOffsets.current.set(other, { x: dx, y: dy })
          notifyDrag(other)
        }
      },
      dragEnd(id, node) {
        const d = drag.current
        drag.current = null
        const item = lookupItem(id)
        if (!d || !item || item.kind === 'connector') return
        const dx = Math.round(node.x() - item.x)
        const dy = Math.round(node.y() - item.y)
        const plan = planMoveItems(itemsOnBoard(), d.ids, dx, dy)
        // Put nodes exactly where the plan says; React then renders the same values.
        for (const other of d.origin.keys()) {
          const record = lookupItem(other)
          const patch = plan.updateItems?.find((p) => p.id === other)?.patch as Point | undefined
          const base = record && record.kind !== 'connector' ? { x: record.x, y: record.y } : { x: 0, y: 0 }
          nodes.current.get(other)?.position(patch && 'x' in patch ? { x: patch.x, y: patch.y } : base)
        }
        applyPlan(plan)
        for (const other of d.origin.keys()) {
          dragOffsets.current.delete(other)
          notifyDrag(other)
        }
      },
      rebind(connectorId, which, point) {
        const end = endAt(point, bindableAt(point, connectorId))
        const connector = lookupItem(connectorId)
        if (connector?.kind !== 'connector') return
        const other = which === 'from' ? connector.to : connector.from
        if ('itemId' in end && 'itemId' in other && end.itemId === other.itemId) return // both ends on one item
        applyPlan({ updateItems: [{ id: connectorId, patch: { [which]: end } }] })
      },
      subscribeDrag(itemId, listener) {
        let set = dragListeners.current.get(itemId)
        if (!set) dragListeners.current.set(itemId, (set = new Set()))
        set.add(listener)
        return () => set.delete(listener)
      },
      dragOffset(itemId) {
        return dragOffsets.current.get(itemId) ?? null
      },
      activate(id) {
        // While a vote is open here a click or tap on a note gives it a dot (participants; the
        // facilitator arranging notes on the projector uses the toolbar button or V instead).
        const vote = votingRef.current
        if (!vote.canVote || accessRef.current.role !== 'participant' || !vote.isEligible(store.getItem(id))) return
        void vote.cast(id)
      },
      edit(id) {
        setSelection(new Set([id]))
        if (!accessRef.current.canEdit) return
        // Two quick clicks are two dots while voting, not "edit": Enter still edits.
        if (votingRef.current.canVote && accessRef.current.role === 'participant') return
        const kind = lookupItem(id)?.kind
        if (kind === 'note' || kind === 'text' || kind === 'shape') setEditingId(id)
      },
      sizeChanged(id) {
        if (selectionRef.current.has(id)) transformerRef.current?.forceUpdate()
      },
    }),
    [applyPlan, bindableAt, editable, focusCanvas, itemsOnBoard, lookupItem, store],
  )

  // The transformer frames whatever is selected and drawn, except arrows (they show end handles).
  useLayoutEffect(() => {
    const transformer = transformerRef.current
    if (!transformer) return
    const selectedNodes = [...selection]
      .filter((id) => id !== editingId && lookupItem(id)?.kind !== 'connector')
      .flatMap((id) => nodes.current.get(id) ?? [])
    transformer.nodes(selectedNodes)
    transformer.getLayer()?.batchDraw()
  }, [selection, renderedIds, editingId, lookupItem])

  const onTransformEnd = useCallback(
    (event: Konva.KonvaEventObject<Event>) => {
      const node = event.target
      const id = node.id()
      const item = lookupItem(id)
      if (!item) return
      const patch = planResizeItem(item, { x: node.x(), y: node.y(), scaleX: node.scaleX(), scaleY: node.scaleY() })
      node.setAttrs({ ...(patch ? { x: patch.x, y: patch.y } : {}), scaleX: 1, scaleY: 1 })
      if (patch) applyPlan({ updateItems: [{ id, patch }] })
    },
    [applyPlan, lookupItem],
  )

  const boundBox = useCallback((oldBox: BoxLike, newBox: BoxLike) => {
    const scale = cameraRef.current.scale
    const tooSmall = Math.abs(newBox.width) < 8 * scale || Math.abs(newBox.height) < 8 * scale
    const tooLarge = Math.abs(newBox.width) > 10_000 * scale || Math.abs(newBox.height) > 10_000 * scale
    return tooSmall || tooLarge ? oldBox : newBox
  }, [])

  // ---- gestures on empty space: pan, pinch, marquee ------------------------------------------
  const gesture = useRef<Gesture | null>(null)
  const touches = useRef(new Map<number, Point>())
  const lastEmptyTap = useRef<{ point: Point; time: number } | null>(null)

  const localPoint = useCallback((e: { clientX: number; clientY: number }): Point => {
    const r = containerRef.current?.getBoundingClientRect()
    return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) }
  }, [])

  const startPinch = useCallback(() => {
    const [a, b] = [...touches.current.values()]
    if (!a || !b) return
    cameraByPerson()
    gesture.current = {
      kind: 'pinch',
      startDistance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
      startMid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
      camera: cameraRef.current,
    }
  }, [cameraByPerson])

  const cancelDrawing = useCallback(() => {
    const g = gesture.current
    if (g && (g.kind === 'shape' || g.kind === 'arrow' || g.kind === 'pen')) gesture.current = null
    setDraft(null)
    penPathRef.current?.data('')
    penPathRef.current?.getLayer()?.batchDraw()
  }, [])

  /** Starts drawing with the current tool; false when the tool does not draw. */
  const startDrawing = (e: ReactPointerEvent<HTMLDivElement>, point: Point): boolean => {
    const current = toolRef.current
    if (!drawingTools.includes(current) || !accessRef.current.canCreate) return false
    if (e.button !== 0 && e.pointerType === 'mouse') return false
    const board = screenToBoard(cameraRef.current, point)
    focusCanvas()
    if (current === 'text') {
      const id = store.newId()
      store.stopCapturing()
      store.createItem({ id, kind: 'text', boardId, x: Math.round(board.x), y: Math.round(board.y - 14), w: 240, text: '', fontSize: 24, color: DEFAULT_INK, createdAt: Date.now(), sdgs: [], dimension: '' })
      store.stopCapturing()
      setTool('select')
      setSelection(new Set([id]))
      setEditingId(id)
      e.preventDefault() // keep focus on the editor that opens
      return true
    }
    if (current === 'rect' || current === 'ellipse') {
      gesture.current = { kind: 'shape', pointerId: e.pointerId, start: board, shape: current }
    } else if (current === 'arrow') {
      gesture.current = { kind: 'arrow', pointerId: e.pointerId, start: board, fromId: bindableAt(board) }
    } else {
      gesture.current = { kind: 'pen', pointerId: e.pointerId, samples: [board.x, board.y, samplePressure(e.pointerType, e.pressure)] }
    }
    setSelection(emptySelection)
    return true
  }

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!(e.target instanceof HTMLCanvasElement)) return // toolbars and the note editor
    const stage = stageRef.current
    if (!stage) return
    const point = localPoint(e)
    const panAnywhere = toolRef.current === 'hand' || spaceRef.current || e.button === 1
    if (!panAnywhere && drawingTools.includes(toolRef.current)) {
      if (e.pointerType === 'touch') {
        touches.current.set(e.pointerId, point)
        // A second finger while drawing: the person wants to pinch, not draw.
        if (touches.current.size >= 2) {
          cancelDrawing()
          startPinch()
          return
        }
      }
      if (startDrawing(e, point)) return
    }
    const hit = panAnywhere ? null : stage.getIntersection(toStagePoint(point))
    if (hit) return // a note or a resize handle: Konva handles it
    if (e.button !== 0 && e.button !== 1) return
    if (e.button === 1) e.preventDefault() // no autoscroll
    // A finger lands on empty space while another drags a note: leave the note drag alone.
    if (e.pointerType === 'touch' && drag.current) return
    // No preventDefault: Konva detects double taps from the compatibility mouse/touch events.
    focusCanvas()
    userMovedCamera.current = true
    if (e.pointerType === 'touch') {
      // A double tap on empty space makes a note. Checked here rather than by Konva, so two taps
      // must also be close together on screen, not only in time.
      const last = lastEmptyTap.current
      lastEmptyTap.current = { point, time: e.timeStamp }
      if (toolRef.current === 'select' && touches.current.size === 0 && last && e.timeStamp - last.time < DOUBLE_TAP_MS && Math.hypot(point.x - last.point.x, point.y - last.point.y) < DOUBLE_TAP_SLOP) {
        lastEmptyTap.current = null
        createNoteAt(screenToBoard(cameraRef.current, point))
        return
      }
      touches.current.set(e.pointerId, point)
      if (touches.current.size >= 2) {
        startPinch()
        return
      }
    }
    if (panAnywhere || e.pointerType === 'touch') {
      userMovedCamera.current = true
      gesture.current = { kind: 'pan', pointerId: e.pointerId, start: point, camera: cameraRef.current }
      return
    }
    const additive = e.shiftKey || e.metaKey || e.ctrlKey
    const base = additive ? selectionRef.current : emptySelection
    if (!additive) setSelection(emptySelection)
    gesture.current = { kind: 'marquee', pointerId: e.pointerId, start: screenToBoard(cameraRef.current, point), base }
  }

  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      const g = gesture.current
      if (!g) return
      const point = localPoint(e)
      if (touches.current.has(e.pointerId)) touches.current.set(e.pointerId, point)
      switch (g.kind) {
        case 'pan':
          if (e.pointerId !== g.pointerId) return
          cameraByPerson()
          moveCamera({ ...g.camera, x: g.camera.x + point.x - g.start.x, y: g.camera.y + point.y - g.start.y }, 'throttled')
          return
        case 'pinch': {
          const [a, b] = [...touches.current.values()]
          if (!a || !b) return
          const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
          const zoomed = zoomAt(g.camera, g.startMid, Math.hypot(a.x - b.x, a.y - b.y) / g.startDistance)
          moveCamera({ ...zoomed, x: zoomed.x + mid.x - g.startMid.x, y: zoomed.y + mid.y - g.startMid.y }, 'throttled')
          return
        }
        case 'shape':
          if (e.pointerId !== g.pointerId) return
          setDraft({ kind: 'shape', shape: g.shape, rect: rectFromPoints(g.start, screenToBoard(cameraRef.current, point)) })
          return
        case 'arrow':
          if (e.pointerId !== g.pointerId) return
          setDraft({ kind: 'arrow', from: g.start, to: screenToBoard(cameraRef.current, point) })
          return
        case 'pen': {
          if (e.pointerId !== g.pointerId) return
          const r = containerRef.current?.getBoundingClientRect()
          // Coalesced events: a fast stylus gives 2–4 samples per frame; all of them make a smoother line.
          const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : []
          for (const sample of events.length > 0 ? events : [e]) {
            const b = screenToBoard(cameraRef.current, { x: sample.clientX - (r?.left ?? 0), y: sample.clientY - (r?.top ?? 0) })
            g.samples.push(b.x, b.y, samplePressure(sample.pointerType, sample.pressure))
          }
          const path = penPathRef.current
          if (path) {
            path.data(strokeOutlinePath(g.samples, PEN_SIZE))
            path.getLayer()?.batchDraw()
          }
          return
        }
        case 'marquee': {
          if (e.pointerId !== g.pointerId) return
          const rect = rectFromPoints(g.start, screenToBoard(cameraRef.current, point))
          setMarquee(rect)
          const hits = itemsInRect(placedOnBoard().map(({ item, rect: r }) => ({ ...r, id: item.id, createdAt: item.createdAt })), rect)
          setSelection(hits.length === 0 && g.base.size === 0 ? emptySelection : new Set([...g.base, ...hits]))
          return
        }
        default:
          assertNever(g)
      }
    }
    const onUp = (e: PointerEvent) => {
      const hadTouch = touches.current.delete(e.pointerId)
      const g = gesture.current
      if (!g) return
      if (g.kind === 'pinch') {
        const [rest] = [...touches.current.entries()]
        gesture.current = rest ? { kind: 'pan', pointerId: rest[0], start: rest[1], camera: cameraRef.current } : null
        if (!rest) moveCamera(cameraRef.current)
        return
      }
      if ((g.kind === 'pan' || g.kind === 'marquee') && g.pointerId !== e.pointerId && !hadTouch) return
      if (g.kind !== 'pan' && g.kind !== 'marquee' && g.pointerId !== e.pointerId) return
      gesture.current = null
      if (g.kind === 'pan') moveCamera(cameraRef.current)
      if (g.kind === 'marquee') setMarquee(null)
      if (g.kind === 'shape' || g.kind === 'arrow' || g.kind === 'pen') finishDrawing(g, screenToBoard(cameraRef.current, localPoint(e)), e.type === 'pointercancel')
    }
    const finishDrawing = (g: Extract<Gesture, { kind: 'shape' | 'arrow' | 'pen' }>, end: Point, cancelled: boolean) => {
      setDraft(null)
      const path = penPathRef.current
      if (cancelled) {
        path?.data('')
        path?.getLayer()?.batchDraw()
        return
      }
      const id = store.newId()
      const createdAt = Date.now()
      if (g.kind === 'shape') {
        let rect = rectFromPoints(g.start, end)
        // A click without a drag still makes a shape, of a useful size.
        if (rect.w < 8 && rect.h < 8) rect = { x: g.start.x - 80, y: g.start.y - 50, w: 160, h: 100 }
        const planned = { x: Math.round(rect.x), y: Math.round(rect.y), w: Math.max(4, Math.round(rect.w)), h: Math.max(4, Math.round(rect.h)) }
        applyPlan({ createItems: [{ id, kind: 'shape', boardId, shape: g.shape, ...planned, fill: '', stroke: DEFAULT_INK, text: '', createdAt, sdgs: [], dimension: '' }] })
        setTool('select')
        setSelection(new Set([id]))
      } else if (g.kind === 'arrow') {
        const from = endAt(g.start, g.fromId)
        const to = endAt(end, bindableAt(end, undefined))
        if (!isConnectorWorthKeeping(from, to, g.start, end)) return
        applyPlan({ createItems: [{ id, kind: 'connector', boardId, from, to, relation: '', arrowhead: 'end', color: DEFAULT_INK, createdAt }] })
        setTool('select')
        setSelection(new Set([id]))
      } else {
        // Tolerance in board pixels: half a screen pixel, so zoomed-out strokes store fewer points.
        const planned = planStroke(g.samples, 0.5 / cameraRef.current.scale)
        if (planned) applyPlan({ createItems: [{ id, kind: 'stroke', boardId, ...planned, color: DEFAULT_INK, size: PEN_SIZE, createdAt }] })
        // The stroke node draws from the record in the same frame; the live path can go.
        path?.data('')
        path?.getLayer()?.batchDraw()
      }
    }
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
    window.addEventListener('pointercancel', onUp)
    return () => {
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', onUp)
      window.removeEventListener('pointercancel', onUp)
    }
  }, [applyPlan, bindableAt, boardId, cameraByPerson, localPoint, moveCamera, placedOnBoard, store])

  // Wheel: pinch on a trackpad (ctrl) and mouse wheels zoom; two-finger trackpad scrolls pan.
  useEffect(() => {
    const el = containerRef.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      if (!(e.target instanceof HTMLCanvasElement)) return
      e.preventDefault()
      cameraByPerson()
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1
      const dx = e.deltaX * unit
      const dy = e.deltaY * unit
      const looksLikeMouseWheel = e.deltaMode !== 0 || (dx === 0 && Math.abs(dy) >= 50 && Number.isInteger(dy))
      if (e.ctrlKey || e.metaKey || (looksLikeMouseWheel && !e.shiftKey)) {
        const factor = Math.exp(-dy * (e.ctrlKey && !looksLikeMouseWheel ? 0.01 : 0.0015))
        moveCamera(zoomAt(cameraRef.current, localPoint(e), factor), 'throttled')
      } else {
        const cam = cameraRef.current
        const [px, py] = e.shiftKey && dx === 0 ? [dy, 0] : [dx, dy]
        moveCamera({ ...cam, x: cam.x - px, y: cam.y - py }, 'throttled')
      }
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [cameraByPerson, localPoint, moveCamera])

  // Double-click (mouse, pen) on empty space makes a note there; double taps are in onPointerDown.
  const onDoubleClick = (e: { target: EventTarget; clientX: number; clientY: number }) => {
    const stage = stageRef.current
    if (!stage || !(e.target instanceof HTMLCanvasElement) || toolRef.current !== 'select' || spaceRef.current) return
    const point = localPoint(e)
    if (stage.getIntersection(toStagePoint(point))) return
    createNoteAt(screenToBoard(cameraRef.current, point))
  }


  // ---- presence: own cursor, at most every CURSOR_SEND_MS ------------------------------------
  const pendingCursor = useRef<Point | null>(null)
  const cursorFrame = useRef<number | null>(null)
  const lastCursorSent = useRef(0)

  const sendCursorSoon = useCallback(() => {
    if (cursorFrame.current !== null) return
    const tick = (now: number) => {
      if (now - lastCursorSent.current < CURSOR_SEND_MS) {
        cursorFrame.current = requestAnimationFrame(tick)
        return
      }
      cursorFrame.current = null
      const p = pendingCursor.current
      if (!p) return
      lastCursorSent.current = now
      store.setCursor({ boardId, x: Math.round(p.x), y: Math.round(p.y) })
    }
    cursorFrame.current = requestAnimationFrame(tick)
  }, [boardId, store])

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.pointerType === 'touch') return // a finger is not a pointer others need to follow
    pendingCursor.current = screenToBoard(cameraRef.current, localPoint(e))
    sendCursorSoon()
  }

  const hideCursor = useCallback(() => {
    pendingCursor.current = null
    if (cursorFrame.current !== null) cancelAnimationFrame(cursorFrame.current)
    cursorFrame.current = null
    store.setCursor(null)
  }, [store])

  useEffect(() => {
    store.setViewedBoard(boardId)
    return hideCursor
  }, [boardId, hideCursor, store])

  // ---- keyboard ------------------------------------------------------------------------------
  useEffect(() => {
    const ours = (target: EventTarget | null) =>
      target === document.body || (target instanceof Node && containerRef.current?.contains(target) === true)
    const onKeyDown = (e: KeyboardEvent) => {
      if (!ours(e.target) || isTypingTarget(e.target)) return
      const mod = e.ctrlKey || e.metaKey
      const key = e.key
      const selected = selectionRef.current
      let handled = true
      const onCanvas = e.target === containerRef.current
      if (key === ' ') {
        if (!e.repeat) setSpaceHeld(true)
      } else if (key === 'Tab' && onCanvas && !mod && !e.altKey) {
        // Through the items in reading order; past either end Tab leaves the canvas as usual.
        const next = stepFocus(readingItems(), selected.size === 1 ? [...selected][0]! : null, e.shiftKey ? -1 : 1)
        if (next) focusItem(next)
        else handled = false
      } else if (key.startsWith('Arrow') && onCanvas && selected.size === 0 && !mod && !e.altKey) {
        const first = stepFocus(readingItems(), null, 1)
        if (first) focusItem(first)
      } else if (mod && !e.altKey && key.toLowerCase() === 'z') {
        if (!accessRef.current.canEdit) return
        store.stopCapturing()
        if (e.shiftKey) store.redo()
        else store.undo()
      } else if (mod && key.toLowerCase() === 'y') {
        if (!accessRef.current.canEdit) return
        store.stopCapturing()
        store.redo()
      } else if (mod && key.toLowerCase() === 'a') {
        setSelection(new Set(idsRef.current))
      } else if (mod || e.altKey) {
        handled = false
      } else if (e.shiftKey && e.code === 'Digit1') {
        cameraByPerson()
        fitToContent()
      } else if (e.shiftKey && e.code === 'Digit0') {
        resetZoom()
      } else if (key === '+' || key === '=') {
        zoomBy(ZOOM_STEP)
      } else if (key === '-' || key === '−') {
        zoomBy(1 / ZOOM_STEP)
      } else if (key === 'n' || key === 'N') {
        createNoteInView()
      } else if ((key === 'v' || key === 'V') && votingRef.current.canVote && selected.size === 1 && votingRef.current.isEligible(store.getItem([...selected][0]!))) {
        // V gives the focused note a dot, Shift+V takes one back; without a vote V is the select tool.
        const only = [...selected][0]!
        void (e.shiftKey ? votingRef.current.retract(only) : votingRef.current.cast(only))
      } else if (toolKeys[key.toLowerCase()] && !e.shiftKey) {
        const next = toolKeys[key.toLowerCase()]!
        if (accessRef.current.canCreate || !drawingTools.includes(next)) setTool(next)
      } else if ((key === 'i' || key === 'I') && accessRef.current.canCreate) {
        pickerRef.current?.click()
      } else if (key === 'f' || key === 'F') {
        setFilterOpen((open) => !open)
      } else if (key === 'Escape') {
        handled = selected.size > 0 || toolRef.current !== 'select'
        setSelection(emptySelection)
        setTool('select')
      } else if (key === 'Delete' || key === 'Backspace') {
        deleteSelection()
      } else if (key === 'Enter' && selected.size === 1 && accessRef.current.canEdit) {
        const only = [...selected][0]!
        const kind = store.getItem(only)?.kind
        if (kind === 'note' || kind === 'text' || kind === 'shape') setEditingId(only)
      } else if (key.startsWith('Arrow') && selected.size > 0) {
        const step = e.shiftKey ? 1 : NUDGE
        const [dx, dy] = key === 'ArrowLeft' ? [-step, 0] : key === 'ArrowRight' ? [step, 0] : key === 'ArrowUp' ? [0, -step] : [0, step]
        nudgeSelection(dx, dy)
      } else {
        handled = false
      }
      if (handled) e.preventDefault()
    }
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') setSpaceHeld(false)
    }
    const onBlur = () => setSpaceHeld(false)
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
      window.removeEventListener('blur', onBlur)
    }
  }, [cameraByPerson, createNoteInView, deleteSelection, fitToContent, focusItem, nudgeSelection, readingItems, resetZoom, store, zoomBy])

  // ---- test hook -----------------------------------------------------------------------------
  useEffect(() => {
    const hook: CanvasTestHook = {
      boardId,
      getCamera: () => ({ ...cameraRef.current }),
      getSelection: () => [...selectionRef.current],
      getNotes: () =>
        store.getItemIds(boardId).flatMap((id) => {
          const note = store.getNote(id)
          return note ? [{ id, text: note.text, x: note.x, y: note.y, w: note.w, h: note.h, color: note.color }] : []
        }),
      getPeerCursors: () =>
        store.getPeers().flatMap((peer) =>
          peer.cursor && peer.cursor.boardId === boardId ? [{ name: peer.name, x: peer.cursor.x, y: peer.cursor.y }] : [],
        ),
      noteScreenRect(id) {
        const note = store.getNote(id)
        const box = containerRef.current?.getBoundingClientRect()
        if (!note || note.boardId !== boardId || !box) return null
        const c = cameraRef.current
        return { x: box.left + note.x * c.scale + c.x, y: box.top + note.y * c.scale + c.y, w: note.w * c.scale, h: note.h * c.scale }
      },
      itemScreenRect(id) {
        const item = lookupItem(id)
        const rect = item && item.boardId === boardId ? itemRect(item, lookupItem) : null
        const box = containerRef.current?.getBoundingClientRect()
        if (!rect || !box) return null
        const c = cameraRef.current
        return { x: box.left + rect.x * c.scale + c.x, y: box.top + rect.y * c.scale + c.y, w: rect.w * c.scale, h: rect.h * c.scale }
      },
      getItems: () =>
        store.getItemIds(boardId).flatMap((id) => {
          const item = lookupItem(id)
          const rect = item ? itemRect(item, lookupItem) : null
          return item && rect ? [{ id, kind: item.kind, x: rect.x, y: rect.y, w: rect.w, h: rect.h }] : []
        }),
      getItem: (id) => {
        const item = lookupItem(id)
        return item && item.boardId === boardId ? structuredClone(item) : null
      },
      getConnectorEnds(id) {
        const item = lookupItem(id)
        if (item?.kind !== 'connector') return null
        return resolveConnector(item.from, item.to, (itemId) => {
          const target = lookupItem(itemId)
          return target && target.kind !== 'connector' ? { ...itemRect(target)!, round: target.kind === 'shape' && target.shape === 'ellipse' } : undefined
        })
      },
      getRenderStats: () => ({ mountedItemNodes: nodes.current.size, renderedIds: renderedRef.current.size, totalItems: store.getItemIds(boardId).length }),
      getImageSource: (id) => imageSourceStates.get(id) ?? null,
      getTool: () => toolRef.current,
    }
    window.__samskapCanvas = hook
    return () => {
      if (window.__samskapCanvas === hook) delete window.__samskapCanvas
    }
  }, [boardId, lookupItem, store])

  // ---- render --------------------------------------------------------------------------------
  const selectedColor = useSharedColor(store, selection)
  const selectedItems = useSelectedItems(store, selection)
  const editingKind = editingId ? lookupItem(editingId)?.kind : undefined
  const single = selectedItems.length === 1 ? selectedItems[0] : undefined
  const anchors = transformerAnchors(single?.kind, selectedItems.length)

  const overscan = overscanOf(size)
  // From the committed camera, so the level switches at a redraw, never mid-gesture.
  const detail = detailForScale(camera.scale)
  const panning = tool === 'hand' || spaceHeld
  const drawing = drawingTools.includes(tool) && !panning
  const placeholder = t('note.placeholder')
  const imageLabels = useMemo(() => ({ loading: t('image.uploading'), missing: t('image.missing') }), [t])
  // Notes show dots only on the board the vote is on; the eligible selected note gets the vote buttons.
  const voteView = voting.view
  const selectionVote: SelectionVote | null =
    voting.canVote && single && voting.isEligible(single)
      ? {
          mine: voting.view?.mine[single.id] ?? 0,
          total: voting.view?.totals ? (voting.view.totals[single.id] ?? 0) : null,
          left: voting.view?.left ?? 0,
          onCast: () => void voting.cast(single.id),
          onRetract: () => void voting.retract(single.id),
        }
      : null
  return (
    <div
      ref={containerRef}
      className={`sk-board-canvas${panning ? ' sk-panning' : ''}${drawing ? (tool === 'text' ? ' sk-texting' : ' sk-drawing') : ''}`}
      data-testid="board-canvas"
      data-tool={tool}
      tabIndex={0}
      role="application"
      aria-label={t('canvasLabel')}
      aria-describedby={`canvas-keys-${boardId}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onDoubleClick={onDoubleClick}
      onPointerLeave={(e) => {
        if (e.pointerType !== 'touch') hideCursor()
      }}
      onContextMenu={(e) => {
        if (e.target instanceof HTMLCanvasElement) e.preventDefault()
      }}
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files') || !access.canCreate) return
        e.preventDefault()
        setDropping(true)
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDropping(false)
      }}
      onDrop={(e) => {
        setDropping(false)
        const files = [...e.dataTransfer.files].filter((f) => f.type.startsWith('image/'))
        if (files.length === 0) return
        e.preventDefault()
        void addImages(files, screenToBoard(cameraRef.current, localPoint(e)))
      }}
    >
      <CanvasFocusDescription
        store={store}
        focusedId={selection.size === 1 ? [...selection][0]! : null}
        readingItems={readingItems}
        hintId={`canvas-keys-${boardId}`}
      />
      {size.w > 0 && size.h > 0 && (
        <Stage ref={stageRef} width={size.w + 2 * overscan.x} height={size.h + 2 * overscan.y} style={{ position: 'absolute', left: -overscan.x, top: -overscan.y }}>
          {/* Items stop listening while another tool is active: Konva must not start dragging them. */}
          <Layer ref={lazyHitGraph} listening={!panning && !drawing}>
            {renderedIds.map((id) => {
              const kind = store.getItem(id)?.kind
              switch (kind) {
                case 'note':
                  return (
                    <NoteNode
                      key={id}
                      detail={detail}
                      store={store}
                      id={id}
                      editing={id === editingId}
                      placeholder={placeholder}
                      handlers={handlers}
                      filter={filter}
                      myDots={voting.canVote ? (voteView?.mine[id] ?? 0) : -1}
                      totalDots={!voteView?.totals ? -1 : voteView.open ? (voteView.totals[id] ?? 0) : (voteView.totals[id] ?? -1)}
                    />
                  )
                case 'text':
                  return <TextNode key={id} detail={detail} store={store} id={id} editing={id === editingId} handlers={handlers} filter={filter} />
                case 'shape':
                  return <ShapeNode key={id} detail={detail} store={store} id={id} editing={id === editingId} handlers={handlers} filter={filter} />
                case 'stroke':
                  return <StrokeNode key={id} detail={detail} store={store} id={id} handlers={handlers} filter={filter} />
                case 'image':
                  return <ImageNode key={id} detail={detail} store={store} id={id} handlers={handlers} filter={filter} labels={imageLabels} />
                case 'connector':
                  return <ConnectorNode key={id} detail={detail} store={store} id={id} handlers={handlers} filter={filter} selected={selection.size === 1 && selection.has(id)} />
                default:
                  // Kinds of other boards (stakeholders, cards) never belong here; skip rather than crash.
                  return null
              }
            })}
          </Layer>
          <Layer listening={!panning && !drawing}>
            <Transformer
              ref={transformerRef}
              rotateEnabled={false}
              flipEnabled={false}
              keepRatio={single?.kind === 'image'}
              ignoreStroke
              resizeEnabled={anchors.length > 0 && editingId === null && access.canEdit}
              enabledAnchors={anchors}
              anchorSize={ANCHOR_SIZE}
              anchorCornerRadius={ANCHOR_SIZE / 2}
              anchorStroke="#1a5fb4"
              anchorFill="#ffffff"
              borderStroke="#1a5fb4"
              borderStrokeWidth={2}
              padding={2}
              boundBoxFunc={boundBox}
              onTransformEnd={onTransformEnd}
            />
            {marquee && (
              <Rect
                x={marquee.x}
                y={marquee.y}
                width={marquee.w}
                height={marquee.h}
                fill="rgba(26,95,180,0.08)"
                stroke="#1a5fb4"
                strokeWidth={1 / camera.scale}
                dash={[4 / camera.scale, 4 / camera.scale]}
                listening={false}
              />
            )}
          </Layer>
          {/* What is being drawn: React for shapes and arrows, the pen path directly from pointer events. */}
          <Layer listening={false}>
            {draft?.kind === 'shape' &&
              (draft.shape === 'ellipse' ? (
                <Ellipse x={draft.rect.x + draft.rect.w / 2} y={draft.rect.y + draft.rect.h / 2} radiusX={draft.rect.w / 2} radiusY={draft.rect.h / 2} stroke={DEFAULT_INK} strokeWidth={2} strokeScaleEnabled={false} dash={[6, 4]} />
              ) : (
                <Rect x={draft.rect.x} y={draft.rect.y} width={draft.rect.w} height={draft.rect.h} stroke={DEFAULT_INK} strokeWidth={2} strokeScaleEnabled={false} dash={[6, 4]} cornerRadius={4} />
              ))}
            {draft?.kind === 'arrow' && (
              <Arrow points={[draft.from.x, draft.from.y, draft.to.x, draft.to.y]} stroke={DEFAULT_INK} fill={DEFAULT_INK} strokeWidth={2} pointerLength={12} pointerWidth={12} dash={[6, 4]} />
            )}
            <Path ref={penPathRef} fill={DEFAULT_INK} data="" perfectDrawEnabled={false} />
          </Layer>
          <CursorsLayer store={store} boardId={boardId} scale={camera.scale} anonymousName={t('anonymous')} />
        </Stage>
      )}
      {editingId && isEditableKind(editingKind) && (
        <ItemTextEditor
          key={editingId}
          store={store}
          id={editingId}
          camera={camera}
          placeholder={t(`${editingKind}.placeholder`)}
          label={t(`${editingKind}.editLabel`)}
          onClose={closeEditor}
        />
      )}
      {filterOpen && (
        <div className="sk-filter-panel" aria-label={t('filter.title')} role="region">
          <FilteredCount store={store} boardId={boardId} filter={filter} onChange={setFilter} />
        </div>
      )}
      {selectedItems.length > 0 && editingId === null && (access.canEdit || selectionVote) && (
        <SelectionToolbar
          items={selectedItems}
          editable={access.canEdit}
          vote={selectionVote}
          currentColor={selectedColor}
          onColor={colorSelection}
          onPatch={patchSelection}
          onTags={tagSelection}
          onDelete={deleteSelection}
          onHide={hideNote.allowed && selectedItems.length === 1 && selectedItems[0]!.kind === 'note' ? () => hideSelected(selectedItems[0]!.id) : undefined}
        />
      )}
      {dropping && <div className="sk-drop-hint">{t('image.dropHint')}</div>}
      {notice && (
        <div className={`sk-notice sk-notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="canvas-notice">
          <span>{notice.text}</span>
          <button type="button" aria-label={t('dismiss')} title={t('dismiss')} onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      <CanvasToolbar
        store={store}
        access={access}
        tool={tool}
        scale={camera.scale}
        filterOpen={filterOpen}
        pickerRef={pickerRef}
        onTool={setTool}
        onNewNote={createNoteInView}
        onImages={(files) => void addImages(files)}
        onToggleFilter={() => setFilterOpen((open) => !open)}
        onZoom={(direction) => zoomBy(direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP)}
        onFit={() => {
          cameraByPerson()
          fitToContent()
        }}
        onResetZoom={resetZoom}
      />
    </div>
  )
}

/**
 * The filter bar with its "showing 4 of 12". Subscribed to the taggable kinds of this board in its
 * own component, so a note edit re-renders this count, not the board.
 */
function FilteredCount({ store, boardId, filter, onChange }: { store: WorkshopStore; boardId: string; filter: TagFilter; onChange(next: TagFilter): void }) {
  const notes = useItemsOfKind(store, boardId, 'note')
  const texts = useItemsOfKind(store, boardId, 'text')
  const shapes = useItemsOfKind(store, boardId, 'shape')
  const count = useMemo(() => countMatching([...notes, ...texts, ...shapes], filter), [notes, texts, shapes, filter])
  return <TagFilterBar value={filter} onChange={onChange} count={isTagFilterActive(filter) ? count : { shown: count.total, total: count.total }} />
}

type Anchor = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'middle-left' | 'middle-right' | 'top-center' | 'bottom-center'
const allAnchors: Anchor[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'middle-left', 'middle-right', 'top-center', 'bottom-center']

/** Which resize handles a single selected item gets: text only its width, photos only corners. */
function transformerAnchors(kind: ItemRecord['kind'] | undefined, count: number): Anchor[] {
  if (count !== 1) return []
  switch (kind) {
    case 'note':
    case 'shape':
      return allAnchors
    case 'image':
      return ['top-left', 'top-right', 'bottom-left', 'bottom-right']
    case 'text':
      return ['middle-left', 'middle-right']
    default:
      return []
  }
}

interface BoxLike {
  x: number
  y: number
  width: number
  height: number
  rotation: number
}

/**
 * Items are mounted as far as the stage reaches beyond the view (OVERSCAN): what a pan reveals
 * between two redraws is the picture drawn at the last commit, and each commit culls again, so
 * nodes further out would only be drawn off the canvas.
 */
function cullMargin(camera: Camera, size: { w: number; h: number }): number {
  return (Math.max(size.w, size.h) * OVERSCAN) / camera.scale
}

/**
 * Konva redraws a layer's hit graph with every scene redraw; for the items layer that is a second
 * pass over thousands of shapes at each camera commit, most of them never pointed at before the
 * next commit. Here the hit graph is drawn when it is first asked for (pointer events and
 * getIntersection read it), once per redraw at most.
 */
function lazyHitGraph(layer: Konva.Layer | null): void {
  if (!layer || lazyLayers.has(layer)) return
  lazyLayers.add(layer)
  const drawHit = layer.drawHit.bind(layer)
  const getIntersection = layer.getIntersection.bind(layer)
  let stale = true
  layer.drawHit = ((...args: Parameters<Konva.Layer['drawHit']>) => {
    // With a canvas given (export, caching) Konva wants it drawn now.
    if (args.length > 0 && args[0]) return drawHit(...args)
    stale = true
    return layer
  }) as Konva.Layer['drawHit']
  layer.getIntersection = (pos) => {
    if (stale) {
      stale = false
      drawHit()
    }
    return getIntersection(pos)
  }
}
const lazyLayers = new WeakSet<Konva.Layer>()

function overscanOf(size: { w: number; h: number }): Point {
  return { x: Math.round(size.w * OVERSCAN), y: Math.round(size.h * OVERSCAN) }
}

/** Where a board point lands on the stage drawn with `camera` (the stage starts `overscan` left of and above the view). */
function boardToScreenWithOverscan(camera: Camera, board: Point, overscan: Point): Point {
  return { x: board.x * camera.scale + camera.x + overscan.x, y: board.y * camera.scale + camera.y + overscan.y }
}

/** Applies a camera to the Konva stage and redraws it, without React. */
function paintStage(stage: Konva.Stage | null, camera: Camera, overscan: Point): void {
  if (!stage) return
  stage.setAttrs({ x: camera.x + overscan.x, y: camera.y + overscan.y, scaleX: camera.scale, scaleY: camera.scale })
  // The redraw happens in the next animation frame, before that frame is painted, so the picture
  // never shows without its transform and not yet redrawn.
  stage.content.style.transform = ''
  stage.batchDraw()
}

/**
 * Shows the picture drawn with `drawn` as if drawn with `shown`: a screen point q of the drawn
 * picture must move to t + k·q, with k the zoom between the two and t the offset.
 */
function previewStage(stage: Konva.Stage | null, drawn: Camera, shown: Camera, overscan: Point): void {
  if (!stage) return
  const k = shown.scale / drawn.scale
  const tx = shown.x - drawn.x * k
  const ty = shown.y - drawn.y * k
  const style = stage.content.style
  style.transformOrigin = `${overscan.x}px ${overscan.y}px`
  style.transform = `translate(${tx}px, ${ty}px) scale(${k})`
}

/** Moves the CSS dot grid with the camera. */
function paintGrid(container: HTMLDivElement | null, camera: Camera): void {
  if (container) {
    let step = GRID_STEP * camera.scale
    while (step < 12) step *= 2
    container.style.backgroundSize = `${step}px ${step}px`
    container.style.backgroundPosition = `${camera.x - step / 2}px ${camera.y - step / 2}px`
  }
}

function useElementSize(ref: RefObject<HTMLElement | null>): { w: number; h: number } {
  const [size, setSize] = useState({ w: 0, h: 0 })
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const update = () => {
      const w = Math.round(el.clientWidth)
      const h = Math.round(el.clientHeight)
      setSize((s) => (s.w === w && s.h === h ? s : { w, h }))
    }
    update()
    const observer = new ResizeObserver(update)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return size
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}

function assertNever(value: never): never {
  throw new Error(`unexpected gesture ${JSON.stringify(value)}`)
}
