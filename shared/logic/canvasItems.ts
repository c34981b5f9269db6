import type { ConnectorEnd } from '../schema/records/connector'
import type { ItemRecord } from '../schema/schema'
import type { EndTarget } from './connectors'
import { isBound } from './connectors'
import { boundsOf, type Point, type Rect } from './geometry'
import type { DocumentPlan } from './plan'
import { strokeBounds } from './strokes'

/** Kinds the free canvas draws; anything else on a board is skipped defensively. */
export const canvasKinds = ['note', 'text', 'shape', 'connector', 'stroke', 'image'] as const
export type CanvasKind = (typeof canvasKinds)[number]
export type CanvasItem = Extract<ItemRecord, { kind: CanvasKind }>

export function isCanvasItem(item: ItemRecord | undefined): item is CanvasItem {
  return item !== undefined && (canvasKinds as readonly string[]).includes(item.kind)
}

/** Kinds that carry SDG and dimension tags on the canvas. */
export function isTaggable(item: ItemRecord | undefined): item is Extract<ItemRecord, { kind: 'note' | 'text' | 'shape' }> {
  return item !== undefined && (item.kind === 'note' || item.kind === 'text' || item.kind === 'shape')
}

export const TEXT_LINE_HEIGHT = 1.25

/**
 * Height of free text: the record stores only its width, the height follows the text. Estimated
 * from an average glyph width of 0.55 em, the same on every client, so arrows meet the same edge.
 */
export function textHeight(text: string, w: number, fontSize: number): number {
  const perLine = Math.max(1, Math.floor(w / (fontSize * 0.55)))
  let lines = 0
  for (const line of (text || ' ').split('\n')) lines += Math.max(1, Math.ceil(line.length / perLine))
  return Math.ceil(lines * fontSize * TEXT_LINE_HEIGHT)
}

/**
 * The board rect an item covers (culling, marquee, fit, arrow ends). Connectors depend on other
 * items: pass `lookup` to get their bounds; without it they have none.
 */
export function itemRect(item: CanvasItem, lookup?: (id: string) => CanvasItem | undefined): Rect | null {
  switch (item.kind) {
    case 'note':
    case 'shape':
    case 'image':
      return { x: item.x, y: item.y, w: item.w, h: item.h }
    case 'text':
      return { x: item.x, y: item.y, w: item.w, h: textHeight(item.text, item.w, item.fontSize) }
    case 'stroke':
      return strokeBounds(item)
    case 'connector': {
      if (!lookup) return null
      const a = endPoint(item.from, lookup)
      const b = endPoint(item.to, lookup)
      if (!a || !b) return null
      return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x) + 1, h: Math.abs(a.y - b.y) + 1 }
    }
    default:
      return assertNever(item)
  }
}

/** Rough centre of an end (its item's centre when bound), enough for bounds. */
function endPoint(end: ConnectorEnd, lookup: (id: string) => CanvasItem | undefined): Point | null {
  if (!isBound(end)) return end
  const target = lookup(end.itemId)
  const r = target && target.kind !== 'connector' ? itemRect(target) : null
  return r ? { x: r.x + r.w / 2, y: r.y + r.h / 2 } : null
}

/** What an arrow end bound to this item aims at: its rect, round for ellipses. */
export function endTargetOf(item: CanvasItem | undefined): EndTarget | undefined {
  if (!item || item.kind === 'connector') return undefined
  const r = itemRect(item)
  if (!r) return undefined
  return item.kind === 'shape' && item.shape === 'ellipse' ? { ...r, round: true } : r
}

/** Items an arrow can bind to. */
export function canBindTo(item: CanvasItem | undefined): boolean {
  return item !== undefined && item.kind !== 'connector' && item.kind !== 'stroke'
}

/**
 * Moving a selection: positioned items shift by the delta; a selected arrow shifts only its free
 * ends (bound ends follow their items anyway). One plan, so one undo step.
 */
export function planMoveItems(items: readonly CanvasItem[], ids: ReadonlySet<string>, dx: number, dy: number): DocumentPlan {
  if (!Number.isFinite(dx) || !Number.isFinite(dy) || (dx === 0 && dy === 0)) return {}
  const updateItems: NonNullable<DocumentPlan['updateItems']> = []
  for (const item of items) {
    if (!ids.has(item.id)) continue
    if (item.kind === 'connector') {
      const shift = (end: ConnectorEnd): ConnectorEnd => (isBound(end) ? end : { x: end.x + dx, y: end.y + dy })
      if (isBound(item.from) && isBound(item.to)) continue
      updateItems.push({ id: item.id, patch: { from: shift(item.from), to: shift(item.to) } })
    } else {
      updateItems.push({ id: item.id, patch: { x: item.x + dx, y: item.y + dy } })
    }
  }
  return updateItems.length > 0 ? { updateItems } : {}
}

/**
 * "Move" then a click (the pointer alternative to dragging): the selection's bounds are centred on
 * the board point clicked, every item keeping its place relative to the others. The same plan as a
 * drag of that distance, so arrows behave alike and it is one undo step.
 */
export function planPlaceItems(items: readonly CanvasItem[], ids: ReadonlySet<string>, at: Point): DocumentPlan {
  const lookup = (id: string) => items.find((i) => i.id === id)
  const bounds = boundsOf(items.flatMap((item) => (ids.has(item.id) ? (itemRect(item, lookup) ?? []) : [])))
  if (!bounds) return {}
  return planMoveItems(items, ids, Math.round(at.x - (bounds.x + bounds.w / 2)), Math.round(at.y - (bounds.y + bounds.h / 2)))
}

/** Which end of an arrow a dragged handle changes, and to what. */
export function planRebind(connectorId: string, which: 'from' | 'to', end: ConnectorEnd): DocumentPlan {
  return { updateItems: [{ id: connectorId, patch: { [which]: end } }] }
}

/**
 * Deleting items also deletes arrows bound to them: an arrow pointing at nothing is noise, and the
 * one undo step brings both back.
 */
export function planDeleteItems(items: readonly CanvasItem[], ids: ReadonlySet<string>): DocumentPlan {
  const doomed = new Set(ids)
  for (const item of items) {
    if (item.kind !== 'connector') continue
    const hit = (end: ConnectorEnd) => isBound(end) && ids.has(end.itemId)
    if (hit(item.from) || hit(item.to)) doomed.add(item.id)
  }
  return doomed.size > 0 ? { deleteItems: [...doomed] } : {}
}

/** Resizing from a transformer: the new rect clamped per kind; text keeps only its width. */
export function planResizeItem(
  item: CanvasItem,
  result: { x: number; y: number; scaleX: number; scaleY: number },
): Record<string, number> | null {
  const sx = Number.isFinite(result.scaleX) ? Math.abs(result.scaleX) : 1
  const sy = Number.isFinite(result.scaleY) ? Math.abs(result.scaleY) : 1
  const x = Number.isFinite(result.x) ? Math.round(result.x) : 0
  const y = Number.isFinite(result.y) ? Math.round(result.y) : 0
  const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(n)))
  switch (item.kind) {
    case 'note':
      return { x, y, w: clamp(item.w * sx, 40, 2000), h: clamp(item.h * sy, 40, 2000) }
    case 'shape':
      return { x, y, w: clamp(item.w * sx, 4, 10_000), h: clamp(item.h * sy, 4, 10_000) }
    case 'image':
      return { x, y, w: clamp(item.w * sx, 8, 10_000), h: clamp(item.h * sy, 8, 10_000) }
    case 'text':
      return { x, y, w: clamp(item.w * sx, 20, 4000) }
    case 'stroke':
    case 'connector':
      return null
    default:
      return assertNever(item)
  }
}

/** The topmost item whose rect contains the point (items in stacking order, bottom first). */
export function topmostItemAt(items: readonly { id: string; rect: Rect | null }[], point: Point): string | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const r = items[i]!.rect
    if (r && point.x >= r.x && point.x <= r.x + r.w && point.y >= r.y && point.y <= r.y + r.h) return items[i]!.id
  }
  return null
}

/** Size of a new photo on the board: natural aspect ratio, the long edge at most `maxEdge`. */
export function placedImageSize(naturalW: number, naturalH: number, maxEdge = 480): { w: number; h: number } {
  if (!(naturalW > 0) || !(naturalH > 0)) return { w: maxEdge, h: maxEdge }
  const scale = Math.min(1, maxEdge / Math.max(naturalW, naturalH))
  return { w: Math.max(8, Math.round(naturalW * scale)), h: Math.max(8, Math.round(naturalH * scale)) }
}

function assertNever(value: never): never {
  throw new Error(`unexpected item ${JSON.stringify(value)}`)
}
