import type Konva from 'konva'
import { createRef, useEffect, useLayoutEffect, useState, type RefObject } from 'react'
import { screenToBoard, type Camera, type Point } from '../../../../shared/logic/geometry'
import { useStoreSlice, type Store } from '../../lib/createStore'
import type { Size } from './cameraInput'
import { overscanOf, paintGrid, paintStage, previewStage, stagePoint } from './stagePainting'

/** The part of a view's canvasStore store the viewport owns. */
export interface ViewportState {
  /** What the screen shows now: moves with every pointer event of a pan, pinch or wheel. Handlers read this. */
  camera: Camera
  /** What React last rendered with (culling, overlays, zoom label): `camera` at most every `commitMs`. */
  committedCamera: Camera
  /** The container in CSS pixels; 0 × 0 until it is laid out. */
  size: Size
}

export interface ViewportOptions {
  /** Share of the view the stage reaches beyond it on every side, so a pan between redraws shows drawn items. */
  overscan: number
  /**
   * During a gesture, show the last drawn picture moved by a CSS transform and redraw only at a
   * commit (thousands of items: a frame then costs the same at 10 or 5,000), or redraw every move
   * (tens of cards).
   */
  preview: boolean
  /** How often React catches up with the camera during a gesture. */
  commitMs: number
  /**
   * For gestures without an end (wheel notches, trackpad pinch): React catches up only once the
   * camera has been still this long; meanwhile the stage is redrawn every `commitMs` with what is
   * mounted (the canvas draws the rest in its coarse pass). 0: commit every `commitMs` as above.
   */
  settleMs: number
  /** Move the container's CSS dot grid with the camera. */
  dotGrid: boolean
}

export interface Viewport {
  readonly containerRef: RefObject<HTMLDivElement | null>
  readonly stageRef: RefObject<Konva.Stage | null>
  /**
   * Shows `next` at once (no React render) and commits it to React now, within `commitMs`
   * ('throttled'), or once the camera has been still for `settleMs` ('settled').
   */
  moveCamera(next: Camera, commit?: CameraCommit): void
  /** Redraws the stage with the shown camera (after a resize). */
  redraw(): void
  /** Where a container point is on the stage as drawn (for Konva hit tests). */
  toStagePoint(point: Point): Point
  /** A pointer event's position in container pixels. */
  localPoint(event: { clientX: number; clientY: number }): Point
  /** A container point on the board, with the camera on screen. */
  toBoard(point: Point): Point
  overscan(): Point
  dispose(): void
}

export type CameraCommit = 'now' | 'throttled' | 'settled'

export const initialViewport: ViewportState = { camera: { x: 0, y: 0, scale: 1 }, committedCamera: { x: 0, y: 0, scale: 1 }, size: { w: 0, h: 0 } }

/**
 * The camera of one Konva view (the free canvas, the stakeholder map and grid): moving it paints
 * the stage directly and React follows at most every `commitMs`, so a pan or pinch renders no
 * React component per frame.
 */
export function createViewport<S extends ViewportState>(store: Store<S>, options: ViewportOptions): Viewport {
  const canvasStore = store as unknown as Store<ViewportState>
  const containerRef = createRef<HTMLDivElement>()
  const stageRef = createRef<Konva.Stage>()
  /** The camera the stage was last drawn with; a CSS transform maps that picture to the shown camera. */
  let drawn: Camera | null = null
  let commitTimer: number | null = null
  /** A stage-only redraw during a 'settled' gesture. */
  let redrawTimer: number | null = null
  const overscan = () => overscanOf(canvasStore.getState().size, options.overscan)

  const draw = (camera: Camera) => {
    drawn = camera
    paintStage(stageRef.current, camera, overscan())
    if (options.dotGrid) paintGrid(containerRef.current, camera)
  }
  const cancelRedraw = () => {
    if (redrawTimer !== null) window.clearTimeout(redrawTimer)
    redrawTimer = null
  }
  const cancelCommit = () => {
    if (commitTimer !== null) window.clearTimeout(commitTimer)
    commitTimer = null
    cancelRedraw()
  }
  const commitShown = () => {
    commitTimer = null
    cancelRedraw()
    const shown = canvasStore.getState().camera
    draw(shown)
    canvasStore.setState({ committedCamera: shown })
  }

  return {
    containerRef,
    stageRef,
    moveCamera(next, commit = 'now') {
      canvasStore.setState({ camera: next })
      if (commit === 'now') {
        cancelCommit()
        draw(next)
        canvasStore.setState({ committedCamera: next })
        return
      }
      if (options.preview && drawn) {
        previewStage(stageRef.current, drawn, next, overscan())
        if (options.dotGrid) paintGrid(containerRef.current, next)
      } else {
        draw(next)
      }
      if (commit === 'settled' && options.settleMs > 0) {
        // Re-rendering culled nodes at every commit of a long wheel gesture costs a frame each
        // time; the picture is redrawn as it is instead, and React follows once, at rest.
        if (commitTimer !== null) window.clearTimeout(commitTimer)
        commitTimer = window.setTimeout(commitShown, options.settleMs)
        if (options.preview) {
          redrawTimer ??= window.setTimeout(() => {
            redrawTimer = null
            draw(canvasStore.getState().camera)
          }, options.commitMs)
        }
        return
      }
      commitTimer ??= window.setTimeout(commitShown, options.commitMs)
    },
    redraw: () => draw(canvasStore.getState().camera),
    toStagePoint: (point) => stagePoint(point, canvasStore.getState().camera, drawn, overscan()),
    localPoint(event) {
      const box = containerRef.current?.getBoundingClientRect()
      return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) }
    },
    toBoard: (point) => screenToBoard(canvasStore.getState().camera, point),
    overscan,
    dispose: cancelCommit,
  }
}

/** A viewport for the lifetime of the component, with its container's size kept in the canvasStore store. */
export function useViewport<S extends ViewportState>(store: Store<S>, options: ViewportOptions): Viewport {
  const [viewport] = useState(() => createViewport(store, options))
  const size = useStoreSlice(store, (s) => s.size)
  useLayoutEffect(() => {
    const el = viewport.containerRef.current
    if (!el) return
    const canvasStore = store as unknown as Store<ViewportState>
    const update = () => {
      const w = Math.round(el.clientWidth)
      const h = Math.round(el.clientHeight)
      const current = canvasStore.getState().size
      if (current.w !== w || current.h !== h) canvasStore.setState({ size: { w, h } })
    }
    update()
    const observer = new ResizeObserver(update)
    observer.observe(el)
    return () => observer.disconnect()
  }, [store, viewport])
  // A new size is a new stage (and overscan): draw it with the camera on screen.
  useLayoutEffect(() => viewport.redraw(), [viewport, size.w, size.h])
  useEffect(() => viewport.dispose, [viewport])
  return viewport
}
