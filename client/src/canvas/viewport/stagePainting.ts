import type Konva from 'konva'
import { screenToBoard, type Camera, type Point } from '../../../../shared/logic/geometry'
import type { Size } from './cameraInput'

// Putting a camera on a Konva stage without React. The stage may reach `overscan` beyond the view
// on every side (it starts that far left of and above the container), and between two redraws the
// last drawn picture may be shown moved by a CSS transform (previewStage).

const GRID_STEP = 24

/** How far the stage reaches beyond the view on each side: `ratio` of the view's size. */
export function overscanOf(size: Size, ratio: number): Point {
  return { x: Math.round(size.w * ratio), y: Math.round(size.h * ratio) }
}

/**
 * A container point (what the person sees, with `shown`) in the stage's coordinates (what was
 * drawn with `drawn`): Konva's hit tests work in the latter.
 */
export function stagePoint(point: Point, shown: Camera, drawn: Camera | null, overscan: Point): Point {
  if (!drawn || drawn === shown) return { x: point.x + overscan.x, y: point.y + overscan.y }
  const board = screenToBoard(shown, point)
  return { x: board.x * drawn.scale + drawn.x + overscan.x, y: board.y * drawn.scale + drawn.y + overscan.y }
}

/** Applies a camera to the Konva stage and redraws it, without React. */
export function paintStage(stage: Konva.Stage | null, camera: Camera, overscan: Point): void {
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
export function previewStage(stage: Konva.Stage | null, drawn: Camera, shown: Camera, overscan: Point): void {
  if (!stage) return
  const k = shown.scale / drawn.scale
  const tx = shown.x - drawn.x * k
  const ty = shown.y - drawn.y * k
  const style = stage.content.style
  style.transformOrigin = `${overscan.x}px ${overscan.y}px`
  style.transform = `translate(${tx}px, ${ty}px) scale(${k})`
}

/** Moves the CSS dot grid (the container's background) with the camera. */
export function paintGrid(container: HTMLElement | null, camera: Camera): void {
  if (!container) return
  let step = GRID_STEP * camera.scale
  while (step < 12) step *= 2
  container.style.backgroundSize = `${step}px ${step}px`
  container.style.backgroundPosition = `${camera.x - step / 2}px ${camera.y - step / 2}px`
}

/**
 * Konva redraws a layer's hit graph with every scene redraw; for a layer of thousands of items
 * that is a second pass over them at each camera commit, most of them never pointed at before the
 * next commit. Given as a layer's ref, this draws the hit graph when it is first asked for
 * (pointer events and getIntersection read it), once per redraw at most.
 */
export function lazyHitGraph(layer: Konva.Layer | null): void {
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

/**
 * Each Konva layer is a canvas the size of the stage (2,160 × 1,350 pixels for a 1,440 × 900
 * view with its overscan), and a camera redraw clears and redraws every layer, so Chromium hands
 * every one of them to the compositor again: most of the time the selection, draft and cursor
 * layers are empty, and that was three of the four canvases produced per redraw. Given as a
 * layer's ref with `hasContent`, the layer is cleared once when it empties and then neither drawn
 * nor shown until it has content again.
 */
export function skipBlankDraws(layer: Konva.Layer | null, hasContent: (layer: Konva.Layer) => boolean): void {
  if (!layer || blankSkipping.has(layer)) return
  blankSkipping.add(layer)
  const drawScene = layer.drawScene.bind(layer)
  let blank = false
  layer.drawScene = ((...args: Parameters<Konva.Layer['drawScene']>) => {
    // With a canvas given (export, caching) Konva wants it drawn now.
    if (args.length > 0 && args[0]) return drawScene(...args)
    const style = layer.getCanvas()._canvas.style
    if (hasContent(layer)) {
      if (blank) style.visibility = ''
      blank = false
      return drawScene()
    }
    if (blank) return layer
    blank = true
    drawScene()
    style.visibility = 'hidden'
    return layer
  }) as Konva.Layer['drawScene']
}
const blankSkipping = new WeakSet<Konva.Layer>()
