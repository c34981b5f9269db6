import { collaborationFields, type CollaborationRecord } from '../schema/records/collaboration'
import type { StakeholderRecord } from '../schema/records/stakeholder'
import type { DocumentPlan } from './plan'

/**
 * The OECD ladder of stakeholder involvement, lowest first. A stakeholder's `levelNow` and
 * `levelWanted` are positions on it: 1 = communication … 6 = co-production, 0 = not set.
 */
export const involvementLevels = [
  'communication',
  'consultation',
  'participation',
  'representation',
  'partnership',
  'coProduction',
] as const
export type InvolvementLevelId = (typeof involvementLevels)[number]

export const LEVEL_UNSET = 0
export const LEVEL_MIN = 1
export const LEVEL_MAX = involvementLevels.length

/** The stored number of a level id (1-based). */
export function levelNumber(id: InvolvementLevelId): number {
  return involvementLevels.indexOf(id) + 1
}

/** The id of a stored level, or null for 0 (not set) and anything off the ladder. */
export function levelId(level: number): InvolvementLevelId | null {
  return Number.isInteger(level) ? (involvementLevels[level - 1] ?? null) : null
}

export type LevelWhich = 'now' | 'wanted'

export interface LevelGap {
  /** 'up' when the wanted level is higher than now; 'unset' when either is not set. */
  direction: 'up' | 'down' | 'same' | 'unset'
  /** How many rungs apart, never negative; 0 when unset or the same. */
  steps: number
}

export function levelGap(now: number, wanted: number): LevelGap {
  if (levelId(now) === null || levelId(wanted) === null) return { direction: 'unset', steps: 0 }
  if (wanted === now) return { direction: 'same', steps: 0 }
  return { direction: wanted > now ? 'up' : 'down', steps: Math.abs(wanted - now) }
}

export type LevelPatch = Partial<Pick<StakeholderRecord, 'levelNow' | 'levelWanted'>>

/**
 * The patch for choosing `level` as the stakeholder's now/wanted level. Choosing the level it
 * already has clears it (a second click takes the marker off); 0 clears it outright. Levels off
 * the ladder are clamped onto it, so a drag past the last column lands on the last rung.
 */
export function planSetLevel(stakeholder: Pick<StakeholderRecord, 'levelNow' | 'levelWanted'>, which: LevelWhich, level: number): LevelPatch {
  const key = which === 'now' ? 'levelNow' : 'levelWanted'
  const next = level === LEVEL_UNSET ? LEVEL_UNSET : clampLevel(level)
  return { [key]: stakeholder[key] === next ? LEVEL_UNSET : next }
}

/**
 * The patch for moving a marker by `delta` rungs (arrow keys). Unlike `planSetLevel` it never
 * clears: it stays on the ladder, and an unset marker starts at the first or last rung.
 */
export function planStepLevel(stakeholder: Pick<StakeholderRecord, 'levelNow' | 'levelWanted'>, which: LevelWhich, delta: number): LevelPatch {
  const key = which === 'now' ? 'levelNow' : 'levelWanted'
  const current = stakeholder[key]
  const next = levelId(current) === null ? (delta >= 0 ? LEVEL_MIN : LEVEL_MAX) : clampLevel(current + delta)
  return next === current ? {} : { [key]: next }
}

function clampLevel(level: number): number {
  return Math.min(LEVEL_MAX, Math.max(LEVEL_MIN, Math.round(level)))
}

/**
 * Which level column an x coordinate falls in while a marker is dragged. `columnEdges` are the
 * ascending x positions of the columns' edges: the left edge of the first level column, then the
 * right edge of each (so LEVEL_MAX + 1 numbers). Outside the columns it clamps to the nearest end.
 */
export function levelFromPointer(x: number, columnEdges: readonly number[]): number {
  if (columnEdges.length < 2) throw new Error(`levelFromPointer needs at least two edges, got ${columnEdges.length}`)
  const columns = columnEdges.length - 1
  for (let i = 1; i <= columns; i++) {
    if (x < columnEdges[i]!) return i
  }
  return columns
}

export interface SummaryStakeholder {
  id: string
  name: string
  levelNow: number
  levelWanted: number
}

export interface InvolvementSummary {
  total: number
  /** Index = level: [0] counts those not set, [1] communication … [6] co-production. */
  now: number[]
  wanted: number[]
  /** Stakeholders with both levels set and the wanted one higher / lower / the same. */
  raise: number
  lower: number
  same: number
  /** Stakeholders with a gap, biggest first (ties: name, then id), at most `limit`. */
  biggestGaps: { id: string; name: string; steps: number; direction: 'up' | 'down' }[]
}

/** Counts for the facilitator's summary line above the matrix. */
export function summarise(stakeholders: readonly SummaryStakeholder[], limit = 3): InvolvementSummary {
  const now = new Array<number>(LEVEL_MAX + 1).fill(0)
  const wanted = new Array<number>(LEVEL_MAX + 1).fill(0)
  let raise = 0
  let lower = 0
  let same = 0
  const gaps: InvolvementSummary['biggestGaps'] = []
  for (const s of stakeholders) {
    now[levelId(s.levelNow) === null ? 0 : s.levelNow]! += 1
    wanted[levelId(s.levelWanted) === null ? 0 : s.levelWanted]! += 1
    const gap = levelGap(s.levelNow, s.levelWanted)
    switch (gap.direction) {
      case 'up':
        raise += 1
        gaps.push({ id: s.id, name: s.name, steps: gap.steps, direction: 'up' })
        break
      case 'down':
        lower += 1
        gaps.push({ id: s.id, name: s.name, steps: gap.steps, direction: 'down' })
        break
      case 'same':
        same += 1
        break
      case 'unset':
        break
      default: {
        const never: never = gap.direction
        throw new Error(`unknown direction ${String(never)}`)
      }
    }
  }
  gaps.sort((a, b) => b.steps - a.steps || a.name.localeCompare(b.name, 'nb') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { total: stakeholders.length, now, wanted, raise, lower, same, biggestGaps: gaps.slice(0, limit) }
}

export interface RowStakeholder {
  id: string
  name: string
  groupId: string
}

/**
 * Matrix rows: by the order of their group on the map (stakeholders outside every group last),
 * then by name, then id, so every browser shows the same order.
 */
export function sortMatrixRows<T extends RowStakeholder>(stakeholders: readonly T[], groupOrder: readonly string[]): T[] {
  const rank = new Map(groupOrder.map((id, i) => [id, i]))
  const rankOf = (s: T) => rank.get(s.groupId) ?? groupOrder.length
  return [...stakeholders].sort(
    (a, b) => rankOf(a) - rankOf(b) || a.name.localeCompare(b.name, 'nb') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

export type CollaborationField = (typeof collaborationFields)[number]

/**
 * Plans saving one field of a stakeholder's collaboration definition: patches the existing record,
 * or creates it on the first non-empty field. Returns null when there is nothing to write. The new
 * record's id is `<boardId>-<stakeholderId>`, so two people who start the same definition at once
 * write into one record instead of leaving a duplicate nobody sees (newId only when that is too long).
 */
export function planCollaborationField(input: {
  collaboration: CollaborationRecord | undefined
  boardId: string
  stakeholderId: string
  field: CollaborationField
  value: string
  newId: () => string
  now: number
}): DocumentPlan | null {
  const { collaboration, boardId, stakeholderId, field, value } = input
  if (collaboration) {
    return collaboration[field] === value ? null : { updateItems: [{ id: collaboration.id, patch: { [field]: value } }] }
  }
  if (value === '') return null
  const id = `${boardId}-${stakeholderId}`
  const record: CollaborationRecord = {
    id: id.length <= 64 ? id : input.newId(),
    kind: 'collaboration',
    boardId,
    stakeholderId,
    goals: '',
    rolesAndResponsibility: '',
    funding: '',
    expectedResults: '',
    indicators: '',
    platforms: '',
    createdAt: input.now,
  }
  record[field] = value
  return { createItems: [record] }
}
