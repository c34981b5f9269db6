import type Konva from 'konva'
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Stage } from 'react-konva'
import { fitCamera, screenToBoard, zoomAt, type Camera, type Point, type Rect } from '../../../../shared/logic/geometry'

const ZOOM_STEP = 1.25
const FIT_PADDING = 32
const DOUBLE_TAP_MS = 350
const DOUBLE_TAP_SLOP = 24

/** Konva nodes named this are dragged by Konva; a press anywhere else pans. */
export const DRAGGABLE_NAME = 'sm-draggable'

interface PanZoomStageProps {
  /** What "show all" and the first view frame, in board coordinates. */
  contentBounds: Rect | null
  label: string
  testId: string
  /** Double-click or double tap on anything that is not a card. */
  onDoubleClickBoard?(point: Point): void
  /** Where the pointer is on the board, or null when it leaves (for presence). */
  onPointerBoard?(point: Point | null): void
  /** Read by the test hook and by drag handlers. */
  cameraRef: RefObject<Camera>
  containerRef: RefObject<HTMLDivElement | null>
  children: (camera: Camera) => ReactNode
}

type Gesture = { kind: 'pan'; pointerId: number; start: Point; camera: Camera } | { kind: 'pinch'; distance: number; mid: Point; camera: Camera }

/**
 * A react-konva stage with the free canvas's camera math (shared/logic/geometry): drag on empty
 * space or wheel to pan, ctrl/pinch/wheel to zoom, buttons for keyboard and projector use.
 * The camera is session state of this view only.
 */
export function PanZoomStage({ contentBounds, label, testId, onDoubleClickBoard, onPointerBoard, cameraRef, containerRef, children }: PanZoomStageProps) {
  const { t } = useTranslation('stakeholderMap')
  const stageRef = useRef<Konva.Stage>(null)
  const size = useElementSize(containerRef)
  const [camera, setCameraState] = useState<Camera>(cameraRef.current)
  const userMoved = useRef(false)
  const setCamera = useCallback(
    (next: Camera) => {
      cameraRef.current = next
      setCameraState(next)
    },
    [cameraRef],
  )

  // Until the person moves the camera, keep everything in view as content and size change.
  const boundsKey = contentBounds ? `${contentBounds.x}:${contentBounds.y}:${contentBounds.w}:${contentBounds.h}` : ''
  useLayoutEffect(() => {
    if (size.w === 0 || size.h === 0 || userMoved.current) return
    setCamera(fitCamera(contentBounds, size, FIT_PADDING))
    // boundsKey stands for contentBounds
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size.w, size.h, boundsKey, setCamera])

  const fit = () => {
    userMoved.current = false
    setCamera(fitCamera(contentBounds, size, FIT_PADDING))
  }
  const zoomBy = (factor: number) => {
    userMoved.current = true
    setCamera(zoomAt(cameraRef.current, { x: size.w / 2, y: size.h / 2 }, factor))
  }

  const localPoint = useCallback(
    (e: { clientX: number; clientY: number }): Point => {
      const r = containerRef.current?.getBoundingClientRect()
      return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) }
    },
    [containerRef],
  )

  const onCard = (point: Point): boolean => {
    const hit = stageRef.current?.getIntersection(point)
    return !!hit && (hit.hasName(DRAGGABLE_NAME) || !!hit.findAncestor(`.${DRAGGABLE_NAME}`))
  }

  const gesture = useRef<Gesture | null>(null)
  const touches = useRef(new Map<number, Point>())
  const lastTap = useRef<{ point: Point; time: number } | null>(null)

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!(e.target instanceof HTMLCanvasElement)) return
    const point = localPoint(e)
    if (e.pointerType === 'touch') touches.current.set(e.pointerId, point)
    if (touches.current.size >= 2) {
      const [a, b] = [...touches.current.values()] as [Point, Point]
      gesture.current = { kind: 'pinch', distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, camera: cameraRef.current }
      return
    }
    if (onCard(point)) return
    if (e.pointerType === 'touch') {
      const last = lastTap.current
      lastTap.current = { point, time: e.timeStamp }
      if (last && e.timeStamp - last.time < DOUBLE_TAP_MS && Math.hypot(point.x - last.point.x, point.y - last.point.y) < DOUBLE_TAP_SLOP) {
        lastTap.current = null
        onDoubleClickBoard?.(screenToBoard(cameraRef.current, point))
        return
      }
    }
    if (e.button !== 0 && e.button !== 1) return
    userMoved.current = true
    gesture.current = { kind: 'pan', pointerId: e.pointerId, start: point, camera: cameraRef.current }
  }

  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      const point = localPoint(e)
      if (touches.current.has(e.pointerId)) touches.current.set(e.pointerId, point)
      const g = gesture.current
      if (!g) return
      if (g.kind === 'pan') {
        if (e.pointerId !== g.pointerId) return
        setCamera({ ...g.camera, x: g.camera.x + point.x - g.start.x, y: g.camera.y + point.y - g.start.y })
      } else {
        const [a, b] = [...touches.current.values()]
        if (!a || !b) return
        const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
        const zoomed = zoomAt(g.camera, g.mid, Math.hypot(a.x - b.x, a.y - b.y) / g.distance)
        userMoved.current = true
        setCamera({ ...zoomed, x: zoomed.x + mid.x - g.mid.x, y: zoomed.y + mid.y - g.mid.y })
      }
    }
    const onUp = (e: PointerEvent) => {
      touches.current.delete(e.pointerId)
      const g = gesture.current
      if (!g) return
      if (g.kind === 'pinch' || g.pointerId === e.pointerId) gesture.current = null
    }
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
    window.addEventListener('pointercancel', onUp)
    return () => {
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', onUp)
      window.removeEventListener('pointercancel', onUp)
    }
  }, [localPoint, setCamera])

  useEffect(() => {
    const el = containerRef.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      if (!(e.target instanceof HTMLCanvasElement)) return
      e.preventDefault()
      userMoved.current = true
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1
      const dx = e.deltaX * unit
      const dy = e.deltaY * unit
      const mouseWheel = e.deltaMode !== 0 || (dx === 0 && Math.abs(dy) >= 50 && Number.isInteger(dy))
      if (e.ctrlKey || e.metaKey || (mouseWheel && !e.shiftKey)) {
        setCamera(zoomAt(cameraRef.current, localPoint(e), Math.exp(-dy * (e.ctrlKey && !mouseWheel ? 0.01 : 0.0015))))
      } else {
        const cam = cameraRef.current
        setCamera({ ...cam, x: cam.x - dx, y: cam.y - dy })
      }
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [cameraRef, containerRef, localPoint, setCamera])

  const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    if (!(e.target instanceof HTMLCanvasElement)) return
    const point = localPoint(e)
    if (onCard(point)) return
    onDoubleClickBoard?.(screenToBoard(cameraRef.current, point))
  }

  return (
    <div className="sm-stage" data-testid={testId}>
      <div
        ref={containerRef}
        className="sm-stage__canvas"
        role="img"
        aria-label={label}
        onPointerDown={onPointerDown}
        onDoubleClick={onDoubleClick}
        onPointerMove={(e) => onPointerBoard?.(screenToBoard(cameraRef.current, localPoint(e)))}
        onPointerLeave={() => onPointerBoard?.(null)}
      >
        {size.w > 0 && size.h > 0 && (
          <Stage ref={stageRef} width={size.w} height={size.h} x={camera.x} y={camera.y} scaleX={camera.scale} scaleY={camera.scale}>
            {children(camera)}
          </Stage>
        )}
      </div>
      <div className="sm-zoom" role="group" aria-label={t('toolbar.fit')}>
        <button type="button" className="sm-button sm-button--icon" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-label={t('toolbar.zoomOut')} title={t('toolbar.zoomOut')}>
          −
        </button>
        <span className="sm-zoom__value" aria-live="polite">
          {Math.round(camera.scale * 100)} %
        </span>
        <button type="button" className="sm-button sm-button--icon" onClick={() => zoomBy(ZOOM_STEP)} aria-label={t('toolbar.zoomIn')} title={t('toolbar.zoomIn')}>
          +
        </button>
        <button type="button" className="sm-button" onClick={fit}>
          {t('toolbar.fit')}
        </button>
      </div>
    </div>
  )
}

function useElementSize(ref: RefObject<HTMLElement | null>): { w: number; h: number } {
  const [size, setSize] = useState({ w: 0, h: 0 })
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const read = () => setSize((s) => (s.w === el.clientWidth && s.h === el.clientHeight ? s : { w: el.clientWidth, h: el.clientHeight }))
    read()
    const observer = new ResizeObserver(read)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return size
}
