import { sortByOrder } from '../logic/boardOrder'
import { levelGap } from '../logic/involvement'
import { sortForPlan } from '../logic/stakeholderMap'
import type { BoardRecord } from '../schema/records/board'
import type { CardRecord } from '../schema/records/card'
import type { CollaborationRecord } from '../schema/records/collaboration'
import type { ConnectorRecord } from '../schema/records/connector'
import type { NoteRecord } from '../schema/records/note'
import type { StakeholderRecord } from '../schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../schema/records/stakeholderGroup'
import { sustainabilityDimensions } from '../schema/tags'
import type { ItemKind, ItemOfKind } from '../schema/schema'
import type { ExportLabels } from './exportLabels'
import type { WorkshopSnapshot } from './workshopJson'

/**
 * The content of a workshop arranged the way the written outcome reads it: one function per board
 * template, shared by the minutes, the CSV files and the PDF report, so they always agree.
 */
export function itemsOfKind<K extends ItemKind>(snapshot: WorkshopSnapshot, boardId: string, kind: K): ItemOfKind<K>[] {
  return snapshot.items
    .filter((item): item is ItemOfKind<K> => item.boardId === boardId && item.kind === kind)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * A board's heading in the exports: its title, and the template's name only when the title does
 * not already say it ("Interessentkart", not "Interessentkart (interessentkart)").
 */
export function boardHeading(board: Pick<BoardRecord, 'title' | 'template'>, labels: Pick<ExportLabels, 'template' | 'emptyText'>): string {
  const title = board.title.trim()
  const template = labels.template(board.template)
  if (!title) return `${labels.emptyText} (${template})`
  return title.toLocaleLowerCase() === template.trim().toLocaleLowerCase() ? title : `${title} (${template})`
}

/**
 * Whether a board has anything to draw: notes or shapes, stakeholders, matrix rows (from its
 * map), cards. The report gives a board a page only then; its minutes say it is empty.
 */
export function boardHasContent(snapshot: WorkshopSnapshot, board: BoardRecord): boolean {
  switch (board.template) {
    case 'canvas':
      return snapshot.items.some((i) => i.boardId === board.id)
    case 'stakeholderMap':
      return itemsOfKind(snapshot, board.id, 'stakeholder').length > 0
    case 'involvementMatrix':
      return board.linkedBoardId !== '' && itemsOfKind(snapshot, board.linkedBoardId, 'stakeholder').length > 0
    case 'challengeBoard':
      return itemsOfKind(snapshot, board.id, 'card').length > 0
  }
}

export function boardsInOrder(snapshot: WorkshopSnapshot): BoardRecord[] {
  return sortByOrder(snapshot.boards)
}

export interface StakeholderRow {
  stakeholder: StakeholderRecord
  /** The group's display name ('' when outside every zone). */
  group: string
}

export function stakeholderRows(
  snapshot: WorkshopSnapshot,
  mapId: string,
  groupName: (name: string, preset: string) => string,
): StakeholderRow[] {
  const groups = sortByOrder(itemsOfKind(snapshot, mapId, 'stakeholderGroup')) as StakeholderGroupRecord[]
  const byId = new Map(groups.map((g) => [g.id, g]))
  return sortForPlan(itemsOfKind(snapshot, mapId, 'stakeholder'), groups).map((stakeholder) => {
    const group = byId.get(stakeholder.groupId)
    return { stakeholder, group: group ? groupName(group.name, group.preset) : '' }
  })
}

export interface MatrixRow extends StakeholderRow {
  /** wanted − now, or null when either level is not set. */
  gap: number | null
  collaboration: CollaborationRecord | undefined
}

export function matrixRows(
  snapshot: WorkshopSnapshot,
  matrix: BoardRecord,
  groupName: (name: string, preset: string) => string,
): MatrixRow[] {
  if (!matrix.linkedBoardId) return []
  const collaborations = itemsOfKind(snapshot, matrix.id, 'collaboration')
  return stakeholderRows(snapshot, matrix.linkedBoardId, groupName).map((row) => {
    const gap = levelGap(row.stakeholder.levelNow, row.stakeholder.levelWanted)
    return {
      ...row,
      gap: gap.direction === 'unset' ? null : row.stakeholder.levelWanted - row.stakeholder.levelNow,
      collaboration: collaborations.find((c) => c.stakeholderId === row.stakeholder.id),
    }
  })
}

export interface ActionRow {
  action: CardRecord
  solution: CardRecord | undefined
  challenge: CardRecord | undefined
}

export interface ChallengeTree {
  challenges: { challenge: CardRecord; solutions: { solution: CardRecord; actions: CardRecord[] }[] }[]
  /** Solutions that answer no challenge, and actions that carry out no solution. */
  unlinkedSolutions: { solution: CardRecord; actions: CardRecord[] }[]
  unlinkedActions: CardRecord[]
  /** Every action once, with the first solution and challenge it belongs to (for the CSV). */
  actions: ActionRow[]
}

/**
 * Challenges with the solutions that answer them and the actions that carry those out, each lane
 * in its board order. Links are connectors with a relation (from = the solution / the action).
 */
export function challengeTree(snapshot: WorkshopSnapshot, boardId: string): ChallengeTree {
  const cards = itemsOfKind(snapshot, boardId, 'card')
  const byId = new Map(cards.map((c) => [c.id, c]))
  const lane = (name: CardRecord['lane']) => sortByOrder(cards.filter((c) => c.lane === name))
  const connectors = itemsOfKind(snapshot, boardId, 'connector').filter(
    (c): c is ConnectorRecord & { from: { itemId: string }; to: { itemId: string } } =>
      'itemId' in c.from && 'itemId' in c.to,
  )
  const linked = (relation: ConnectorRecord['relation'], toId: string, fromLane: CardRecord['lane']) => {
    const ids = new Set(connectors.filter((c) => c.relation === relation && c.to.itemId === toId).map((c) => c.from.itemId))
    return lane(fromLane).filter((c) => ids.has(c.id))
  }
  const hasLink = (relation: ConnectorRecord['relation'], fromId: string) =>
    connectors.some((c) => c.relation === relation && c.from.itemId === fromId && byId.has(c.to.itemId))
  const withActions = (solution: CardRecord) => ({ solution, actions: linked('carriesOut', solution.id, 'action') })

  const challenges = lane('challenge').map((challenge) => ({
    challenge,
    solutions: linked('answers', challenge.id, 'solution').map(withActions),
  }))
  const unlinkedSolutions = lane('solution').filter((s) => !hasLink('answers', s.id)).map(withActions)
  const unlinkedActions = lane('action').filter((a) => !hasLink('carriesOut', a.id))

  const actions = lane('action').map((action) => {
    const solutionLink = connectors.find((c) => c.relation === 'carriesOut' && c.from.itemId === action.id && byId.has(c.to.itemId))
    const solution = solutionLink ? byId.get(solutionLink.to.itemId) : undefined
    const challengeLink = solution
      ? connectors.find((c) => c.relation === 'answers' && c.from.itemId === solution.id && byId.has(c.to.itemId))
      : undefined
    return { action, solution, challenge: challengeLink ? byId.get(challengeLink.to.itemId) : undefined }
  })
  return { challenges, unlinkedSolutions, unlinkedActions, actions }
}

export type NoteGroupKey = { kind: 'sdg'; sdg: number } | { kind: 'dimension'; dimension: string } | { kind: 'untagged' }

/**
 * Notes grouped by tag: each SDG (ascending), then each dimension, then untagged notes last. A note
 * with several tags appears under each of them, as it would under each filter on the board.
 */
export function notesByTag(snapshot: WorkshopSnapshot, boardId: string): { key: NoteGroupKey; notes: NoteRecord[] }[] {
  const notes = itemsOfKind(snapshot, boardId, 'note').sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
  const groups: { key: NoteGroupKey; notes: NoteRecord[] }[] = []
  for (let sdg = 1; sdg <= 17; sdg++) {
    const tagged = notes.filter((n) => n.sdgs.includes(sdg))
    if (tagged.length > 0) groups.push({ key: { kind: 'sdg', sdg }, notes: tagged })
  }
  for (const dimension of sustainabilityDimensions) {
    const tagged = notes.filter((n) => n.dimension === dimension)
    if (tagged.length > 0) groups.push({ key: { kind: 'dimension', dimension }, notes: tagged })
  }
  const untagged = notes.filter((n) => n.sdgs.length === 0 && n.dimension === '')
  if (untagged.length > 0) groups.push({ key: { kind: 'untagged' }, notes: untagged })
  return groups
}
