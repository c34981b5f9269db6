import type { AccessRow, HistoryEntry, HistoryKind, WorkshopAccessRows, WorkshopRow } from './Persistence'

/*
 * Rows as SQLite (better-sqlite3) and PostgreSQL (pg) return them, and the values to write. The two
 * differ only in how a driver hands over a few types: a boolean is 0/1 in SQLite, a bigint is a
 * string from pg, and `counts` is TEXT in SQLite but jsonb (already parsed) in PostgreSQL.
 */

export interface WorkshopDbRow {
  id: string
  title: string
  language: string
  created_at: number | string
}

export function toWorkshopRow(row: WorkshopDbRow): WorkshopRow {
  return { id: row.id, title: row.title, language: row.language, createdAt: Number(row.created_at) }
}

/** The columns of `workshop_access`, in the order of `accessValues`. */
export const ACCESS_COLUMNS = 'workshop_id, code, facilitator_key, participant_key, observer_key, secret, legacy_open'

export interface AccessDbRow {
  workshop_id: string
  code: string
  facilitator_key: string
  participant_key: string
  observer_key: string
  secret: string
  legacy_open: boolean | number
}

export function toAccessRow(row: AccessDbRow): AccessRow {
  return {
    workshopId: row.workshop_id,
    code: row.code,
    facilitatorKey: row.facilitator_key,
    participantKey: row.participant_key,
    observerKey: row.observer_key,
    secret: row.secret,
    legacyOpen: row.legacy_open === true || row.legacy_open === 1,
  }
}

/**
 * `getWorkshopAccess`'s one statement: the workshop, its access row (left join: a workshop from
 * before roles has none) and its removed participants aggregated into one column. `removedList`
 * is the dialect's aggregate of `participant_id` over `r`.
 */
export function workshopAccessQuery(placeholder: string, removedList: string): string {
  return `SELECT w.id, w.title, w.language, w.created_at, a.workshop_id, a.code, a.facilitator_key, a.participant_key,
            a.observer_key, a.secret, a.legacy_open,
            (SELECT ${removedList} FROM removed_participants r WHERE r.workshop_id = w.id) AS removed
     FROM workshops w LEFT JOIN workshop_access a ON a.workshop_id = w.id WHERE w.id = ${placeholder}`
}

export type WorkshopAccessDbRow = WorkshopDbRow & { [K in keyof AccessDbRow]: AccessDbRow[K] | null } & { removed: string | string[] | null }

/** SQLite aggregates the removed ids as JSON text, PostgreSQL as an array (null when there are none). */
export function toWorkshopAccessRows(row: WorkshopAccessDbRow): WorkshopAccessRows {
  const { removed } = row
  return {
    workshop: toWorkshopRow(row),
    access: row.workshop_id === null ? undefined : toAccessRow(row as AccessDbRow),
    removed: removed === null ? [] : typeof removed === 'string' ? (JSON.parse(removed) as string[]) : removed,
  }
}

/** The values of ACCESS_COLUMNS; SQLite, which binds no booleans, gets `legacy_open` as 0/1. */
export function accessValues(row: AccessRow, booleans: 'boolean' | 'integer'): unknown[] {
  const legacyOpen = booleans === 'integer' ? (row.legacyOpen ? 1 : 0) : row.legacyOpen
  return [row.workshopId, row.code, row.facilitatorKey, row.participantKey, row.observerKey, row.secret, legacyOpen]
}

export interface HistoryDbRow {
  workshop_id: string
  id: string
  created_at: number | string
  kind: string
  label: string
  /** JSON text in SQLite, the parsed value from PostgreSQL's jsonb. */
  counts: unknown
}

/** The values of a history row in column order: workshop_id, id, created_at, kind, label, state, counts. */
export function historyValues(entry: HistoryEntry, state: Uint8Array): unknown[] {
  return [entry.workshopId, entry.id, entry.createdAt, entry.kind, entry.label, Buffer.from(state), JSON.stringify(entry.counts)]
}

export function toHistoryEntry(row: HistoryDbRow): HistoryEntry {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    createdAt: Number(row.created_at),
    kind: row.kind as HistoryKind,
    label: row.label,
    counts: typeof row.counts === 'string' ? (JSON.parse(row.counts) as unknown) : row.counts,
  }
}
