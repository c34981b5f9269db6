import { useCallback, useSyncExternalStore } from 'react'
import type { Role } from '../../../shared/access'
import { refusalReasons, type HeldNote, type RefusalReason, type RefusedRecord } from '../../../shared/facilitation/commands'
import { acceptsNotes, planPlaceHeldNotes } from '../../../shared/facilitation/reveal'
import type { DocumentPlan } from '../../../shared/logic/plan'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { SessionRecord } from '../../../shared/schema/records/session'
import type { ItemRecord } from '../../../shared/schema/schema'
import { loadStoredList, parseStoredList, saveStoredList } from '../lib/storedList'
import { boardAccess } from './boardAccess'

/**
 * Writing the server undid because the rules changed under its author (a board locked while they
 * were offline, "only their own" switched on): kept in this browser, per workshop, until they place
 * it somewhere they may write or let it go. localStorage, so a reload or a closed tab loses nothing.
 */
export interface NotAppliedEntry extends RefusedRecord {
  reason: RefusalReason
  refusedAt: number
}

/** More than a person writes offline in a session; the oldest go first beyond it. */
export const NOT_APPLIED_MAX = 100

const keyOf = (workshopId: string) => `samskap.notApplied.${workshopId}`
const listeners = new Set<() => void>()
const cache = new Map<string, readonly NotAppliedEntry[]>()

function isEntry(value: unknown): value is NotAppliedEntry {
  const entry = value as Partial<NotAppliedEntry> | null
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    typeof entry.kind === 'string' &&
    typeof entry.boardId === 'string' &&
    typeof entry.text === 'string' &&
    typeof entry.refusedAt === 'number' &&
    (refusalReasons as readonly unknown[]).includes(entry.reason)
  )
}

function read(workshopId: string): readonly NotAppliedEntry[] {
  let list = cache.get(workshopId)
  if (!list) {
    list = loadStoredList(keyOf(workshopId), (raw) => parseStoredList(raw, isEntry))
    cache.set(workshopId, list)
  }
  return list
}

function write(workshopId: string, list: readonly NotAppliedEntry[]): void {
  cache.set(workshopId, list)
  saveStoredList(keyOf(workshopId), list)
  for (const listener of [...listeners]) listener()
}

/** Keeps what a refusal gave back; the same record refused again keeps its latest text. */
export function keepNotApplied(workshopId: string, reason: RefusalReason, records: readonly RefusedRecord[], now = Date.now()): void {
  if (records.length === 0) return
  const fresh = records.map((record): NotAppliedEntry => ({ id: record.id, kind: record.kind, boardId: record.boardId, text: record.text, reason, refusedAt: now }))
  const ids = new Set(fresh.map((entry) => entry.id))
  write(workshopId, [...read(workshopId).filter((entry) => !ids.has(entry.id)), ...fresh].slice(-NOT_APPLIED_MAX))
}

export function forgetNotApplied(workshopId: string, id: string): void {
  write(
    workshopId,
    read(workshopId).filter((entry) => entry.id !== id),
  )
}

/** What this browser keeps for the workshop, oldest first. */
export function useNotApplied(workshopId: string): readonly NotAppliedEntry[] {
  const subscribe = useCallback((listener: () => void) => {
    listeners.add(listener)
    // Another tab of the same workshop kept or placed something.
    const onStorage = (event: StorageEvent) => {
      if (event.key !== keyOf(workshopId)) return
      cache.delete(workshopId)
      listener()
    }
    window.addEventListener('storage', onStorage)
    return () => {
      listeners.delete(listener)
      window.removeEventListener('storage', onStorage)
    }
  }, [workshopId])
  return useSyncExternalStore(subscribe, () => read(workshopId))
}

/**
 * Where "place it where I may write" puts an entry: its own board if that takes notes again (the
 * lock was lifted), else the board on screen, else the first one in the tabs; only boards that take
 * notes and where this person may add them now. Null when there is none.
 */
export function placeTarget(
  entry: Pick<NotAppliedEntry, 'boardId'>,
  boards: readonly BoardRecord[],
  shownBoardId: string | null,
  role: Role,
  session: Pick<SessionRecord, 'lockedBoards' | 'phase'>,
): BoardRecord | null {
  const writable = (board: BoardRecord | undefined): board is BoardRecord => acceptsNotes(board) && boardAccess(role, session, board.id).canCreate
  const byId = (id: string | null) => boards.find((board) => board.id === id)
  const own = byId(entry.boardId)
  if (writable(own)) return own
  const shown = byId(shownBoardId)
  if (writable(shown)) return shown
  return boards.find(writable) ?? null
}

/**
 * The entry as a new note (or challenge card) of this person's, with a new id, in the first free
 * place on `board`, as revealed notes are placed (shared/facilitation/reveal.ts).
 */
export function planPlaceNotApplied(entry: NotAppliedEntry, board: BoardRecord, existing: readonly ItemRecord[], id: string, now: number): DocumentPlan {
  const note: HeldNote = {
    id,
    authorId: '',
    authorName: '',
    boardId: board.id,
    lane: '',
    text: entry.text,
    color: 'yellow',
    createdAt: now,
    status: 'queued',
    phaseId: '',
    original: null,
  }
  return planPlaceHeldNotes(board, [note], existing)
}
