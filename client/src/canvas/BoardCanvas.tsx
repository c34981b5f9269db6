import Konva from 'konva'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Layer, Rect, Stage, Transformer } from 'react-konva'
import {
  boundsOf,
  fitCamera,
  rectFromPoints,
  screenToBoard,
  visibleRect,
  zoomAt,
  type Camera,
  type Point,
  type Rect as BoardRect,
} from '../../../shared/logic/geometry'
import { planResize } from '../../../shared/logic/noteResize'
import { cullToViewport, itemsInRect, placeNewNote, planMove } from '../../../shared/logic/notes'
import { NOTE_DEFAULT_SIZE, NOTE_MAX_SIZE, NOTE_MIN_SIZE, type NoteColor, type NoteRecord } from '../../../shared/schema/records/note'
import { useItemIds } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { CanvasToolbar, type CanvasTool } from './CanvasToolbar'
import type { CanvasTestHook } from './canvasTestHook'
import { CursorsLayer } from './CursorsLayer'
import { NoteEditor } from './NoteEditor'
import { NoteNode, type NoteHandlers } from './NoteNode'
import { SelectionToolbar } from './SelectionToolbar'
import { useSharedColor } from './useSharedColor'
import './canvas.css'

// Sharp on retina, but a 3x phone would triple fill cost for little visible gain.
if (typeof window !== 'undefined') Konva.pixelRatio = Math.min(2, window.devicePixelRatio || 1)

const GRID_STEP = 24
const ZOOM_STEP = 1.25
const NUDGE = 10
/** During pan and zoom the stage moves at once; React (culling, overlays) catches up this often. */
const CAMERA_COMMIT_MS = 150
const CURSOR_SEND_MS = 50
const FIT_PADDING = 72
const DOUBLE_TAP_MS = 350
const DOUBLE_TAP_SLOP = 24
/** Resize handles a finger can hit on touch screens. */
const ANCHOR_SIZE = typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches ? 22 : 12

const emptySelection: ReadonlySet<string> = new Set()

type Gesture =
  | { kind: 'pan'; pointerId: number; start: Point; camera: Camera }
  | { kind: 'pinch'; startDistance: number; startMid: Point; camera: Camera }
  | { kind: 'marquee'; pointerId: number; start: Point; base: ReadonlySet<string> }

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

  // ---- session state -------------------------------------------------------------------------
  const [camera, setCamera] = useState<Camera>({ x: 0, y: 0, scale: 1 })
  const [rawSelection, setSelection] = useState<ReadonlySet<string>>(emptySelection)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [tool, setTool] = useState<CanvasTool>('select')
  const [spaceHeld, setSpaceHeld] = useState(false)
  const [marquee, setMarquee] = useState<BoardRect | null>(null)
  const [lastColor, setLastColor] = useState<NoteColor>('yellow')
  const [cullTick, setCullTick] = useState(0)

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
  useLayoutEffect(() => {
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

  /** Moves the stage and grid at once; React state follows at most every CAMERA_COMMIT_MS. */
  const moveCamera = useCallback((next: Camera, commit: 'now' | 'throttled' = 'now') => {
    cameraRef.current = next
    paintCamera(stageRef.current, containerRef.current, next)
    if (commit === 'now' || editingRef.current !== null) {
      if (commitTimer.current !== null) window.clearTimeout(commitTimer.current)
      commitTimer.current = null
      setCamera(next)
    } else if (commitTimer.current === null) {
      commitTimer.current = window.setTimeout(() => {
        commitTimer.current = null
        setCamera(cameraRef.current)
      }, CAMERA_COMMIT_MS)
    }
  }, [])

  useEffect(() => () => {
    if (commitTimer.current !== null) window.clearTimeout(commitTimer.current)
  }, [])

  const notesOnBoard = useCallback(
    (): NoteRecord[] => idsRef.current.map((id) => store.getNote(id)).filter((n): n is NoteRecord => n !== undefined),
    [store],
  )

  const fitToContent = useCallback(() => {
    moveCamera(fitCamera(boundsOf(notesOnBoard()), sizeRef.current, FIT_PADDING))
  }, [moveCamera, notesOnBoard])

  const zoomBy = useCallback(
    (factor: number, anchor?: Point) => {
      userMovedCamera.current = true
      const s = sizeRef.current
      moveCamera(zoomAt(cameraRef.current, anchor ?? { x: s.w / 2, y: s.h / 2 }, factor))
    },
    [moveCamera],
  )

  const resetZoom = useCallback(() => {
    userMovedCamera.current = true
    zoomBy(1 / cameraRef.current.scale)
  }, [zoomBy])

  // Until the person moves the camera, keep the board's content in view as it loads.
  const hasContent = ids.length > 0
  useLayoutEffect(() => {
    if (size.w === 0 || size.h === 0 || userMovedCamera.current) return
    fitToContent()
  }, [size.w, size.h, hasContent, fitToContent])

  useLayoutEffect(() => {
    paintCamera(stageRef.current, containerRef.current, cameraRef.current)
  }, [size.w, size.h])

  // ---- culling -------------------------------------------------------------------------------
  const renderedIds = useMemo(() => {
    if (size.w === 0) return []
    const notes = ids.map((id) => store.getNote(id)).filter((n): n is NoteRecord => n !== undefined)
    const keep = new Set(cullToViewport(notes, visibleRect(camera, size), cullMargin(camera, size)).map((n) => n.id))
    for (const id of selection) keep.add(id)
    if (editingId) keep.add(editingId)
    return ids.filter((id) => keep.has(id))
    // cullTick: a note outside the view moved into it (or out) without the camera moving.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, camera, size, store, selection, editingId, cullTick])

  useLayoutEffect(() => {
    renderedRef.current = new Set(renderedIds)
  }, [renderedIds])

  useEffect(() => {
    const offs = ids.map((id) =>
      store.subscribe(`note:${id}`, () => {
        const note = store.getNote(id)
        const cam = cameraRef.current
        const s = sizeRef.current
        const inView = note !== undefined && cullToViewport([note], visibleRect(cam, s), cullMargin(cam, s)).length > 0
        if (inView !== renderedRef.current.has(id)) setCullTick((n) => n + 1)
      }),
    )
    return () => offs.forEach((off) => off())
  }, [ids, store])

  // ---- editing -------------------------------------------------------------------------------
  const focusCanvas = useCallback(() => containerRef.current?.focus({ preventScroll: true }), [])

  const createNoteAt = useCallback(
    (center: Point) => {
      userMovedCamera.current = true
      const position = placeNewNote(center, { w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE }, notesOnBoard())
      store.stopCapturing()
      const id = store.createNote(boardId, { ...position, w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE, color: lastColorRef.current, text: '' })
      store.stopCapturing()
      setSelection(new Set([id]))
      setEditingId(id)
    },
    [boardId, notesOnBoard, store],
  )

  const createNoteInView = useCallback(() => {
    const s = sizeRef.current
    createNoteAt(screenToBoard(cameraRef.current, { x: s.w / 2, y: s.h / 2 }))
  }, [createNoteAt])

  const closeEditor = useCallback(
    (id: string, text: string | null, refocus: boolean) => {
      setEditingId((current) => (current === id ? null : current))
      const note = store.getNote(id)
      if (note && text !== null && text !== note.text) {
        store.stopCapturing()
        store.updateNote(id, { text })
        store.stopCapturing()
      }
      if (refocus) focusCanvas()
    },
    [focusCanvas, store],
  )

  const deleteSelection = useCallback(() => {
    const selected = selectionRef.current
    if (selected.size === 0) return
    store.stopCapturing()
    store.deleteItems(selected)
    store.stopCapturing()
    setSelection(emptySelection)
  }, [store])

  const colorSelection = useCallback(
    (color: NoteColor) => {
      setLastColor(color)
      store.stopCapturing()
      // Consecutive local edits merge into one undo step.
      for (const id of selectionRef.current) store.updateNote(id, { color })
      store.stopCapturing()
    },
    [store],
  )

  const nudgeSelection = useCallback(
    (dx: number, dy: number) => {
      const patches = planMove(notesOnBoard(), selectionRef.current, dx, dy)
      store.moveItems(patches)
    },
    [notesOnBoard, store],
  )

  // ---- notes: select, drag, edit -------------------------------------------------------------
  const drag = useRef<{ ids: ReadonlySet<string>; origin: Map<string, Point> } | null>(null)

  const handlers = useMemo<NoteHandlers>(
    () => ({
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
        }
      },
      dragEnd(id, node) {
        const d = drag.current
        drag.current = null
        const note = store.getNote(id)
        if (!d || !note) return
        const dx = Math.round(node.x() - note.x)
        const dy = Math.round(node.y() - note.y)
        const moving = d.ids
        const patches = planMove(notesOnBoard(), moving, dx, dy)
        // Put nodes exactly where the plan says; React then renders the same values.
        for (const other of d.origin.keys()) {
          const record = store.getNote(other)
          const patch = patches.find((p) => p.id === other)
          nodes.current.get(other)?.position(patch ? { x: patch.x, y: patch.y } : { x: record?.x ?? 0, y: record?.y ?? 0 })
        }
        store.stopCapturing()
        store.moveItems(patches)
        store.stopCapturing()
      },
      edit(id) {
        setSelection(new Set([id]))
        setEditingId(id)
      },
      sizeChanged(id) {
        if (selectionRef.current.has(id)) transformerRef.current?.forceUpdate()
      },
    }),
    [focusCanvas, notesOnBoard, store],
  )

  // The transformer frames whatever is selected and drawn.
  useLayoutEffect(() => {
    const transformer = transformerRef.current
    if (!transformer) return
    const selectedNodes = [...selection].filter((id) => id !== editingId).flatMap((id) => nodes.current.get(id) ?? [])
    transformer.nodes(selectedNodes)
    transformer.getLayer()?.batchDraw()
  }, [selection, renderedIds, editingId])

  const onTransformEnd = useCallback(
    (event: Konva.KonvaEventObject<Event>) => {
      const node = event.target
      const id = node.id()
      const note = store.getNote(id)
      if (!note) return
      const plan = planResize(note, { x: node.x(), y: node.y(), scaleX: node.scaleX(), scaleY: node.scaleY() })
      node.setAttrs({ x: plan.x, y: plan.y, scaleX: 1, scaleY: 1 })
      store.stopCapturing()
      store.updateNote(id, plan)
      store.stopCapturing()
    },
    [store],
  )

  const boundBox = useCallback((oldBox: BoxLike, newBox: BoxLike) => {
    const scale = cameraRef.current.scale
    const tooSmall = Math.abs(newBox.width) < NOTE_MIN_SIZE * scale || Math.abs(newBox.height) < NOTE_MIN_SIZE * scale
    const tooLarge = Math.abs(newBox.width) > NOTE_MAX_SIZE * scale || Math.abs(newBox.height) > NOTE_MAX_SIZE * scale
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
    gesture.current = {
      kind: 'pinch',
      startDistance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)),
      startMid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
      camera: cameraRef.current,
    }
  }, [])

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!(e.target instanceof HTMLCanvasElement)) return // toolbars and the note editor
    const stage = stageRef.current
    if (!stage) return
    const point = localPoint(e)
    const panAnywhere = toolRef.current === 'hand' || spaceRef.current || e.button === 1
    const hit = panAnywhere ? null : stage.getIntersection(point)
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
        case 'marquee': {
          if (e.pointerId !== g.pointerId) return
          const rect = rectFromPoints(g.start, screenToBoard(cameraRef.current, point))
          setMarquee(rect)
          const hits = itemsInRect(notesOnBoard(), rect)
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
      gesture.current = null
      if (g.kind === 'pan') moveCamera(cameraRef.current)
      if (g.kind === 'marquee') setMarquee(null)
    }
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
    window.addEventListener('pointercancel', onUp)
    return () => {
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', onUp)
      window.removeEventListener('pointercancel', onUp)
    }
  }, [localPoint, moveCamera, notesOnBoard])

  // Wheel: pinch on a trackpad (ctrl) and mouse wheels zoom; two-finger trackpad scrolls pan.
  useEffect(() => {
    const el = containerRef.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      if (!(e.target instanceof HTMLCanvasElement)) return
      e.preventDefault()
      userMovedCamera.current = true
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
  }, [localPoint, moveCamera])

  // Double-click (mouse, pen) on empty space makes a note there; double taps are in onPointerDown.
  const onDoubleClick = (e: { target: EventTarget; clientX: number; clientY: number }) => {
    const stage = stageRef.current
    if (!stage || !(e.target instanceof HTMLCanvasElement) || toolRef.current !== 'select' || spaceRef.current) return
    const point = localPoint(e)
    if (stage.getIntersection(point)) return
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
      if (key === ' ') {
        if (!e.repeat) setSpaceHeld(true)
      } else if (mod && !e.altKey && key.toLowerCase() === 'z') {
        store.stopCapturing()
        if (e.shiftKey) store.redo()
        else store.undo()
      } else if (mod && key.toLowerCase() === 'y') {
        store.stopCapturing()
        store.redo()
      } else if (mod && key.toLowerCase() === 'a') {
        setSelection(new Set(idsRef.current))
      } else if (mod || e.altKey) {
        handled = false
      } else if (e.shiftKey && e.code === 'Digit1') {
        userMovedCamera.current = true
        fitToContent()
      } else if (e.shiftKey && e.code === 'Digit0') {
        resetZoom()
      } else if (key === '+' || key === '=') {
        zoomBy(ZOOM_STEP)
      } else if (key === '-' || key === '−') {
        zoomBy(1 / ZOOM_STEP)
      } else if (key === 'n' || key === 'N') {
        createNoteInView()
      } else if (key === 'v' || key === 'V') {
        setTool('select')
      } else if (key === 'h' || key === 'H') {
        setTool('hand')
      } else if (key === 'Escape') {
        handled = selected.size > 0
        setSelection(emptySelection)
      } else if (key === 'Delete' || key === 'Backspace') {
        deleteSelection()
      } else if (key === 'Enter' && selected.size === 1) {
        setEditingId([...selected][0]!)
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
  }, [createNoteInView, deleteSelection, fitToContent, nudgeSelection, resetZoom, store, zoomBy])

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
    }
    window.__samskapCanvas = hook
    return () => {
      if (window.__samskapCanvas === hook) delete window.__samskapCanvas
    }
  }, [boardId, store])

  // ---- render --------------------------------------------------------------------------------
  const selectedColor = useSharedColor(store, selection)

  const panning = tool === 'hand' || spaceHeld
  const placeholder = t('note.placeholder')
  return (
    <div
      ref={containerRef}
      className={`sk-board-canvas${panning ? ' sk-panning' : ''}`}
      data-testid="board-canvas"
      tabIndex={0}
      role="application"
      aria-label={t('canvasLabel')}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onDoubleClick={onDoubleClick}
      onPointerLeave={(e) => {
        if (e.pointerType !== 'touch') hideCursor()
      }}
      onContextMenu={(e) => {
        if (e.target instanceof HTMLCanvasElement) e.preventDefault()
      }}
    >
      {size.w > 0 && size.h > 0 && (
        <Stage ref={stageRef} width={size.w} height={size.h}>
          <Layer listening={!panning}>
            {renderedIds.map((id) => (
              <NoteNode
                key={id}
                store={store}
                id={id}
                editing={id === editingId}
                placeholder={placeholder}
                handlers={handlers}
              />
            ))}
          </Layer>
          <Layer listening={!panning}>
            <Transformer
              ref={transformerRef}
              rotateEnabled={false}
              flipEnabled={false}
              keepRatio={false}
              ignoreStroke
              resizeEnabled={selection.size === 1 && editingId === null}
              enabledAnchors={['top-left', 'top-right', 'bottom-left', 'bottom-right', 'middle-left', 'middle-right', 'top-center', 'bottom-center']}
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
          <CursorsLayer store={store} boardId={boardId} scale={camera.scale} anonymousName={t('anonymous')} />
        </Stage>
      )}
      {editingId && (
        <NoteEditor key={editingId} store={store} id={editingId} camera={camera} placeholder={placeholder} label={t('note.editLabel')} onClose={closeEditor} />
      )}
      {selection.size > 0 && editingId === null && (
        <SelectionToolbar count={selection.size} currentColor={selectedColor} onColor={colorSelection} onDelete={deleteSelection} />
      )}
      <CanvasToolbar
        store={store}
        tool={tool}
        scale={camera.scale}
        onTool={setTool}
        onNewNote={createNoteInView}
        onZoom={(direction) => zoomBy(direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP)}
        onFit={() => {
          userMovedCamera.current = true
          fitToContent()
        }}
        onResetZoom={resetZoom}
      />
    </div>
  )
}

interface BoxLike {
  x: number
  y: number
  width: number
  height: number
  rotation: number
}

/** Culling is coarse on purpose: half a viewport of margin lets a pan run between React commits. */
function cullMargin(camera: Camera, size: { w: number; h: number }): number {
  return (Math.max(size.w, size.h) / camera.scale) * 0.5
}

/** Applies a camera to the Konva stage and the CSS dot grid, without React. */
function paintCamera(stage: Konva.Stage | null, container: HTMLDivElement | null, camera: Camera): void {
  if (stage) {
    stage.setAttrs({ x: camera.x, y: camera.y, scaleX: camera.scale, scaleY: camera.scale })
    stage.batchDraw()
  }
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
