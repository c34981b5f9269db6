import type { DocumentPlan } from '../logic/plan'
import type { ActionStatus } from '../schema/records/card'
import type { ItemRecord } from '../schema/schema'

/** What the action register may change of an action: its status and its due date ('' for none). */
export interface ActionChange {
  status?: ActionStatus
  dueDate?: string
}

export interface PlannedActionChange {
  plan: DocumentPlan
  /** The action's status and due date after the change. */
  after: { status: ActionStatus; dueDate: string }
  /** For the audit log: which action, and what changed (never its text). */
  detail: string
}

/**
 * The plan for a change made from the register, or null when the record is not an action card
 * (a card moved out of the action lane meanwhile is no longer in the register). Only the fields
 * that differ are in the plan; the plan is validated where it is applied (shared/doc/applyPlan).
 */
export function planActionChange(record: ItemRecord, change: ActionChange): PlannedActionChange | null {
  if (record.kind !== 'card' || record.lane !== 'action') return null
  const patch: Record<string, unknown> = {}
  const said: string[] = []
  if (change.status !== undefined && change.status !== record.status) {
    patch.status = change.status
    said.push(`status ${record.status} → ${change.status}`)
  }
  if (change.dueDate !== undefined && change.dueDate !== record.dueDate) {
    patch.dueDate = change.dueDate
    said.push(`due ${record.dueDate || '–'} → ${change.dueDate || '–'}`)
  }
  return {
    plan: said.length === 0 ? {} : { updateItems: [{ id: record.id, patch }] },
    after: { status: change.status ?? record.status, dueDate: change.dueDate ?? record.dueDate },
    detail: `${record.id}: ${said.join(', ') || 'unchanged'}`,
  }
}
