import { STROKE_MAX_POINTS } from '../schema/records/stroke'
import type { Rect } from './geometry'

/** Mouse events carry no pressure; a constant mid value draws an even line. */
export const MOUSE_PRESSURE = 0.5

/** Pressure to store for a pointer sample: browsers report 0 for some pens at rest and for mice. */
export function samplePressure(pointerType: string, pressure: number): number {
  if (pointerType === 'mouse' || !Number.isFinite(pressure) || pressure <= 0) return MOUSE_PRESSURE
  return Math.min(1, pressure)
}

/** Squared distance from p to the segment a–b. */
function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const lenSq = dx * dx + dy * dy
  let t = lenSq === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lenSq
  t = Math.max(0, Math.min(1, t))
  const x = ax + t * dx - px
  const y = ay + t * dy - py
  return x * x + y * y
}

/**
 * Ramer–Douglas–Peucker on flat [x, y, p, …] triples: drops samples closer than `tolerance` board
 * pixels to the simplified line. Pressure rides along with the kept samples.
 */
export function simplifyPoints(points: readonly number[], tolerance: number): number[] {
  const n = Math.floor(points.length / 3)
  if (n <= 2) return points.slice(0, n * 3)
  const keep = new Uint8Array(n)
  keep[0] = 1
  keep[n - 1] = 1
  const tolSq = tolerance * tolerance
  const stack: [number, number][] = [[0, n - 1]]
  while (stack.length > 0) {
    const [first, last] = stack.pop()!
    let maxSq = -1
    let index = -1
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistanceSq(points[i * 3]!, points[i * 3 + 1]!, points[first * 3]!, points[first * 3 + 1]!, points[last * 3]!, points[last * 3 + 1]!)
      if (d > maxSq) {
        maxSq = d
        index = i
      }
    }
    if (index !== -1 && maxSq > tolSq) {
      keep[index] = 1
      stack.push([first, index], [index, last])
    }
  }
  const out: number[] = []
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[i * 3]!, points[i * 3 + 1]!, points[i * 3 + 2]!)
  return out
}

export interface PlannedStroke {
  x: number
  y: number
  /** Relative to (x, y), rounded: one decimal for positions, two for pressure. */
  points: number[]
}

/**
 * Turns the samples of one pen gesture (absolute board coordinates) into what a stroke record
 * stores: simplified (tolerance grows as the person zooms out, since detail is invisible), never
 * more than the schema's limit, positions relative to the first sample's rounded position.
 */
export function planStroke(samples: readonly number[], tolerance = 0.75): PlannedStroke | null {
  const usable = samples.length - (samples.length % 3)
  if (usable < 3 || !samples.slice(0, usable).every(Number.isFinite)) return null
  let simplified = simplifyPoints(samples.slice(0, usable), tolerance)
  let tol = tolerance
  while (simplified.length / 3 > STROKE_MAX_POINTS) {
    tol *= 2
    simplified = simplifyPoints(simplified, tol)
  }
  const x = Math.round(simplified[0]!)
  const y = Math.round(simplified[1]!)
  const points: number[] = []
  for (let i = 0; i < simplified.length; i += 3) {
    points.push(Math.round((simplified[i]! - x) * 10) / 10, Math.round((simplified[i + 1]! - y) * 10) / 10, Math.round(simplified[i + 2]! * 100) / 100)
  }
  return { x, y, points }
}

/** Board-space bounds of a stroke, grown by its pen size. */
export function strokeBounds(stroke: { x: number; y: number; points: readonly number[]; size: number }): Rect {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i + 1 < stroke.points.length; i += 3) {
    const px = stroke.points[i]!
    const py = stroke.points[i + 1]!
    if (px < minX) minX = px
    if (px > maxX) maxX = px
    if (py < minY) minY = py
    if (py > maxY) maxY = py
  }
  if (minX === Infinity) return { x: stroke.x, y: stroke.y, w: 0, h: 0 }
  const pad = stroke.size / 2
  return { x: stroke.x + minX - pad, y: stroke.y + minY - pad, w: maxX - minX + pad * 2, h: maxY - minY + pad * 2 }
}
