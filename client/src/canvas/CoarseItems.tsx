import type Konva from 'konva'
import { useCallback, useEffect, useRef } from 'react'
import { flushSync } from 'react-dom'
import { Shape } from 'react-konva'
import type { Rect } from '../../../shared/logic/geometry'
import type { TagFilter } from '../../../shared/logic/tags'
import type { CanvasStore } from './canvasState'
import { coarseItemAt, drawCoarseHits, drawCoarseItems, type DotsOf } from './coarseDrawing'
import type { ItemHandlers } from './itemHandlers'
import type { ItemIndex } from './itemIndex'

interface CoarseItemsProps {
  index: ItemIndex
  canvasStore: CanvasStore
  handlers: ItemHandlers
  nodes: ReadonlyMap<string, Konva.Group>
  filter: TagFilter
  dots: DotsOf | null
  /** Zoomed out: this shape draws the board. Otherwise it only fills in, during a wheel gesture, what is not mounted yet. */
  coarse: boolean
  /** The mounted items this shape's part of the stacking order lies between (null: the bottom, the top). */
  after: string | null
  before: string | null
}

/** How far a press may move and still be a click (a vote), in screen pixels. */
const CLICK_SLOP = 5
/** How long after a press its double click may come. */
const DOUBLE_CLICK_MS = 600

/** Items the coarse shapes drew at their last redraw, for the test hook and the benchmark. */
export const coarseStats = {
  drawnBy: new Map<Konva.Shape, number>(),
  get drawn(): number {
    let total = 0
    for (const n of this.drawnBy.values()) total += n
    return total
  },
}

/**
 * Zoomed out, every note, text, shape and pen stroke of the board in ONE Konva shape that draws
 * them bottom to top from the item index (coarseDrawing.ts): a redraw at a camera commit costs one
 * pass over plain rects instead of thousands of Konva nodes, and zooming out mounts nothing.
 *
 * A press on an item selects it exactly as a press on its node would (the selected item becomes a
 * Konva node at once, drawn over this shape, so it gets the resize frame) and starts Konva's drag
 * on that node, so pressing and dragging moves it in one gesture. A click without moving is an
 * activation (a dot while voting); a double click edits.
 */
export function CoarseItems({ index, canvasStore, handlers, nodes, filter, dots, coarse, after, before }: CoarseItemsProps) {
  const shapeRef = useRef<Konva.Shape>(null)

  // Zoomed out, any change to the board's items (a remote move, an undo) redraws the layer once
  // per frame. At full zoom the changed item's node redraws itself; this shape only fills in.
  useEffect(() => (coarse ? index.onChange(() => shapeRef.current?.getLayer()?.batchDraw()) : undefined), [index, coarse])
  useEffect(() => {
    const shape = shapeRef.current
    return () => {
      if (shape) coarseStats.drawnBy.delete(shape)
    }
  }, [])

  /** This shape's items near `area`, bottom to top: those strictly between `after` and `before`. */
  const entriesOf = useCallback(
    (area: Rect, all = coarse) => {
      const from = after === null ? -1 : (index.get(after)?.order ?? -1)
      const to = before === null ? Infinity : (index.get(before)?.order ?? Infinity)
      // Zoomed out most of the board is in reach: a slice of the stacking order beats a search.
      if (all) return index.ordered().slice(from + 1, to)
      return index.search(area).filter((e) => e.order > from && e.order < to)
    },
    [index, coarse, after, before],
  )

  const sceneFunc = useCallback(
    (context: Konva.Context, shape: Konva.Shape) => {
      const scene = sceneOf(shape, canvasStore)
      if (!scene) return
      coarseStats.drawnBy.set(shape, drawCoarseItems(context._context, entriesOf(scene.area), { ...scene, filter, dots }))
    },
    [entriesOf, canvasStore, filter, dots],
  )
  const hitFunc = useCallback(
    (context: Konva.Context, shape: Konva.Shape) => {
      const scene = sceneOf(shape, canvasStore)
      if (scene) drawCoarseHits(context._context, entriesOf(scene.area), scene, shape.colorKey)
    },
    [entriesOf, canvasStore],
  )

  const pick = useCallback(
    (shape: Konva.Shape) => {
      const point = shape.getRelativePointerPosition()
      const scale = shape.getAbsoluteScale().x
      if (!point || !(scale > 0)) return null
      const mounted = mountedSet(canvasStore.getState().rendered)
      return coarseItemAt(entriesOf({ x: point.x, y: point.y, w: 0, h: 0 }, false), point, scale, mounted)?.id ?? null
    },
    [canvasStore, entriesOf],
  )

  const onPointerDown = useCallback(
    (event: Konva.KonvaEventObject<PointerEvent>) => {
      const shape = shapeRef.current
      const id = shape && pick(shape)
      if (!id) return
      event.cancelBubble = true
      const { clientX, clientY } = event.evt
      // The selection mounts the item as a node now, so Konva can drag that node from this press.
      const layer = shape.getLayer()
      flushSync(() => handlers.pointerDown(id, event))
      // The hit graph still shows the item as part of this shape (which may be gone now, split
      // around the new node): the board's own press handler, next, must find the node there.
      layer?.drawHit()
      const node = nodes.get(id)
      if (node && handlers.editable && node.draggable() && (event.evt.button === 0 || event.evt.pointerType !== 'mouse')) {
        startDragFrom(node, event)
      }
      const up = (e: PointerEvent) => {
        if (e.pointerId !== event.evt.pointerId) return
        window.removeEventListener('pointerup', up, true)
        if (Math.hypot(e.clientX - clientX, e.clientY - clientY) <= CLICK_SLOP) handlers.activate(id)
      }
      window.addEventListener('pointerup', up, true)
      // The second click of a double click lands on the node this press mounted, which Konva does
      // not count as the same target: the browser's own dblclick says it. It is marked taken, so
      // the board's double click on empty space (a new note) does not also act on it when the hit
      // graph has not been redrawn with the new node yet (a busy machine, two quick clicks).
      const dbl = (e: MouseEvent) => {
        e.preventDefault()
        handlers.edit(id)
      }
      window.addEventListener('dblclick', dbl, { capture: true, once: true })
      window.setTimeout(() => window.removeEventListener('dblclick', dbl, true), DOUBLE_CLICK_MS)
    },
    [pick, handlers, nodes],
  )

  const onDblClick = useCallback(() => {
    const shape = shapeRef.current
    const id = shape && pick(shape)
    if (id) handlers.edit(id)
  }, [pick, handlers])

  return <Shape ref={shapeRef} name="coarse-items" sceneFunc={sceneFunc} hitFunc={hitFunc} onPointerDown={onPointerDown} onDblClick={onDblClick} onDblTap={onDblClick} perfectDrawEnabled={false} />
}

/** The board area the stage shows (with its overscan), the camera's scale, and what is mounted. */
function sceneOf(shape: Konva.Shape, canvasStore: CanvasStore): { area: Rect; scale: number; mounted: ReadonlySet<string> } | null {
  const stage = shape.getStage()
  if (!stage) return null
  const toBoard = shape.getAbsoluteTransform().copy().invert()
  const a = toBoard.point({ x: 0, y: 0 })
  const b = toBoard.point({ x: stage.width(), y: stage.height() })
  const area = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) }
  return { area, scale: shape.getAbsoluteScale().x, mounted: mountedSet(canvasStore.getState().rendered) }
}

const mountedSets = new WeakMap<readonly string[], ReadonlySet<string>>()

/** The mounted ids as a set, made once per culling result (every coarse shape asks at every redraw). */
function mountedSet(rendered: readonly string[]): ReadonlySet<string> {
  let set = mountedSets.get(rendered)
  if (!set) {
    set = new Set(rendered)
    mountedSets.set(rendered, set)
  }
  return set
}

/**
 * Konva starts a node's drag from a press on that node; this press landed on the coarse shape
 * before the node existed. It is handed over as Konva would do it: once the pointer has moved
 * past the node's drag distance, the node is put where the press would have taken it so far and
 * its drag starts (Konva's public `startDrag`), keeping the grip where the press took it.
 */
function startDragFrom(node: Konva.Group, event: Konva.KonvaEventObject<PointerEvent>): void {
  const stage = node.getStage()
  const pressed = stage?.getPointerPosition()
  if (!stage || !pressed || node.isDragging()) return
  const start = node.getAbsolutePosition()
  const { pointerId } = event.evt
  const stop = () => {
    window.removeEventListener('pointermove', move)
    window.removeEventListener('pointerup', stop, true)
    window.removeEventListener('pointercancel', stop, true)
  }
  const move = (e: PointerEvent) => {
    if (e.pointerId !== pointerId || !node.getStage()) return
    stage.setPointersPositions(e)
    const at = stage.getPointerPosition()
    if (!at || Math.max(Math.abs(at.x - pressed.x), Math.abs(at.y - pressed.y)) < node.dragDistance()) return
    stop()
    node.setAbsolutePosition({ x: start.x + at.x - pressed.x, y: start.y + at.y - pressed.y })
    node.startDrag({ evt: e })
  }
  window.addEventListener('pointermove', move)
  window.addEventListener('pointerup', stop, true)
  window.addEventListener('pointercancel', stop, true)
}
