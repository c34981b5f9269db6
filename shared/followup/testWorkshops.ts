import type { WorkshopSnapshot } from '../export/workshopJson'
import type { BoardRecord, BoardTemplate } from '../schema/records/board'
import type { CardLane, CardRecord } from '../schema/records/card'
import type { ConnectorRecord } from '../schema/records/connector'
import type { DocumentPlan } from '../logic/plan'
import type { ItemRecord } from '../schema/schema'

/** Builders for the follow-up tables: small workshops written as the records they hold. */
export function board(id: string, template: BoardTemplate, order = 'a0', title = id): BoardRecord {
  return { id, title, order, template, showHelp: false, linkedBoardId: '' }
}

export function card(id: string, boardId: string, lane: CardLane, order: string, fields: Partial<CardRecord> = {}): CardRecord {
  return {
    id,
    kind: 'card',
    boardId,
    lane,
    text: id,
    order,
    owner: '',
    dueDate: '',
    status: 'open',
    origin: null,
    createdAt: 1,
    sdgs: [],
    dimension: '',
    ...fields,
  }
}

export function link(id: string, boardId: string, from: string, to: string, relation: ConnectorRecord['relation']): ConnectorRecord {
  return { id, kind: 'connector', boardId, from: { itemId: from }, to: { itemId: to }, relation, arrowhead: 'end', color: '#000000', createdAt: 1 }
}

export function workshop(title: string, boards: BoardRecord[], items: ItemRecord[], language = 'nb'): WorkshopSnapshot {
  return { meta: { title, language, createdAt: 0 }, boards, items }
}

/** The snapshot after a plan that only creates records (what the take-over plans do). */
export function applyPlanToSnapshot(snapshot: WorkshopSnapshot, plan: DocumentPlan): WorkshopSnapshot {
  return { ...snapshot, boards: [...snapshot.boards, ...(plan.createBoards ?? [])], items: [...snapshot.items, ...(plan.createItems ?? [])] }
}
