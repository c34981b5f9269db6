import { itemRect, type CanvasItem } from '../logic/canvasItems'
import { layoutNoteText, memoizeMeasure, NOTE_LINE_HEIGHT, NOTE_TEXT_PADDING, noteTextTop, wrapWords, type MeasureText } from '../logic/noteTextFit'
import { involvementLevels } from '../logic/involvement'
import { relationColors } from '../logic/challengeBoard'
import { gridPosition, layoutZones, resolveMapPositions, zoneMetrics } from '../logic/stakeholderMap'
import { sortByOrder } from '../logic/boardOrder'
import type { BoardRecord } from '../schema/records/board'
import { cardLanes, type CardRecord } from '../schema/records/card'
import type { ConnectorEnd, ConnectorRecord } from '../schema/records/connector'
import type { ImageMime } from '../schema/records/image'
import type { NoteColor } from '../schema/records/note'
import { STAKEHOLDER_CARD_SIZE, type StakeholderRecord } from '../schema/records/stakeholder'
import type { ExportLabels } from './exportLabels'
import type { WorkshopSnapshot } from './workshopJson'
import { actionLine, formatGap } from './minutes'
import { itemsOfKind, matrixRows } from './workshopOutline'

/**
 * A board as a list of simple drawing operations in board coordinates (y down). One layout, two
 * backends: the PDF (shared/export/pdf.ts, vector) and a 2D canvas for PNG (client/src/export).
 * Text boxes are wrapped by each backend with its own font metrics (`wrapText`).
 */
export type DrawOp =
  | { op: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; lineWidth?: number }
  | { op: 'ellipse'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; lineWidth?: number }
  | {
      op: 'text'
      x: number
      y: number
      w: number
      /** Lines past this height are dropped (with an ellipsis). */
      h: number
      text: string
      size: number
      color: string
      bold?: boolean
      align?: 'left' | 'center'
      /**
       * A note's text: x, y, w, h are the note, and the text is laid out as the board lays it out
       * (shared/logic/noteTextFit: whole words, shrunk to fit, `size` unused), so a printed note
       * reads like the one on the projector.
       */
      fit?: 'note'
    }
  | { op: 'path'; points: number[]; color: string; width: number }
  | { op: 'arrow'; x1: number; y1: number; x2: number; y2: number; color: string; width: number; heads: 'none' | 'end' | 'both' }
  | { op: 'image'; x: number; y: number; w: number; h: number; hash: string; mime: ImageMime; alt: string }

export interface Drawing {
  width: number
  height: number
  ops: DrawOp[]
}

export const TEXT_LINE_FACTOR = 1.25
const MARGIN = 24

/** Same fills as the canvas (client/src/canvas/notePalette.ts), so a printed note looks like the board. */
const noteFills: Record<NoteColor, string> = {
  yellow: '#fff176',
  orange: '#ffcc80',
  pink: '#f8bbd0',
  purple: '#d9c8f0',
  blue: '#b3e0fa',
  green: '#c5e1a5',
  grey: '#e3e3e0',
}
const INK = '#1a1a1a'
const MUTED = '#4a4a4a'
const EDGE = '#8a8a85'

export function layoutBoard(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels): Drawing {
  let ops: DrawOp[]
  switch (board.template) {
    case 'canvas':
      ops = canvasOps(snapshot, board)
      break
    case 'stakeholderMap':
      ops = stakeholderMapOps(snapshot, board, labels)
      break
    case 'involvementMatrix':
      ops = matrixOps(snapshot, board, labels)
      break
    case 'challengeBoard':
      ops = challengeOps(snapshot, board, labels)
      break
  }
  return normalise(ops, labels)
}

/** Moves everything so the content starts at the margin; an empty board is one small blank page. */
function normalise(ops: DrawOp[], labels: ExportLabels): Drawing {
  if (ops.length === 0) {
    ops = [{ op: 'text', x: 0, y: 0, w: 300, h: 40, text: labels.emptyText, size: 16, color: MUTED }]
  }
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const op of ops) {
    const b = opBounds(op)
    minX = Math.min(minX, b.x)
    minY = Math.min(minY, b.y)
    maxX = Math.max(maxX, b.x + b.w)
    maxY = Math.max(maxY, b.y + b.h)
  }
  const dx = MARGIN - minX
  const dy = MARGIN - minY
  return {
    width: Math.ceil(maxX - minX + 2 * MARGIN),
    height: Math.ceil(maxY - minY + 2 * MARGIN),
    ops: ops.map((op) => translate(op, dx, dy)),
  }
}

function opBounds(op: DrawOp): { x: number; y: number; w: number; h: number } {
  switch (op.op) {
    case 'rect':
    case 'ellipse':
    case 'image':
    case 'text':
      return { x: op.x, y: op.y, w: op.w, h: op.h }
    case 'arrow':
      return { x: Math.min(op.x1, op.x2), y: Math.min(op.y1, op.y2), w: Math.abs(op.x1 - op.x2), h: Math.abs(op.y1 - op.y2) }
    case 'path': {
      let x0 = Infinity
      let y0 = Infinity
      let x1 = -Infinity
      let y1 = -Infinity
      for (let i = 0; i + 1 < op.points.length; i += 2) {
        x0 = Math.min(x0, op.points[i]!)
        x1 = Math.max(x1, op.points[i]!)
        y0 = Math.min(y0, op.points[i + 1]!)
        y1 = Math.max(y1, op.points[i + 1]!)
      }
      const half = op.width / 2
      return x0 === Infinity ? { x: 0, y: 0, w: 0, h: 0 } : { x: x0 - half, y: y0 - half, w: x1 - x0 + op.width, h: y1 - y0 + op.width }
    }
  }
}

function translate(op: DrawOp, dx: number, dy: number): DrawOp {
  switch (op.op) {
    case 'arrow':
      return { ...op, x1: op.x1 + dx, y1: op.y1 + dy, x2: op.x2 + dx, y2: op.y2 + dy }
    case 'path':
      return { ...op, points: op.points.map((v, i) => (i % 2 === 0 ? v + dx : v + dy)) }
    default:
      return { ...op, x: op.x + dx, y: op.y + dy }
  }
}

// ---- free canvas -----------------------------------------------------------------------------

function canvasOps(snapshot: WorkshopSnapshot, board: BoardRecord): DrawOp[] {
  const items = snapshot.items
    .filter((i): i is CanvasItem => i.boardId === board.id && ['note', 'text', 'shape', 'connector', 'stroke', 'image'].includes(i.kind))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  const byId = new Map(items.map((i) => [i.id, i]))
  const ops: DrawOp[] = []
  for (const item of items) {
    switch (item.kind) {
      case 'note':
        ops.push({ op: 'rect', x: item.x, y: item.y, w: item.w, h: item.h, fill: noteFills[item.color], stroke: '#c8c8c0', lineWidth: 1 })
        ops.push({ op: 'text', x: item.x, y: item.y, w: item.w, h: item.h, text: item.text, size: 16, color: INK, fit: 'note' })
        break
      case 'shape': {
        const common = { x: item.x, y: item.y, w: item.w, h: item.h, stroke: item.stroke, lineWidth: 2, ...(item.fill ? { fill: item.fill } : {}) }
        ops.push(item.shape === 'ellipse' ? { op: 'ellipse', ...common } : { op: 'rect', ...common })
        if (item.text) {
          ops.push({ op: 'text', x: item.x + 8, y: item.y + item.h / 2 - 10, w: item.w - 16, h: item.h / 2, text: item.text, size: 16, color: INK, align: 'center' })
        }
        break
      }
      case 'text': {
        const rect = itemRect(item)!
        ops.push({ op: 'text', x: item.x, y: item.y, w: item.w, h: rect.h, text: item.text, size: item.fontSize, color: item.color })
        break
      }
      case 'stroke': {
        const points: number[] = []
        for (let i = 0; i + 1 < item.points.length; i += 3) points.push(item.x + item.points[i]!, item.y + item.points[i + 1]!)
        ops.push({ op: 'path', points, color: item.color, width: item.size })
        break
      }
      case 'image':
        ops.push({ op: 'image', x: item.x, y: item.y, w: item.w, h: item.h, hash: item.hash, mime: item.mime, alt: item.alt })
        break
      case 'connector': {
        const a = endPoint(item.from, item.to, byId)
        const b = endPoint(item.to, item.from, byId)
        if (a && b) ops.push({ op: 'arrow', x1: a.x, y1: a.y, x2: b.x, y2: b.y, color: item.color, width: 2, heads: item.arrowhead })
        break
      }
    }
  }
  return ops
}

/** An end bound to an item stops at the item's edge, on the line towards the other end. */
function endPoint(end: ConnectorEnd, other: ConnectorEnd, byId: Map<string, CanvasItem>): { x: number; y: number } | null {
  const centre = (e: ConnectorEnd) => {
    if (!('itemId' in e)) return { x: e.x, y: e.y }
    const target = byId.get(e.itemId)
    const r = target && target.kind !== 'connector' ? itemRect(target) : null
    return r ? { x: r.x + r.w / 2, y: r.y + r.h / 2, r } : null
  }
  const a = centre(end)
  const b = centre(other)
  if (!a || !b) return null
  if (!('r' in a) || !a.r) return a
  const dx = b.x - a.x
  const dy = b.y - a.y
  if (dx === 0 && dy === 0) return a
  const t = Math.min(a.r.w / 2 / Math.abs(dx || 1e-9), a.r.h / 2 / Math.abs(dy || 1e-9), 1)
  return { x: a.x + dx * t, y: a.y + dy * t }
}

// ---- stakeholder map -------------------------------------------------------------------------

function stakeholderMapOps(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels): DrawOp[] {
  const groups = sortByOrder(itemsOfKind(snapshot, board.id, 'stakeholderGroup'))
  const stakeholders = itemsOfKind(snapshot, board.id, 'stakeholder')
  const counts = new Map<string, number>()
  for (const s of stakeholders) if (s.groupId) counts.set(s.groupId, (counts.get(s.groupId) ?? 0) + 1)
  const zones = layoutZones(groups, { cardCounts: counts })
  const positions = resolveMapPositions(stakeholders, zones)
  const ops: DrawOp[] = []
  for (const zone of zones) {
    const group = groups.find((g) => g.id === zone.groupId)!
    ops.push({ op: 'rect', x: zone.x, y: zone.y, w: zone.w, h: zone.h, fill: '#f3f6f5', stroke: '#9bb5ad', lineWidth: 2 })
    ops.push({
      op: 'text',
      x: zone.x + zoneMetrics.padding,
      y: zone.y + 8,
      w: zone.w - 2 * zoneMetrics.padding,
      // Two lines: a long group name ("The municipality's own operating units") wraps, never cut.
      h: 46,
      text: labels.groupName(group.name, group.preset),
      size: 18,
      color: '#1f4d42',
      bold: true,
    })
  }
  const { w, h } = STAKEHOLDER_CARD_SIZE
  for (const s of stakeholders) {
    const p = positions.get(s.id) ?? { x: s.x, y: s.y }
    ops.push({ op: 'rect', x: p.x, y: p.y, w, h, fill: '#ffffff', stroke: EDGE, lineWidth: 1 })
    // The whole name over up to three lines, as on the board.
    ops.push({ op: 'text', x: p.x + 8, y: p.y + 8, w: w - 16, h: 54, text: s.name || labels.emptyText, size: 14, color: INK, bold: true })
    const details = [s.contactPerson, `${labels.influence} ${s.influence} · ${labels.interest} ${s.interest}`].filter(Boolean).join('\n')
    ops.push({ op: 'text', x: p.x + 8, y: p.y + 66, w: w - 16, h: h - 70, text: details, size: 12, color: MUTED })
  }
  const right = Math.max(0, ...zones.map((z) => z.x + z.w), ...[...positions.values()].map((p) => p.x + w))
  if (stakeholders.length > 0) ops.push(...gridOps(stakeholders, right + 120, labels))
  return ops
}

const GRID_CARD = { w: 150, h: 34 }

/**
 * The influence/interest grid beside the zones, as the map's grid view draws it: four labelled
 * quadrants, interest left to right and influence bottom to top, each stakeholder by name.
 */
function gridOps(stakeholders: readonly StakeholderRecord[], left: number, labels: ExportLabels): DrawOp[] {
  const grid = gridPosition(stakeholders, GRID_CARD)
  const top = 40
  const ops: DrawOp[] = []
  const fills = { manageClosely: '#e4efe9', keepSatisfied: '#eef3f1', keepInformed: '#eef3f1', monitor: '#f7f8f7' } as const
  for (const { quadrant, rect } of grid.quadrants) {
    ops.push({ op: 'rect', x: left + rect.x, y: top + rect.y, w: rect.w, h: rect.h, fill: fills[quadrant], stroke: '#9bb5ad', lineWidth: 2 })
    ops.push({ op: 'text', x: left + rect.x + 8, y: top + rect.y + rect.h - 26, w: rect.w - 16, h: 22, text: labels.quadrant(quadrant), size: 13, color: '#1f4d42', bold: true })
  }
  ops.push({ op: 'text', x: left, y: top - 30, w: grid.bounds.w, h: 24, text: labels.influence, size: 14, color: INK, bold: true })
  ops.push({ op: 'text', x: left, y: top + grid.bounds.h + 8, w: grid.bounds.w, h: 24, text: labels.interest, size: 14, color: INK, bold: true, align: 'center' })
  for (const s of stakeholders) {
    const p = grid.positions.get(s.id)
    if (!p) continue
    ops.push({ op: 'rect', x: left + p.x, y: top + p.y, w: GRID_CARD.w, h: GRID_CARD.h, fill: '#ffffff', stroke: EDGE, lineWidth: 1 })
    ops.push({ op: 'text', x: left + p.x + 6, y: top + p.y + 6, w: GRID_CARD.w - 12, h: GRID_CARD.h - 8, text: s.name || labels.emptyText, size: 11, color: INK, bold: true })
  }
  return ops
}

// ---- involvement matrix ----------------------------------------------------------------------

function matrixOps(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels): DrawOp[] {
  const rows = matrixRows(snapshot, board, labels.groupName)
  const nameW = 240
  const cellW = 130
  const gapW = 70
  const headH = 56
  const rowH = 44
  const ops: DrawOp[] = []
  const cell = (x: number, y: number, w: number, h: number, text: string, fill: string, bold = false) => {
    ops.push({ op: 'rect', x, y, w, h, fill, stroke: EDGE, lineWidth: 1 })
    ops.push({ op: 'text', x: x + 6, y: y + 6, w: w - 12, h: h - 8, text, size: 12, color: INK, bold })
  }
  cell(0, 0, nameW, headH, labels.name, '#e8f0ee', true)
  involvementLevels.forEach((_, i) => cell(nameW + i * cellW, 0, cellW, headH, labels.levelName(i + 1), '#e8f0ee', true))
  cell(nameW + involvementLevels.length * cellW, 0, gapW, headH, labels.gap, '#e8f0ee', true)
  rows.forEach(({ stakeholder: s, gap }, r) => {
    const y = headH + r * rowH
    cell(0, y, nameW, rowH, s.name || labels.emptyText, '#ffffff', true)
    involvementLevels.forEach((_, i) => {
      const level = i + 1
      const marks = [level === s.levelNow ? labels.levelNow : '', level === s.levelWanted ? labels.levelWanted : ''].filter(Boolean)
      const fill = level === s.levelNow ? '#b9dccf' : level === s.levelWanted ? '#ffe1a8' : '#ffffff'
      cell(nameW + i * cellW, y, cellW, rowH, marks.join(' / '), fill)
    })
    cell(nameW + involvementLevels.length * cellW, y, gapW, rowH, formatGap(gap, labels), '#ffffff')
  })
  if (rows.length === 0) {
    ops.push({ op: 'text', x: 0, y: headH + 12, w: nameW + 6 * cellW, h: 30, text: board.linkedBoardId ? labels.noStakeholders : labels.noLinkedMap, size: 14, color: MUTED })
  }
  return ops
}

// ---- challenge board -------------------------------------------------------------------------

function challengeOps(snapshot: WorkshopSnapshot, board: BoardRecord, labels: ExportLabels): DrawOp[] {
  const cards = itemsOfKind(snapshot, board.id, 'card')
  const laneW = 340
  const laneGap = 24
  const cardW = laneW - 24
  const ops: DrawOp[] = []
  const laneHeights: number[] = []
  const rects = new Map<string, { x: number; y: number; w: number; h: number }>()
  cardLanes.forEach((lane, i) => {
    const x = i * (laneW + laneGap)
    const inLane = sortByOrder(cards.filter((c) => c.lane === lane)) as CardRecord[]
    let y = 60
    const cardOps: DrawOp[] = []
    for (const card of inLane) {
      const text = card.lane === 'action' ? actionLine(card, labels) : card.text || labels.emptyText
      // A rough height from the text length; each backend wraps for real inside the box.
      const lines = Math.max(2, Math.ceil((text.length * 7.5) / (cardW - 20)) + text.split('\n').length - 1)
      const h = Math.min(260, 20 + lines * 14 * TEXT_LINE_FACTOR)
      cardOps.push({ op: 'rect', x: x + 12, y, w: cardW, h, fill: '#ffffff', stroke: EDGE, lineWidth: 1 })
      rects.set(card.id, { x: x + 12, y, w: cardW, h })
      cardOps.push({ op: 'text', x: x + 22, y: y + 10, w: cardW - 20, h: h - 14, text, size: 14, color: INK })
      y += h + 12
    }
    laneHeights.push(y)
    ops.push({ op: 'text', x: x + 12, y: 16, w: laneW - 24, h: 30, text: labels.lane(lane), size: 20, color: '#1f4d42', bold: true })
    ops.push(...cardOps)
  })
  const height = Math.max(200, ...laneHeights)
  const lanes: DrawOp[] = cardLanes.map((_, i) => ({ op: 'rect', x: i * (laneW + laneGap), y: 0, w: laneW, h: height, fill: '#f3f6f5', stroke: '#9bb5ad', lineWidth: 2 }))
  return [...lanes, ...ops, ...linkOps(itemsOfKind(snapshot, board.id, 'connector'), rects)]
}

/**
 * The links between cards as on the board: from the right edge of the card in the lane to the
 * left to the left edge of the one in the next lane, in the relation's colour, arrow at the
 * answering end's target (a solution → the challenge it answers, an action → its solution).
 */
function linkOps(connectors: readonly ConnectorRecord[], rects: Map<string, { x: number; y: number; w: number; h: number }>): DrawOp[] {
  const ops: DrawOp[] = []
  for (const c of connectors) {
    if (c.relation === '' || !('itemId' in c.from) || !('itemId' in c.to)) continue
    const from = rects.get(c.from.itemId)
    const to = rects.get(c.to.itemId)
    if (!from || !to) continue
    const [leftCard, rightCard] = from.x < to.x ? [from, to] : [to, from]
    const y1 = leftCard.y + Math.min(leftCard.h / 2, 24)
    const y2 = rightCard.y + Math.min(rightCard.h / 2, 24)
    const ends = from.x < to.x ? { x1: leftCard.x + leftCard.w, y1, x2: rightCard.x, y2 } : { x1: rightCard.x, y1: y2, x2: leftCard.x + leftCard.w, y2: y1 }
    ops.push({ op: 'arrow', ...ends, color: relationColors[c.relation], width: 2, heads: 'end' })
  }
  return ops
}

// ---- text wrapping (shared by both backends) ---------------------------------------------------

/**
 * Word wrap with the backend's own measure (`measure(s)` in the units of `maxWidth`): lines break
 * between words; a word wider than a line is split with a hyphen (shared/logic/noteTextFit).
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  return wrapWords(text, maxWidth, memoizeMeasure(measure)).lines
}

/** Where a text op's lines go: the font size, the lines, the top left of the first and the step between lines. */
export interface TextBoxLayout {
  size: number
  lines: string[]
  x: number
  y: number
  lineStep: number
}

/**
 * A text op laid out with the backend's font: `unitMeasure(s)` is the width of `s` at size 1.
 * Note text shrinks to fit as on the board; other text wraps at its size and is cut with an ellipsis.
 */
export function layoutTextBox(op: Extract<DrawOp, { op: 'text' }>, text: string, unitMeasure: MeasureText): TextBoxLayout {
  if (op.fit === 'note') {
    const layout = layoutNoteText(text, op.w, op.h, unitMeasure)
    return { size: layout.fontSize, lines: layout.lines, x: op.x + NOTE_TEXT_PADDING, y: op.y + noteTextTop(layout, op.h), lineStep: layout.fontSize * NOTE_LINE_HEIGHT }
  }
  const lines = fitLines(wrapText(text, op.w, (s) => unitMeasure(s) * op.size), op.size, op.h)
  return { size: op.size, lines, x: op.x, y: op.y, lineStep: op.size * TEXT_LINE_FACTOR }
}

/** The lines that fit in `maxHeight`; the last kept line ends with an ellipsis when some were cut. */
export function fitLines(lines: readonly string[], size: number, maxHeight: number): string[] {
  const max = Math.max(1, Math.floor(maxHeight / (size * TEXT_LINE_FACTOR)))
  if (lines.length <= max) return [...lines]
  const kept = lines.slice(0, max)
  kept[max - 1] = `${kept[max - 1]!.replace(/\s*\S?$/, '')}…`
  return kept
}
