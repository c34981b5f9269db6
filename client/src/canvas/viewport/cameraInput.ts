import { zoomAt, type Camera, type Point } from '../../../../shared/logic/geometry'

// How pointer and wheel input moves a camera: the same on the free canvas and the stakeholder map.
// Points are container pixels (what the person sees); pure, so tests need no browser.

export interface Size {
  w: number
  h: number
}

/** A wheel event as the camera needs it (DOM `WheelEvent` fields). */
export interface WheelInput {
  point: Point
  deltaX: number
  deltaY: number
  /** 0 pixels, 1 lines, 2 pages. */
  deltaMode: number
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}

/** Two taps count as a double tap within this time… */
export const DOUBLE_TAP_MS = 350
/** …and this distance on screen. */
export const DOUBLE_TAP_SLOP = 24

/**
 * Pinch on a trackpad (ctrl, as browsers report it) and mouse wheels zoom at the pointer;
 * two-finger trackpad scrolls pan, shift turns a vertical scroll sideways.
 */
export function wheelCamera(camera: Camera, wheel: WheelInput): Camera {
  const unit = wheel.deltaMode === 1 ? 16 : wheel.deltaMode === 2 ? 400 : 1
  const dx = wheel.deltaX * unit
  const dy = wheel.deltaY * unit
  // Trackpads scroll in small fractional pixel steps; a mouse wheel in whole notches.
  const looksLikeMouseWheel = wheel.deltaMode !== 0 || (dx === 0 && Math.abs(dy) >= 50 && Number.isInteger(dy))
  if (wheel.ctrlKey || wheel.metaKey || (looksLikeMouseWheel && !wheel.shiftKey)) {
    return zoomAt(camera, wheel.point, Math.exp(-dy * (wheel.ctrlKey && !looksLikeMouseWheel ? 0.01 : 0.0015)))
  }
  const [px, py] = wheel.shiftKey && dx === 0 ? [dy, 0] : [dx, dy]
  return { ...camera, x: camera.x - px, y: camera.y - py }
}

/** The camera of a drag that started at `from` with `start` and is now at `to`. */
export function panCamera(start: Camera, from: Point, to: Point): Camera {
  return { ...start, x: start.x + to.x - from.x, y: start.y + to.y - from.y }
}

/** Where two fingers started a pinch, and the camera then. */
export interface PinchStart {
  startDistance: number
  startMid: Point
  camera: Camera
}

export function pinchStart(a: Point, b: Point, camera: Camera): PinchStart {
  return { startDistance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), startMid: midpoint(a, b), camera }
}

/** Zoom by how far the fingers spread, about where they started; pan by how far their middle moved. */
export function pinchCamera(pinch: PinchStart, a: Point, b: Point): Camera {
  const mid = midpoint(a, b)
  const zoomed = zoomAt(pinch.camera, pinch.startMid, Math.hypot(a.x - b.x, a.y - b.y) / pinch.startDistance)
  return { ...zoomed, x: zoomed.x + mid.x - pinch.startMid.x, y: zoomed.y + mid.y - pinch.startMid.y }
}

export function isDoubleTap(last: { point: Point; time: number } | null, point: Point, time: number): boolean {
  return last !== null && time - last.time < DOUBLE_TAP_MS && Math.hypot(point.x - last.point.x, point.y - last.point.y) < DOUBLE_TAP_SLOP
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
}
