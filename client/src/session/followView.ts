import { clampScale, type Camera } from '../../../shared/logic/geometry'
import type { CameraView } from '../../../shared/schema/records/session'

/**
 * How a canvas camera is shared with followers (presence `view`) and in "bring everyone here"
 * (`summon.view`): `x`, `y` are the board point at the centre of the screen and `scale` is the zoom
 * as if the screen's shorter side were FOLLOW_REFERENCE_PX long. A projector and a laptop then
 * show the same part of the board, and a phone the same height of it, instead of the same number
 * of pixels from the top-left corner.
 */
export const FOLLOW_REFERENCE_PX = 1000

interface Size {
  w: number
  h: number
}

export function viewOfCamera(camera: Camera, size: Size): CameraView {
  const short = Math.max(1, Math.min(size.w, size.h))
  return {
    // Whole board units and four significant digits of zoom: small jitter does not go out to everyone.
    x: Math.round((size.w / 2 - camera.x) / camera.scale),
    y: Math.round((size.h / 2 - camera.y) / camera.scale),
    scale: Number(((camera.scale * FOLLOW_REFERENCE_PX) / short).toPrecision(4)),
  }
}

export function cameraForView(view: CameraView, size: Size): Camera {
  const short = Math.max(1, Math.min(size.w, size.h))
  const scale = clampScale((view.scale * short) / FOLLOW_REFERENCE_PX)
  return { x: size.w / 2 - view.x * scale, y: size.h / 2 - view.y * scale, scale }
}
