import type { WorkshopSnapshot } from '../export/workshopJson'
import { sortByOrder } from '../logic/boardOrder'
import { sortForPlan } from '../logic/stakeholderMap'
import type { StakeholderRecord } from '../schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../schema/records/stakeholderGroup'
import { sameName } from './takeOver'

/**
 * One earlier workshop in the stakeholder register (`GET /api/stakeholders`): its stakeholder maps
 * with their groups and stakeholders only, as the snapshot `planTakeOverStakeholders` takes over from.
 */
export interface StakeholderRegisterWorkshop {
  workshopId: string
  title: string
  /** When the workshop was created (ms): last spring's map is told from this week's. */
  createdAt: number
  snapshot: WorkshopSnapshot
}

/** A stakeholder the take-over dialog offers: `alreadyHere` when the target map has one of that name. */
export interface TakeOverChoice {
  stakeholder: StakeholderRecord
  boardId: string
  groupName: string
  groupPreset: StakeholderGroupRecord['preset']
  alreadyHere: boolean
}

/**
 * The stakeholders of a register workshop in plan order (map by map, group by group), each flagged
 * when a stakeholder of the same name (case and spacing ignored) is already on the target map: the
 * take-over would skip it, so the dialog shows it unticked.
 */
export function takeOverChoices(source: WorkshopSnapshot, namesHere: readonly string[]): TakeOverChoice[] {
  const choices: TakeOverChoice[] = []
  for (const map of sortByOrder(source.boards).filter((b) => b.template === 'stakeholderMap')) {
    const groups = sortByOrder(source.items.filter((i): i is StakeholderGroupRecord => i.kind === 'stakeholderGroup' && i.boardId === map.id))
    const stakeholders = source.items.filter((i): i is StakeholderRecord => i.kind === 'stakeholder' && i.boardId === map.id)
    for (const stakeholder of sortForPlan(stakeholders, groups)) {
      const group = groups.find((g) => g.id === stakeholder.groupId)
      choices.push({
        stakeholder,
        boardId: map.id,
        groupName: group?.name ?? '',
        groupPreset: group?.preset ?? '',
        alreadyHere: namesHere.some((name) => sameName(name, stakeholder.name)),
      })
    }
  }
  return choices
}

/** Where a stakeholder lives, as the knowledge bank links to it: its workshop, its map, its panel open. */
export function stakeholderHref(workshopId: string, boardId: string, stakeholderId: string): string {
  return `/w/${encodeURIComponent(workshopId)}?board=${encodeURIComponent(boardId)}&item=${encodeURIComponent(stakeholderId)}`
}
