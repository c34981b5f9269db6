import { STAKEHOLDER_CARD_SIZE, type StakeholderRecord } from '../schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../schema/records/stakeholderGroup'
import type { Point, Rect } from './geometry'
import type { DocumentPlan } from './plan'

/**
 * Board logic of the stakeholder map (interessentkart): where the zones are, which zone a card
 * falls in, where a card goes when its group changes, and the influence/interest grid. Data in,
 * data out; the view draws what these return and commits the patches they plan.
 */

export interface Size {
  w: number
  h: number
}

/** One group's region on the map, in board coordinates. */
export interface ZoneRect extends Rect {
  groupId: string
}

export interface ZoneLayoutOptions {
  /** How many cards each zone holds now, by group id (missing = 0). */
  cardCounts: ReadonlyMap<string, number>
  /** Zones per row of the grid. */
  columns?: number
  cardSize?: Size
}

/** Spacing of the map, in board pixels. Exported so the view draws labels where the logic leaves room. */
export const zoneMetrics = {
  /** Height of the label strip at the top of a zone; cards are never placed there. */
  header: 56,
  padding: 16,
  /** Between cards inside a zone. */
  gap: 16,
  /** Between zones. */
  margin: 40,
  /** Card columns inside one zone. */
  cardColumns: 2,
  /** Every zone has room for at least this many rows, so an empty zone is a real drop target. */
  minRows: 2,
  /** Zones grow by this many rows at once, so the map does not shift on every new card. */
  growRows: 2,
} as const

/**
 * Lays out zones in reading order on a grid of up to `columns` (default 3) per row. All zones are
 * the same size — big enough for the fullest one plus a free row — so the map reads as a tidy
 * grid and zones only move when the fullest zone outgrows them.
 */
export function layoutZones(groups: readonly { id: string }[], options: ZoneLayoutOptions): ZoneRect[] {
  const card = options.cardSize ?? STAKEHOLDER_CARD_SIZE
  const columns = Math.max(1, Math.min(Math.trunc(options.columns ?? 3), groups.length))
  const { header, padding, gap, margin, cardColumns, minRows, growRows } = zoneMetrics
  let fullest = 0
  for (const g of groups) fullest = Math.max(fullest, options.cardCounts.get(g.id) ?? 0)
  const neededRows = Math.ceil((fullest + 1) / cardColumns)
  const rows = Math.max(minRows, Math.ceil(neededRows / growRows) * growRows)
  const w = padding * 2 + cardColumns * card.w + (cardColumns - 1) * gap
  const h = header + padding + rows * card.h + (rows - 1) * gap
  return groups.map((g, i) => ({
    groupId: g.id,
    x: (i % columns) * (w + margin),
    y: Math.floor(i / columns) * (h + margin),
    w,
    h,
  }))
}

/** The group whose zone contains `point` (a card's centre), or '' outside every zone. */
export function zoneAt(point: Point, zones: readonly ZoneRect[]): string {
  const zone = zones.find((z) => point.x >= z.x && point.x < z.x + z.w && point.y >= z.y && point.y < z.y + z.h)
  return zone?.groupId ?? ''
}

function centreOf(topLeft: Point, size: Size): Point {
  return { x: topLeft.x + size.w / 2, y: topLeft.y + size.h / 2 }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/** Top-left of slot `index` of a zone (reading order, `cardColumns` per row; may lie below the zone). */
export function zoneSlot(zone: Rect, index: number, size: Size = STAKEHOLDER_CARD_SIZE): Point {
  const { header, padding, gap, cardColumns } = zoneMetrics
  return {
    x: zone.x + padding + (index % cardColumns) * (size.w + gap),
    y: zone.y + header + Math.floor(index / cardColumns) * (size.h + gap),
  }
}

/** The first slot of the zone that no existing card overlaps; past the last slot when all are taken. */
export function placeInZone(zone: Rect, existing: readonly Point[], size: Size = STAKEHOLDER_CARD_SIZE): Point {
  const taken = existing.map((p) => ({ x: p.x, y: p.y, w: size.w, h: size.h }))
  for (let index = 0; ; index++) {
    const slot = zoneSlot(zone, index, size)
    if (!taken.some((t) => overlaps(t, { ...slot, ...size }))) return slot
  }
}

type Placed = Pick<StakeholderRecord, 'id' | 'groupId' | 'x' | 'y'>

/**
 * Where each card is drawn on the map. A card keeps its stored position while its centre lies in
 * its own zone (or, ungrouped, outside every zone). A card that is not where its group is — the
 * group was changed in a form, zones moved after a reorder, a group was removed — is drawn at a
 * free slot of its zone, or (ungrouped) below the zones. Display only: nothing is written until
 * someone drags the card, so every browser computes the same picture from the same document.
 */
export function resolveMapPositions(cards: readonly Placed[], zones: readonly ZoneRect[], size: Size = STAKEHOLDER_CARD_SIZE): Map<string, Point> {
  const result = new Map<string, Point>()
  const zoneById = new Map(zones.map((z) => [z.groupId, z]))
  const misplaced: Placed[] = []
  for (const card of cards) {
    const zone = card.groupId ? zoneById.get(card.groupId) : undefined
    const inside = zoneAt(centreOf(card, size), zones)
    const fits = zone ? inside === zone.groupId : inside === ''
    if (fits) result.set(card.id, { x: card.x, y: card.y })
    else misplaced.push(card)
  }
  const bottom = zones.reduce((max, z) => Math.max(max, z.y + z.h), 0)
  const tray: Rect = { x: 0, y: bottom + zoneMetrics.margin - zoneMetrics.header, w: Infinity, h: 0 }
  let trayIndex = 0
  for (const card of misplaced) {
    const zone = card.groupId ? zoneById.get(card.groupId) : undefined
    if (zone) {
      const others = [...result].flatMap(([id, p]) => (id !== card.id && zoneAt(centreOf(p, size), zones) === zone.groupId ? [p] : []))
      result.set(card.id, placeInZone(zone, others, size))
    } else {
      // Ungrouped cards that would sit on a zone line up below the map, four to a row.
      const col = trayIndex % 4
      const row = Math.floor(trayIndex / 4)
      trayIndex++
      result.set(card.id, { x: tray.x + col * (size.w + zoneMetrics.gap), y: tray.y + zoneMetrics.header + row * (size.h + zoneMetrics.gap) })
    }
  }
  return result
}

/** The patch for a card dropped on the map with its top-left at `topLeft`: where, and in which group. */
export function planCardDrop(topLeft: Point, zones: readonly ZoneRect[], size: Size = STAKEHOLDER_CARD_SIZE): { x: number; y: number; groupId: string } {
  const x = Math.round(topLeft.x)
  const y = Math.round(topLeft.y)
  return { x, y, groupId: zoneAt(centreOf({ x, y }, size), zones) }
}

/**
 * "Move", then a click on the map (the pointer alternative to dragging a card): the card is centred
 * on the point, and the zone its centre lands in is its group, exactly as if it had been dropped there.
 */
export function planCardPlace(at: Point, zones: readonly ZoneRect[], size: Size = STAKEHOLDER_CARD_SIZE): { x: number; y: number; groupId: string } {
  return planCardDrop({ x: at.x - size.w / 2, y: at.y - size.h / 2 }, zones, size)
}

/**
 * The patch for choosing a group elsewhere (form, table): the card moves to a free slot of the
 * new zone; '' (no group) keeps the card where it is.
 */
export function planGroupChange(
  cardId: string,
  groupId: string,
  zones: readonly ZoneRect[],
  positions: ReadonlyMap<string, Point>,
  size: Size = STAKEHOLDER_CARD_SIZE,
): { groupId: string; x?: number; y?: number } {
  const zone = zones.find((z) => z.groupId === groupId)
  if (!zone) return { groupId }
  const others = [...positions].flatMap(([id, p]) => (id !== cardId && zoneAt(centreOf(p, size), zones) === groupId ? [p] : []))
  return { groupId, ...placeInZone(zone, others, size) }
}

/** Removing a group deletes the zone only: its cards stay, ungrouped (they land below the zones). */
export function planRemoveGroup(groupId: string, cards: readonly Pick<StakeholderRecord, 'id' | 'groupId'>[]): DocumentPlan {
  return {
    deleteItems: [groupId],
    updateItems: cards.filter((c) => c.groupId === groupId).map((c) => ({ id: c.id, patch: { groupId: '' } })),
  }
}

// ---- the influence/interest grid --------------------------------------------------------------

export type GridQuadrant = 'keepSatisfied' | 'manageClosely' | 'monitor' | 'keepInformed'

/** Ratings at or above this count as high. */
export const GRID_HIGH_FROM = 3

/**
 * The classic Mendelow grid. A rating of 3 counts as **high**: a middling stakeholder gets more
 * attention rather than being left to "monitor" — for a municipality, under-informing is the
 * costlier mistake. So the line between low and high runs between 2 and 3.
 */
export function gridQuadrant(influence: number, interest: number): GridQuadrant {
  const highInfluence = influence >= GRID_HIGH_FROM
  const highInterest = interest >= GRID_HIGH_FROM
  if (highInfluence) return highInterest ? 'manageClosely' : 'keepSatisfied'
  return highInterest ? 'keepInformed' : 'monitor'
}

export interface GridLayout {
  /** The whole grid: interest 1→5 left to right, influence 1→5 bottom to top. */
  bounds: Rect
  cellW: number
  cellH: number
  quadrants: { quadrant: GridQuadrant; rect: Rect }[]
  positions: Map<string, Point>
}

export const gridMetrics = { padding: 12, gap: 10, axis: 5 } as const

type Rated = Pick<StakeholderRecord, 'id' | 'influence' | 'interest' | 'name'>

function clampRating(n: number): number {
  return Math.min(gridMetrics.axis, Math.max(1, Math.round(Number.isFinite(n) ? n : 1)))
}

/**
 * Lays cards out on the 5 × 5 grid without overlap: each (influence, interest) cell stacks its
 * cards (by name) in up to two columns; all cells are as large as the fullest one needs.
 */
export function gridPosition(cards: readonly Rated[], size: Size = STAKEHOLDER_CARD_SIZE): GridLayout {
  const { padding, gap, axis } = gridMetrics
  const cells = new Map<string, Rated[]>()
  for (const card of cards) {
    const key = `${clampRating(card.influence)}:${clampRating(card.interest)}`
    const list = cells.get(key) ?? []
    list.push(card)
    cells.set(key, list)
  }
  let fullest = 1
  for (const list of cells.values()) fullest = Math.max(fullest, list.length)
  const columns = fullest > 2 ? 2 : 1
  const rows = Math.ceil(fullest / columns)
  const cellW = padding * 2 + columns * size.w + (columns - 1) * gap
  const cellH = padding * 2 + rows * size.h + (rows - 1) * gap
  const positions = new Map<string, Point>()
  for (const [key, list] of cells) {
    const [influence, interest] = key.split(':').map(Number) as [number, number]
    const cell = gridCellRect(influence, interest, cellW, cellH)
    const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
    sorted.forEach((card, i) => {
      positions.set(card.id, {
        x: cell.x + padding + (i % columns) * (size.w + gap),
        y: cell.y + padding + Math.floor(i / columns) * (size.h + gap),
      })
    })
  }
  const low = GRID_HIGH_FROM - 1
  const lowW = low * cellW
  const highW = (axis - low) * cellW
  const lowH = low * cellH
  const highH = (axis - low) * cellH
  return {
    bounds: { x: 0, y: 0, w: axis * cellW, h: axis * cellH },
    cellW,
    cellH,
    quadrants: [
      { quadrant: 'keepSatisfied', rect: { x: 0, y: 0, w: lowW, h: highH } },
      { quadrant: 'manageClosely', rect: { x: lowW, y: 0, w: highW, h: highH } },
      { quadrant: 'monitor', rect: { x: 0, y: highH, w: lowW, h: lowH } },
      { quadrant: 'keepInformed', rect: { x: lowW, y: highH, w: highW, h: lowH } },
    ],
    positions,
  }
}

/** The rectangle of one (influence, interest) cell. */
export function gridCellRect(influence: number, interest: number, cellW: number, cellH: number): Rect {
  return { x: (clampRating(interest) - 1) * cellW, y: (gridMetrics.axis - clampRating(influence)) * cellH, w: cellW, h: cellH }
}

/** The ratings of the cell under `point` (a dropped card's centre), clamped to the grid's edge. */
export function gridRatingsAt(point: Point, layout: Pick<GridLayout, 'cellW' | 'cellH'>): { influence: number; interest: number } {
  const interest = clampRating(Math.floor(point.x / layout.cellW) + 1)
  const influence = clampRating(gridMetrics.axis - Math.floor(point.y / layout.cellH))
  return { influence, interest }
}

// ---- the communication plan ---------------------------------------------------------------------

/** Rows of the communication plan: by group in map order, then by name; ungrouped last. */
export function sortForPlan<T extends Pick<StakeholderRecord, 'id' | 'groupId' | 'name'>>(
  cards: readonly T[],
  groupsInOrder: readonly Pick<StakeholderGroupRecord, 'id'>[],
): T[] {
  const rank = new Map(groupsInOrder.map((g, i) => [g.id, i]))
  const rankOf = (c: T) => rank.get(c.groupId) ?? groupsInOrder.length
  return [...cards].sort(
    (a, b) => rankOf(a) - rankOf(b) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

/** A new stakeholder with neutral ratings (3 / 3) and an empty communication plan. */
export function newStakeholder(input: { id: string; boardId: string; groupId: string; name: string; x: number; y: number; now: number }): StakeholderRecord {
  return {
    id: input.id,
    kind: 'stakeholder',
    boardId: input.boardId,
    groupId: input.groupId,
    name: input.name,
    influence: 3,
    interest: 3,
    contactPerson: '',
    message: '',
    channel: '',
    frequency: '',
    x: Math.round(input.x),
    y: Math.round(input.y),
    levelNow: 0,
    levelWanted: 0,
    origin: null,
    createdAt: input.now,
    sdgs: [],
    dimension: '',
  }
}
