import type * as Y from 'yjs'
import type { DocumentPlan } from '../logic/plan'
import type { PlainRecord } from '../schema/Migration'
import { validateBoard, validateItem, type ItemRecord } from '../schema/schema'
import type { BoardRecord } from '../schema/records/board'
import type { ValidationResult } from '../schema/validation'
import { createRecordMap, getWorkshopMaps, patchRecordMap, readRecord, type WorkshopMaps } from './workshopDoc'

/**
 * The one write path into a workshop document. The client store, the server's facilitation
 * commands, import and history restore all hand a `DocumentPlan` to `applyPlan`: every record the
 * plan creates or changes is validated as it will stand afterwards, and the plan is written in one
 * transaction, or refused whole with the first validator message and nothing written.
 */
export class PlanRejectedError extends Error {
  override name = 'PlanRejectedError'
  constructor(
    message: string,
    /** The record the refusal is about, when there is one. */
    readonly recordId?: string,
  ) {
    super(message)
  }
}

/** A plan whose records have all been validated against the document as it stood. */
export interface CheckedPlan {
  boards: { id: string; record: BoardRecord }[]
  items: { id: string; record: ItemRecord }[]
  deleteItems: readonly string[]
  deleteBoards: readonly string[]
}

/**
 * Validates every record the plan writes, as it will be after the plan. An update of an item
 * someone else deleted meanwhile is dropped (nothing to update); an update of a missing board is
 * refused, since board updates come from people looking at that board.
 */
export function checkPlan(maps: WorkshopMaps, plan: DocumentPlan): CheckedPlan {
  const boards: CheckedPlan['boards'] = []
  const items: CheckedPlan['items'] = []
  for (const board of plan.createBoards ?? []) boards.push({ id: board.id, record: valid(validateBoard(board), board.id) })
  for (const { id, patch } of plan.updateBoards ?? []) {
    const current = maps.boards.get(id)
    if (!current) throw new PlanRejectedError(`board ${id} does not exist`, id)
    boards.push({ id, record: valid(validateBoard({ ...readRecord(current), ...patch, id }), id) })
  }
  for (const item of plan.createItems ?? []) items.push({ id: item.id, record: valid(validateItem(item), item.id) })
  for (const { id, patch } of plan.updateItems ?? []) {
    const current = maps.items.get(id)
    if (!current) continue
    const before = readRecord(current)
    items.push({ id, record: valid(validateItem({ ...before, ...patch, id, kind: before.kind }), id) })
  }
  return { boards, items, deleteItems: plan.deleteItems ?? [], deleteBoards: plan.deleteBoards ?? [] }
}

/**
 * Writes a checked plan. Call it inside a transaction: `doc.transact(() => writePlan(...), origin)`.
 * Updates write only the fields that differ, so concurrent edits to other fields survive. Deleting
 * a board deletes what is on it, except items the same plan wrote (moved off it first).
 */
export function writePlan(maps: WorkshopMaps, checked: CheckedPlan): void {
  for (const { id, record } of checked.boards) {
    const map = maps.boards.get(id)
    if (map) patchRecordMap(map, { ...record } as PlainRecord)
    else maps.boards.set(id, createRecordMap(record))
  }
  for (const { id, record } of checked.items) {
    // A creation whose id exists (the same plan applied twice) patches: the plan says what it is.
    const map = maps.items.get(id)
    if (map) patchRecordMap(map, { ...record } as PlainRecord)
    else maps.items.set(id, createRecordMap(record))
  }
  for (const id of checked.deleteItems) maps.items.delete(id)
  if (checked.deleteBoards.length > 0) {
    const doomed = new Set(checked.deleteBoards)
    const written = new Set(checked.items.map(({ id }) => id))
    for (const [itemId, map] of maps.items.entries()) {
      if (!written.has(itemId) && doomed.has(map.get('boardId') as string)) maps.items.delete(itemId)
    }
    for (const id of checked.deleteBoards) maps.boards.delete(id)
  }
}

/**
 * Validates and writes a plan in one transaction with `origin`. Throws PlanRejectedError, having
 * written nothing, when any record would be invalid.
 */
export function applyPlan(doc: Y.Doc, plan: DocumentPlan, origin: unknown): void {
  const maps = getWorkshopMaps(doc)
  const checked = checkPlan(maps, plan)
  doc.transact(() => writePlan(maps, checked), origin)
}

function valid<T>(result: ValidationResult<T>, recordId: string): T {
  if (!result.ok) throw new PlanRejectedError(result.error, recordId)
  return result.value
}
