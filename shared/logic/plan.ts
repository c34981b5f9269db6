import type { BoardRecord } from '../schema/records/board'
import type { ItemRecord } from '../schema/schema'

/**
 * A change to the document described as data. Pure board logic returns plans; the client store
 * validates a whole plan and applies it in one transaction (one update, one undo step), or
 * refuses it whole with the validator's message.
 */
export interface DocumentPlan {
  createBoards?: BoardRecord[]
  updateBoards?: { id: string; patch: Partial<Omit<BoardRecord, 'id'>> }[]
  deleteBoards?: string[]
  createItems?: ItemRecord[]
  updateItems?: { id: string; patch: Record<string, unknown> }[]
  deleteItems?: string[]
}

export function isEmptyPlan(plan: DocumentPlan): boolean {
  return Object.values(plan).every((list) => !list || list.length === 0)
}

/** Concatenates plans in order. */
export function mergePlans(...plans: DocumentPlan[]): DocumentPlan {
  const merged: Required<DocumentPlan> = {
    createBoards: [],
    updateBoards: [],
    deleteBoards: [],
    createItems: [],
    updateItems: [],
    deleteItems: [],
  }
  for (const plan of plans) {
    for (const key of Object.keys(merged) as (keyof DocumentPlan)[]) {
      ;(merged[key] as unknown[]).push(...((plan[key] as unknown[] | undefined) ?? []))
    }
  }
  return merged
}
