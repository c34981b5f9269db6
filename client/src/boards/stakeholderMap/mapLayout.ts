import { sortByOrder } from '../../../../shared/logic/boardOrder'
import { boundsOf, type Point, type Rect } from '../../../../shared/logic/geometry'
import { gridPosition, layoutZones, placeInZone, resolveMapPositions, zoneAt, zoneMetrics, type GridLayout, type ZoneRect } from '../../../../shared/logic/stakeholderMap'
import { STAKEHOLDER_CARD_SIZE, type StakeholderRecord } from '../../../../shared/schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../../../../shared/schema/records/stakeholderGroup'

/**
 * Where everything on one stakeholder map is, from its records alone: the render computes it
 * (memoised) and event handlers compute it again from the store when they run, so neither keeps a
 * copy of the other's.
 */
export interface MapLayout {
  /** Groups in their order. */
  groups: readonly StakeholderGroupRecord[]
  zones: readonly ZoneRect[]
  /** Each card's place on the map (its own, or moved into its zone). */
  positions: ReadonlyMap<string, Point>
  grid: GridLayout
}

export function layoutMap(stakeholders: readonly StakeholderRecord[], groups: readonly StakeholderGroupRecord[]): MapLayout {
  const ordered = sortByOrder(groups)
  const counts = new Map<string, number>()
  for (const s of stakeholders) if (s.groupId) counts.set(s.groupId, (counts.get(s.groupId) ?? 0) + 1)
  const zones = layoutZones(ordered, { cardCounts: counts })
  return { groups: ordered, zones, positions: resolveMapPositions(stakeholders, zones), grid: gridPosition(stakeholders) }
}

/** What "show all" frames on the map: the zones and every card. */
export function mapBounds(layout: MapLayout): Rect | null {
  return boundsOf([...layout.zones, ...[...layout.positions.values()].map((p) => ({ ...p, ...STAKEHOLDER_CARD_SIZE }))])
}

/**
 * Where a new stakeholder goes: centred on `at` (a double-click) in the zone there, else into
 * `groupId`'s zone, else in the tray below the zones; the top left of its card and its group.
 */
export function placeNewStakeholder(layout: Pick<MapLayout, 'zones' | 'positions'>, options: { at?: Point; groupId?: string }): { topLeft: Point; groupId: string } {
  const { zones, positions } = layout
  const size = STAKEHOLDER_CARD_SIZE
  if (options.at) return { topLeft: { x: options.at.x - size.w / 2, y: options.at.y - size.h / 2 }, groupId: zoneAt(options.at, zones) }
  const groupId = options.groupId ?? ''
  const zone = zones.find((z) => z.groupId === groupId)
  const inZone = [...positions.values()].filter((q) => zoneAt({ x: q.x + size.w / 2, y: q.y + size.h / 2 }, zones) === (zone ? groupId : ''))
  const bottom = zones.reduce((max, z) => Math.max(max, z.y + z.h), 0)
  const tray = { x: -zoneMetrics.padding, y: bottom + zoneMetrics.margin - zoneMetrics.header, w: 0, h: 0 }
  return { topLeft: placeInZone(zone ?? tray, zone ? inZone : inZone.filter((q) => q.y >= bottom)), groupId }
}
