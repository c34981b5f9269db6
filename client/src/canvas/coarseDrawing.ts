import type { CanvasItem } from '../../../shared/logic/canvasItems'
import type { Point, Rect } from '../../../shared/logic/geometry'
import { matchesTagFilter, type TagFilter } from '../../../shared/logic/tags'
import type { IndexEntry } from './itemIndex'
import { notePalette } from './notePalette'

// Zoomed out (below COARSE_BELOW_SCALE) every note, text, shape and pen stroke is one plain shape;
// drawing thousands of them as Konva nodes costs a scene-graph walk, a transform and a save/restore
// each. These functions draw them straight onto the layer's canvas in one pass, bottom to top, and
// find which one is under the pointer. Photos and arrows stay Konva nodes (CanvasStage.tsx).
// At full detail the same pass fills in, during a wheel gesture, what React has not mounted yet.

/** Kinds drawn by the coarse pass. */
export type CoarseKind = 'note' | 'text' | 'shape' | 'stroke'
export function isCoarseKind(kind: CanvasItem['kind']): kind is CoarseKind {
  return kind === 'note' || kind === 'text' || kind === 'shape' || kind === 'stroke'
}

/** Points of a coarse stroke: at most this many, drawn as one line. */
const COARSE_STROKE_POINTS = 24
/** Filtered-out items: dimmed, never hidden (the same share as the full-detail nodes). */
const DIMMED = 0.22
const MINE_FILL = '#1a5fb4'
const TOTAL_FILL = '#1f1f1d'
const IMAGE_PLACEHOLDER = '#d8d4cc'
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** Dots on a note while a vote is shown: this person's (-1: cannot vote) and everyone's (-1: hidden). */
export type DotsOf = (id: string) => { mine: number; total: number }

export interface CoarseScene {
  /** The board area drawn (the stage's reach), in board pixels. */
  area: Rect
  /** Board pixels per screen pixel inverted: the camera's scale. */
  scale: number
  /** Items that are Konva nodes now (selected, being edited): not drawn here. */
  mounted: ReadonlySet<string>
  filter: TagFilter
  dots: DotsOf | null
}

/** Draws the coarse items within `scene.area`, bottom to top; returns how many it drew. */
export function drawCoarseItems(ctx: CanvasRenderingContext2D, entries: readonly IndexEntry[], scene: CoarseScene): number {
  const { area, scale, mounted, filter, dots } = scene
  const right = area.x + area.w
  const bottom = area.y + area.h
  let drawn = 0
  let alpha = 1
  ctx.globalAlpha = 1
  for (const entry of entries) {
    if (entry.maxX < area.x || entry.minX > right || entry.maxY < area.y || entry.minY > bottom) continue
    const item = entry.item
    if (item.kind === 'connector' || mounted.has(entry.id)) continue
    const want = matchesTagFilter(item.kind === 'stroke' || item.kind === 'image' ? {} : item, filter) ? 1 : DIMMED
    if (want !== alpha) ctx.globalAlpha = alpha = want
    const { x, y, w, h } = entry.rect
    drawn++
    switch (item.kind) {
      case 'image':
        // Photos are nodes whenever they are in reach; one comes into view mid-gesture before
        // React mounts it: its place, until then.
        ctx.fillStyle = IMAGE_PLACEHOLDER
        ctx.fillRect(x, y, w, h)
        break
      case 'note': {
        ctx.fillStyle = notePalette[item.color].fill
        ctx.fillRect(x, y, w, h)
        const d = dots?.(entry.id)
        if (d && (d.mine > 0 || d.total > 0)) drawVoteMark(ctx, entry.rect, d.mine, d.total)
        break
      }
      case 'text':
        // Unreadable when zoomed out: a faint block where the text is.
        ctx.globalAlpha = alpha * 0.2
        ctx.fillStyle = item.color
        ctx.fillRect(x, y, w, h)
        ctx.globalAlpha = alpha
        break
      case 'shape':
        ctx.beginPath()
        if (item.shape === 'ellipse') ctx.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, 0, 0, Math.PI * 2)
        else ctx.rect(x, y, w, h)
        if (item.fill) {
          ctx.fillStyle = item.fill
          ctx.fill()
        }
        ctx.strokeStyle = item.stroke
        ctx.lineWidth = 2 / scale
        ctx.stroke()
        break
      case 'stroke': {
        const line = coarseLine(item.points)
        if (line.length < 4) break
        ctx.beginPath()
        ctx.moveTo(item.x + line[0]!, item.y + line[1]!)
        for (let i = 2; i < line.length; i += 2) ctx.lineTo(item.x + line[i]!, item.y + line[i + 1]!)
        ctx.strokeStyle = item.color
        ctx.lineWidth = item.size
        ctx.stroke()
        break
      }
    }
  }
  ctx.globalAlpha = 1
  return drawn
}

/** The same items in one colour on Konva's hit canvas: where a press lands on a coarse item. */
export function drawCoarseHits(ctx: CanvasRenderingContext2D, entries: readonly IndexEntry[], scene: Pick<CoarseScene, 'area' | 'scale' | 'mounted'>, color: string): void {
  const { area, scale, mounted } = scene
  const right = area.x + area.w
  const bottom = area.y + area.h
  ctx.fillStyle = color
  ctx.strokeStyle = color
  ctx.beginPath()
  const strokes: IndexEntry[] = []
  for (const entry of entries) {
    if (entry.maxX < area.x || entry.minX > right || entry.maxY < area.y || entry.minY > bottom) continue
    if (!isCoarseKind(entry.item.kind) || mounted.has(entry.id)) continue
    if (entry.item.kind === 'stroke') strokes.push(entry)
    else ctx.rect(entry.rect.x, entry.rect.y, entry.rect.w, entry.rect.h)
  }
  ctx.fill()
  for (const { item } of strokes) {
    if (item.kind !== 'stroke') continue
    const line = coarseLine(item.points)
    if (line.length < 4) continue
    ctx.beginPath()
    ctx.moveTo(item.x + line[0]!, item.y + line[1]!)
    for (let i = 2; i < line.length; i += 2) ctx.lineTo(item.x + line[i]!, item.y + line[i + 1]!)
    ctx.lineWidth = Math.max(item.size, 12 / scale)
    ctx.stroke()
  }
}

/**
 * The topmost coarse item at a board point (candidates bottom to top, as `ItemIndex.search`
 * gives them), or null. Strokes count within half their width, or six screen pixels.
 */
export function coarseItemAt(candidates: readonly IndexEntry[], point: Point, scale: number, mounted: ReadonlySet<string>): IndexEntry | null {
  for (let i = candidates.length - 1; i >= 0; i--) {
    const entry = candidates[i]!
    const item = entry.item
    if (!isCoarseKind(item.kind) || mounted.has(entry.id)) continue
    const { x, y, w, h } = entry.rect
    if (item.kind === 'stroke') {
      if (nearLine(coarseLine(item.points), point.x - item.x, point.y - item.y, Math.max(item.size / 2, 6 / scale))) return entry
      continue
    }
    if (item.kind === 'shape' && item.shape === 'ellipse') {
      const dx = (point.x - (x + w / 2)) / (w / 2)
      const dy = (point.y - (y + h / 2)) / (h / 2)
      if (dx * dx + dy * dy <= 1) return entry
      continue
    }
    if (point.x >= x && point.x <= x + w && point.y >= y && point.y <= y + h) return entry
  }
  return null
}

/** The disc a note gets zoomed out while it has dots: everyone's count (or this person's while hidden). */
function drawVoteMark(ctx: CanvasRenderingContext2D, rect: Rect, mine: number, total: number): void {
  const r = Math.min(rect.w, rect.h) * 0.2
  const cx = rect.x + rect.w - r * 1.2
  const cy = rect.y + rect.h - r * 1.2
  ctx.beginPath()
  ctx.arc(cx, cy, r, 0, Math.PI * 2)
  ctx.fillStyle = mine > 0 ? MINE_FILL : TOTAL_FILL
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.font = `bold ${r * 1.1}px ${FONT}`
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(String(total >= 0 ? total : mine), cx, cy)
}

const lines = new WeakMap<readonly number[], number[]>()

/** A pen stroke's samples ([x, y, pressure, …]) thinned to a few [x, y, …] points, ends kept. */
export function coarseLine(points: readonly number[]): number[] {
  const known = lines.get(points)
  if (known) return known
  const n = Math.floor(points.length / 3)
  const line: number[] = []
  if (n > 0) {
    const step = Math.max(1, Math.ceil(n / COARSE_STROKE_POINTS))
    for (let i = 0; i < n; i += step) line.push(points[i * 3]!, points[i * 3 + 1]!)
    if ((n - 1) % step !== 0) line.push(points[(n - 1) * 3]!, points[(n - 1) * 3 + 1]!)
    // One sample is a dot: a one-point line draws nothing.
    if (line.length === 2) line.push(line[0]! + 0.01, line[1]!)
  }
  lines.set(points, line)
  return line
}

function nearLine(line: readonly number[], px: number, py: number, reach: number): boolean {
  for (let i = 0; i + 3 < line.length; i += 2) {
    const ax = line[i]!
    const ay = line[i + 1]!
    const bx = line[i + 2]!
    const by = line[i + 3]!
    const dx = bx - ax
    const dy = by - ay
    const length2 = dx * dx + dy * dy
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2))
    if (Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= reach) return true
  }
  return false
}
