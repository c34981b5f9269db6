import type { WorkshopSnapshot } from '../export/workshopJson'
import { challengeTree } from '../export/workshopOutline'
import { orderAtEnd, sortByOrder } from '../logic/boardOrder'
import type { NewRecordContext } from '../logic/challengeBoard'
import type { DocumentPlan } from '../logic/plan'
import { layoutZones, placeInZone, sortForPlan, zoneMetrics } from '../logic/stakeholderMap'
import type { Point } from '../logic/geometry'
import type { BoardRecord } from '../schema/records/board'
import type { CardRecord } from '../schema/records/card'
import type { StakeholderRecord } from '../schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../schema/records/stakeholderGroup'
import { STAKEHOLDER_CARD_SIZE } from '../schema/records/stakeholder'

/**
 * Follow-up meetings carry on where an earlier workshop stopped: its open actions move into a
 * challenge board of the new workshop (each linking back to the card it came from), and its
 * stakeholders (with their group, contact person and plan row) into a stakeholder map. Both are
 * plans for the target workshop; the earlier workshop is not changed. Taking over twice adds only
 * what is not there yet, so a facilitator can take over again after the earlier workshop grew.
 */
export type TakeOverRefusal = 'noTargetBoard' | 'wrongTemplate' | 'sameWorkshop'

export type TakeOverResult = { ok: true; plan: DocumentPlan; added: number; alreadyThere: number } | { ok: false; reason: TakeOverRefusal }

export interface TakeOverSource {
  workshopId: string
  snapshot: WorkshopSnapshot
}

export interface TakeOverTarget {
  workshopId: string
  snapshot: WorkshopSnapshot
  boardId: string
}

function targetBoard(source: TakeOverSource, target: TakeOverTarget, template: BoardRecord['template']): BoardRecord | TakeOverRefusal {
  if (source.workshopId === target.workshopId) return 'sameWorkshop'
  const board = target.snapshot.boards.find((b) => b.id === target.boardId)
  if (!board) return 'noTargetBoard'
  return board.template === template ? board : 'wrongTemplate'
}

/** Actions not done yet, of every challenge board of the workshop, in board and lane order. */
export function openActions(snapshot: WorkshopSnapshot): CardRecord[] {
  return sortByOrder(snapshot.boards)
    .filter((b) => b.template === 'challengeBoard')
    .flatMap((b) => challengeTree(snapshot, b.id).actions.map((row) => row.action))
    .filter((a) => a.status !== 'done')
}

/**
 * The open actions of `source` as new cards at the end of the action lane of the target challenge
 * board: text, owner, due date, status and tags kept, `origin` pointing back. An action already
 * taken over into this board (a card with the same origin) is not added again. They arrive without
 * links: the solutions they carried out belong to the earlier meeting.
 */
export function planTakeOverActions(source: TakeOverSource, target: TakeOverTarget, context: Omit<NewRecordContext, 'boardId'>): TakeOverResult {
  const board = targetBoard(source, target, 'challengeBoard')
  if (typeof board === 'string') return { ok: false, reason: board }
  const here = target.snapshot.items.filter((i): i is CardRecord => i.kind === 'card' && i.boardId === board.id)
  const taken = new Set(here.flatMap((c) => (c.origin?.workshopId === source.workshopId ? [c.origin.cardId] : [])))
  const lane = here.filter((c) => c.lane === 'action')
  const created: CardRecord[] = []
  let alreadyThere = 0
  for (const action of openActions(source.snapshot)) {
    if (taken.has(action.id)) {
      alreadyThere++
      continue
    }
    const card: CardRecord = {
      id: context.newId(),
      kind: 'card',
      boardId: board.id,
      lane: 'action',
      text: action.text,
      order: orderAtEnd([...lane, ...created]),
      owner: action.owner,
      dueDate: action.dueDate,
      status: action.status,
      origin: { workshopId: source.workshopId, cardId: action.id },
      createdAt: context.now,
      sdgs: action.sdgs,
      dimension: action.dimension,
    }
    created.push(card)
  }
  return { ok: true, plan: created.length > 0 ? { createItems: created } : {}, added: created.length, alreadyThere }
}

/** Names and group names match across workshops whatever their case and spacing. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim()
  return norm(a) === norm(b)
}

/** Two groups are the same group when both keep a preset's label and share it, or when their names match. */
function sameGroup(a: StakeholderGroupRecord, b: StakeholderGroupRecord): boolean {
  if (a.name === '' && b.name === '') return a.preset !== '' && a.preset === b.preset
  return a.name !== '' && sameName(a.name, b.name)
}

/**
 * The stakeholders of every stakeholder map of `source` onto the target map, in plan order: name,
 * ratings, contact person, plan row (message, channel, frequency), involvement levels and tags
 * kept. Each lands in the target's group that matches its own (by name, or by preset while both
 * keep the preset's label); a group the target lacks is added after its zones. A stakeholder whose
 * name the target map already has is not added again. Cards are placed in free slots of their zones.
 * Each new stakeholder's `origin` links back to the one it came from. `only`: the ids of the source's
 * stakeholders the person chose (all when absent).
 */
export function planTakeOverStakeholders(
  source: TakeOverSource,
  target: TakeOverTarget,
  context: Omit<NewRecordContext, 'boardId'>,
  only?: ReadonlySet<string>,
): TakeOverResult {
  const board = targetBoard(source, target, 'stakeholderMap')
  if (typeof board === 'string') return { ok: false, reason: board }
  const groupsHere = sortByOrder(target.snapshot.items.filter((i): i is StakeholderGroupRecord => i.kind === 'stakeholderGroup' && i.boardId === board.id))
  const stakeholdersHere = target.snapshot.items.filter((i): i is StakeholderRecord => i.kind === 'stakeholder' && i.boardId === board.id)
  const newGroups: StakeholderGroupRecord[] = []
  const added: StakeholderRecord[] = []
  let alreadyThere = 0

  const sourceMaps = sortByOrder(source.snapshot.boards).filter((b) => b.template === 'stakeholderMap')
  for (const map of sourceMaps) {
    const groups = sortByOrder(source.snapshot.items.filter((i): i is StakeholderGroupRecord => i.kind === 'stakeholderGroup' && i.boardId === map.id))
    const stakeholders = sortForPlan(
      source.snapshot.items.filter((i): i is StakeholderRecord => i.kind === 'stakeholder' && i.boardId === map.id),
      groups,
    )
    for (const stakeholder of stakeholders) {
      if (only && !only.has(stakeholder.id)) continue
      if ([...stakeholdersHere, ...added].some((s) => sameName(s.name, stakeholder.name))) {
        alreadyThere++
        continue
      }
      const group = groups.find((g) => g.id === stakeholder.groupId)
      let groupId = ''
      if (group) {
        const match = [...groupsHere, ...newGroups].find((g) => sameGroup(g, group))
        if (match) groupId = match.id
        else {
          const created: StakeholderGroupRecord = {
            id: context.newId(),
            kind: 'stakeholderGroup',
            boardId: board.id,
            name: group.name,
            preset: group.preset,
            order: orderAtEnd([...groupsHere, ...newGroups]),
            createdAt: context.now,
          }
          newGroups.push(created)
          groupId = created.id
        }
      }
      const { id: _id, boardId: _boardId, groupId: _groupId, createdAt: _createdAt, ...kept } = stakeholder
      const origin = { workshopId: source.workshopId, stakeholderId: stakeholder.id }
      added.push({ ...kept, id: context.newId(), kind: 'stakeholder', boardId: board.id, groupId, origin, createdAt: context.now })
    }
  }
  placeTakenOver(added, [...groupsHere, ...newGroups], stakeholdersHere)
  const createItems = [...newGroups, ...added]
  return { ok: true, plan: createItems.length > 0 ? { createItems } : {}, added: added.length, alreadyThere }
}

/** Gives each new card a free slot in its zone as the zones will be laid out with it; ungrouped ones a row below the zones. */
function placeTakenOver(added: StakeholderRecord[], groups: readonly StakeholderGroupRecord[], existing: readonly StakeholderRecord[]): void {
  const counts = new Map<string, number>()
  for (const s of [...existing, ...added]) counts.set(s.groupId, (counts.get(s.groupId) ?? 0) + 1)
  const zones = layoutZones(groups, { cardCounts: counts })
  const placed: Point[] = existing.map((s) => ({ x: s.x, y: s.y }))
  const bottom = zones.reduce((max, z) => Math.max(max, z.y + z.h), 0) + zoneMetrics.margin
  let ungrouped = 0
  for (const s of added) {
    const zone = zones.find((z) => z.groupId === s.groupId)
    const point = zone
      ? placeInZone(zone, placed)
      : { x: (ungrouped % 4) * (STAKEHOLDER_CARD_SIZE.w + zoneMetrics.gap), y: bottom + Math.floor(ungrouped++ / 4) * (STAKEHOLDER_CARD_SIZE.h + zoneMetrics.gap) }
    s.x = point.x
    s.y = point.y
    placed.push(point)
  }
}
