import type { ConnectorEnd } from '../schema/records/connector'
import type { Point, Rect } from './geometry'

/** What an end needs to know about the item it is bound to. */
export interface EndTarget extends Rect {
  /** Ellipses get their edge point on the ellipse, everything else on the rectangle. */
  round?: boolean
}

/** Gap between an item's edge and the arrow's tip, in board pixels, so the head stays visible. */
export const CONNECTOR_GAP = 4

function centre(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 }
}

/**
 * Where a line from the centre of `target` towards `toward` leaves the target's outline, pushed
 * out by `gap`. When `toward` is the centre itself, the top centre is used.
 */
export function edgePoint(target: EndTarget, toward: Point, gap = CONNECTOR_GAP): Point {
  const c = centre(target)
  const dx = toward.x - c.x
  const dy = toward.y - c.y
  const len = Math.hypot(dx, dy)
  if (len < 1e-9) return { x: c.x, y: target.y - gap }
  const hw = target.w / 2
  const hh = target.h / 2
  let t: number
  if (target.round) {
    // Ray c + t(dx,dy) meets the ellipse (x/hw)² + (y/hh)² = 1.
    t = 1 / Math.sqrt((dx * dx) / (hw * hw || 1) + (dy * dy) / (hh * hh || 1))
  } else {
    const tx = dx === 0 ? Infinity : hw / Math.abs(dx)
    const ty = dy === 0 ? Infinity : hh / Math.abs(dy)
    t = Math.min(tx, ty)
  }
  const ux = dx / len
  const uy = dy / len
  return { x: c.x + dx * t + ux * gap, y: c.y + dy * t + uy * gap }
}

export function isBound(end: ConnectorEnd): end is { itemId: string } {
  return 'itemId' in end
}

/**
 * The two points to draw for a connector, or null when a bound item is gone (someone deleted it)
 * or the ends coincide. A bound end sits on its item's edge, aimed at the other end's centre
 * (or point), so the arrow follows the item wherever it moves.
 */
export function resolveConnector(
  from: ConnectorEnd,
  to: ConnectorEnd,
  lookup: (itemId: string) => EndTarget | undefined,
): { from: Point; to: Point } | null {
  const a = isBound(from) ? lookup(from.itemId) : undefined
  const b = isBound(to) ? lookup(to.itemId) : undefined
  if ((isBound(from) && !a) || (isBound(to) && !b)) return null
  const aim = (end: ConnectorEnd, target: EndTarget | undefined): Point => (target ? centre(target) : (end as Point))
  const fromAim = aim(from, a)
  const toAim = aim(to, b)
  const p1 = a ? edgePoint(a, toAim) : { x: (from as Point).x, y: (from as Point).y }
  const p2 = b ? edgePoint(b, fromAim) : { x: (to as Point).x, y: (to as Point).y }
  if (Math.hypot(p2.x - p1.x, p2.y - p1.y) < 1) return null
  return { from: p1, to: p2 }
}

/** The end to store where a drag starts or stops: bound to the item under the pointer, else free. */
export function endAt(point: Point, itemId: string | null): ConnectorEnd {
  return itemId ? { itemId } : { x: Math.round(point.x), y: Math.round(point.y) }
}

/** Whether a drawn arrow is long enough to keep (a click with the arrow tool is not an arrow). */
export function isConnectorWorthKeeping(from: ConnectorEnd, to: ConnectorEnd, fromPoint: Point, toPoint: Point): boolean {
  if (isBound(from) && isBound(to)) return from.itemId !== to.itemId
  return Math.hypot(toPoint.x - fromPoint.x, toPoint.y - fromPoint.y) >= 8
}
