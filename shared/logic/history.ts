import type { BoardRecord } from '../schema/records/board'
import type { ItemKind, ItemRecord } from '../schema/schema'
import type { DocumentPlan } from './plan'

/**
 * A workshop's history: what a snapshot contains (counts), how it differs from now, and the plan
 * that makes the live document equal to it again. Pure: the server stores snapshots, the client
 * applies the plan through the store (one transaction, so one update everyone receives and one
 * undo step for the person who restored).
 */

/** The records of a workshop as plain data (a snapshot from the server, or the live store). */
export interface WorkshopRecords {
  boards: readonly BoardRecord[]
  items: readonly ItemRecord[]
}

export type KindCounts = Partial<Record<ItemKind, number>>

export interface BoardCounts {
  id: string
  title: string
  template: BoardRecord['template']
  items: number
  byKind: KindCounts
}

/** What a snapshot holds, small enough to list many of them. */
export interface HistoryCounts {
  boards: number
  items: number
  byKind: KindCounts
  /** In board order. */
  byBoard: BoardCounts[]
}

function byOrder(a: BoardRecord, b: BoardRecord): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Counts by kind, overall and per board. Items whose board is gone count overall only. */
export function countRecords(records: WorkshopRecords): HistoryCounts {
  const byBoard = [...records.boards].sort(byOrder).map(
    (board): BoardCounts => ({ id: board.id, title: board.title, template: board.template, items: 0, byKind: {} }),
  )
  const boardIndex = new Map(byBoard.map((board) => [board.id, board]))
  const byKind: KindCounts = {}
  for (const item of records.items) {
    byKind[item.kind] = (byKind[item.kind] ?? 0) + 1
    const board = boardIndex.get(item.boardId)
    if (board) {
      board.items++
      board.byKind[item.kind] = (board.byKind[item.kind] ?? 0) + 1
    }
  }
  return { boards: byBoard.length, items: records.items.length, byKind, byBoard }
}

export interface KindDifference {
  kind: ItemKind
  then: number
  now: number
}

export interface BoardDifference {
  id: string
  title: string
  then: number
  now: number
}

/** How now differs from a snapshot ("then"), seen from now: what happened since. */
export interface CountsDiff {
  /** Every kind present at either time, with both counts; sorted by kind. */
  kinds: KindDifference[]
  /** Boards that exist now but not then (a restore removes them). */
  boardsAddedSince: { id: string; title: string }[]
  /** Boards that existed then but not now (a restore brings them back). */
  boardsRemovedSince: { id: string; title: string }[]
  /** Boards at both times whose item count changed. */
  boardsChanged: BoardDifference[]
  /** True when nothing countable differs. */
  same: boolean
}

export function diffCounts(now: HistoryCounts, then: HistoryCounts): CountsDiff {
  const kindNames = new Set<ItemKind>([
    ...(Object.keys(now.byKind) as ItemKind[]),
    ...(Object.keys(then.byKind) as ItemKind[]),
  ])
  const kinds = [...kindNames]
    .sort()
    .map((kind) => ({ kind, then: then.byKind[kind] ?? 0, now: now.byKind[kind] ?? 0 }))
  const thenBoards = new Map(then.byBoard.map((board) => [board.id, board]))
  const nowBoards = new Map(now.byBoard.map((board) => [board.id, board]))
  const boardsAddedSince = now.byBoard.filter((b) => !thenBoards.has(b.id)).map(({ id, title }) => ({ id, title }))
  const boardsRemovedSince = then.byBoard.filter((b) => !nowBoards.has(b.id)).map(({ id, title }) => ({ id, title }))
  const boardsChanged = now.byBoard.flatMap((board) => {
    const earlier = thenBoards.get(board.id)
    return earlier && earlier.items !== board.items
      ? [{ id: board.id, title: board.title, then: earlier.items, now: board.items }]
      : []
  })
  const same =
    kinds.every((k) => k.then === k.now) &&
    boardsAddedSince.length === 0 &&
    boardsRemovedSince.length === 0 &&
    boardsChanged.length === 0
  return { kinds, boardsAddedSince, boardsRemovedSince, boardsChanged, same }
}

function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b)
  }
  return false
}

/** The fields of `target` that differ from `current` (fields only in `current` are left alone). */
function changedFields(current: object, target: object): Record<string, unknown> | null {
  const patch: Record<string, unknown> = {}
  let changed = false
  for (const [key, value] of Object.entries(target)) {
    if (key === 'id' || value === undefined) continue
    if (!isSameValue((current as Record<string, unknown>)[key], value)) {
      patch[key] = value
      changed = true
    }
  }
  return changed ? patch : null
}

/**
 * The plan that makes `current` equal to `snapshot`: delete boards and items the snapshot lacks,
 * create the ones it has that are gone, and patch only the fields that differ (so a restore is one
 * small update, and restoring twice changes nothing the second time). Board order is a field, so
 * it is restored too. Workshop meta (title, language) is not part of a restore.
 */
export function planRestore(current: WorkshopRecords, snapshot: WorkshopRecords): DocumentPlan {
  const currentBoards = new Map(current.boards.map((board) => [board.id, board]))
  const currentItems = new Map(current.items.map((item) => [item.id, item]))
  const snapshotBoards = new Set(snapshot.boards.map((board) => board.id))
  const snapshotItems = new Set(snapshot.items.map((item) => item.id))

  const plan: Required<DocumentPlan> = {
    createBoards: [],
    updateBoards: [],
    deleteBoards: [],
    createItems: [],
    updateItems: [],
    deleteItems: [],
  }
  for (const board of snapshot.boards) {
    const now = currentBoards.get(board.id)
    if (!now) {
      plan.createBoards.push({ ...board })
      continue
    }
    const patch = changedFields(now, board)
    if (patch) plan.updateBoards.push({ id: board.id, patch })
  }
  for (const item of snapshot.items) {
    const now = currentItems.get(item.id)
    if (!now) {
      plan.createItems.push({ ...item })
      continue
    }
    const patch = changedFields(now, item)
    if (patch) plan.updateItems.push({ id: item.id, patch })
  }
  plan.deleteItems = current.items.filter((item) => !snapshotItems.has(item.id)).map((item) => item.id)
  plan.deleteBoards = current.boards.filter((board) => !snapshotBoards.has(board.id)).map((board) => board.id)
  return plan
}

/**
 * Applies a plan to plain records, the way the store applies it to the document (creates and
 * patches first, then deletes; deleting a board deletes the items on it that the plan did not
 * write). For previews and tests.
 */
export function applyPlanToRecords(records: WorkshopRecords, plan: DocumentPlan): WorkshopRecords {
  const boards = new Map(records.boards.map((board) => [board.id, { ...board }]))
  const items = new Map(records.items.map((item) => [item.id, { ...item }]))
  for (const board of plan.createBoards ?? []) boards.set(board.id, { ...board })
  for (const { id, patch } of plan.updateBoards ?? []) {
    const board = boards.get(id)
    if (board) boards.set(id, { ...board, ...patch, id })
  }
  const written = new Set<string>()
  for (const item of plan.createItems ?? []) {
    items.set(item.id, { ...item })
    written.add(item.id)
  }
  for (const { id, patch } of plan.updateItems ?? []) {
    const item = items.get(id)
    if (item) {
      items.set(id, { ...item, ...patch, id, kind: item.kind } as ItemRecord)
      written.add(id)
    }
  }
  for (const id of plan.deleteItems ?? []) items.delete(id)
  for (const id of plan.deleteBoards ?? []) {
    for (const item of [...items.values()]) if (item.boardId === id && !written.has(item.id)) items.delete(item.id)
    boards.delete(id)
  }
  return { boards: [...boards.values()], items: [...items.values()] }
}

// ---- Checkpoint labels ----

export const HISTORY_LABEL_MAX = 80

/** A checkpoint's label: trimmed, 1–80 characters. */
export function validateHistoryLabel(input: unknown): { ok: true; value: string } | { ok: false; error: string } {
  if (typeof input !== 'string') return { ok: false, error: 'label must be a string' }
  const value = input.trim()
  if (value.length === 0) return { ok: false, error: 'label must not be empty' }
  if (value.length > HISTORY_LABEL_MAX) return { ok: false, error: `label is limited to ${HISTORY_LABEL_MAX} characters` }
  return { ok: true, value }
}
