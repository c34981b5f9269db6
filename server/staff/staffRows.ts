import { auditActions, type AuditAction, type AuditActor, type AuditEntry, type StaffRole } from '../../shared/staff'
import type { PendingLogin, SessionRow, StaffRow, WorkshopActivityRow, WorkshopOverviewRow, WorkshopStaffRow } from './StaffStorage'

/*
 * Rows of the staff tables as SQLite and PostgreSQL return them: bigints come from pg as strings,
 * booleans from SQLite as 0/1, `groups` is JSON text in SQLite and jsonb (parsed) in PostgreSQL.
 */

export interface StaffDbRow {
  id: string
  issuer: string
  subject: string
  name: string
  email: string
  groups: unknown
  is_admin: boolean | number
  first_seen_at: number | string
  last_seen_at: number | string
}

export function toStaffRow(row: StaffDbRow): StaffRow {
  const groups = typeof row.groups === 'string' ? (JSON.parse(row.groups) as unknown) : row.groups
  return {
    id: row.id,
    issuer: row.issuer,
    subject: row.subject,
    name: row.name,
    email: row.email,
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    isAdmin: row.is_admin === true || row.is_admin === 1,
    firstSeenAt: Number(row.first_seen_at),
    lastSeenAt: Number(row.last_seen_at),
  }
}

export interface SessionDbRow {
  id_hash: string
  staff_id: string
  created_at: number | string
  expires_at: number | string
  id_token: string
}

export function toSessionRow(row: SessionDbRow): SessionRow {
  return {
    idHash: row.id_hash,
    staffId: row.staff_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    idToken: row.id_token,
  }
}

/** The values of a staff row in column order (id … last_seen_at); SQLite, which binds no booleans, gets `is_admin` as 0/1. */
export function staffValues(row: StaffRow, booleans: 'boolean' | 'integer'): unknown[] {
  const isAdmin = booleans === 'integer' ? (row.isAdmin ? 1 : 0) : row.isAdmin
  return [row.id, row.issuer, row.subject, row.name, row.email, JSON.stringify(row.groups), isAdmin, row.firstSeenAt, row.lastSeenAt]
}

export interface LoginDbRow {
  id_hash: string
  state: string
  nonce: string
  code_verifier: string
  return_to: string
  expires_at: number | string
}

export function toPendingLogin(row: LoginDbRow): PendingLogin {
  return { idHash: row.id_hash, state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to, expiresAt: Number(row.expires_at) }
}

export interface WorkshopStaffDbRow {
  workshop_id: string
  staff_id: string
  role: string
  added_at: number | string
}

export function toWorkshopStaffRow(row: WorkshopStaffDbRow): WorkshopStaffRow {
  return { workshopId: row.workshop_id, staffId: row.staff_id, role: row.role as StaffRole, addedAt: Number(row.added_at) }
}

export interface OverviewDbRow {
  id: string
  title: string
  created_at: number | string
  owner_id: string | null
  last_activity_at: number | string | null
  participants: number | string | null
  kept_at: number | string | null
  document_bytes: number | string | null
  history_bytes: number | string | null
}

/**
 * The admin overview's query, one row per workshop. The dialects differ in two expressions: the
 * workshop a stored document belongs to (companions are `<workshopId>/<name>`) and a blob's length.
 */
export function overviewSql(dialect: { owningWorkshop: string; byteLength: 'length' | 'octet_length' }): string {
  const { owningWorkshop, byteLength } = dialect
  return `WITH docs AS (
    SELECT ${owningWorkshop} AS wid, SUM(${byteLength}(data)) AS bytes FROM snapshots GROUP BY 1
    UNION ALL SELECT ${owningWorkshop}, SUM(${byteLength}(data)) FROM updates GROUP BY 1
  ), doc_bytes AS (SELECT wid, SUM(bytes) AS bytes FROM docs GROUP BY wid),
  history_bytes AS (SELECT workshop_id, SUM(${byteLength}(state)) AS bytes FROM history GROUP BY workshop_id)
  SELECT w.id, w.title, w.created_at, o.staff_id AS owner_id, a.last_activity_at, a.participants, a.kept_at,
         d.bytes AS document_bytes, h.bytes AS history_bytes
  FROM workshops w
  LEFT JOIN workshop_staff o ON o.workshop_id = w.id AND o.role = 'owner'
  LEFT JOIN workshop_activity a ON a.workshop_id = w.id
  LEFT JOIN doc_bytes d ON d.wid = w.id
  LEFT JOIN history_bytes h ON h.workshop_id = w.id
  ORDER BY w.created_at DESC, w.id`
}

export function toOverviewRow(row: OverviewDbRow): WorkshopOverviewRow {
  return {
    id: row.id,
    title: row.title,
    createdAt: Number(row.created_at),
    ownerId: row.owner_id,
    lastActivityAt: row.last_activity_at === null ? null : Number(row.last_activity_at),
    participants: Number(row.participants ?? 0),
    keptAt: row.kept_at === null ? null : Number(row.kept_at),
    documentBytes: Number(row.document_bytes ?? 0),
    historyBytes: Number(row.history_bytes ?? 0),
  }
}

export interface ActivityDbRow {
  workshop_id: string
  created_by: string | null
  last_activity_at: number | string | null
  participants: number | string
  kept_at: number | string | null
}

export function toActivityRow(row: ActivityDbRow): WorkshopActivityRow {
  return {
    workshopId: row.workshop_id,
    createdBy: row.created_by,
    lastActivityAt: row.last_activity_at === null ? null : Number(row.last_activity_at),
    participants: Number(row.participants),
    keptAt: row.kept_at === null ? null : Number(row.kept_at),
  }
}

export interface StaffWorkshopDbRow {
  id: string
  title: string
  role: string
  created_at: number | string
  last_activity_at: number | string | null
}

export function toStaffWorkshop(row: StaffWorkshopDbRow) {
  return {
    id: row.id,
    title: row.title,
    role: row.role as StaffRole,
    createdAt: Number(row.created_at),
    lastActivityAt: row.last_activity_at === null ? null : Number(row.last_activity_at),
  }
}

/** `%` and `_` of a search taken literally in LIKE … ESCAPE '\'. */
export function likePattern(query: string): string {
  return `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** A row of `audit_log`. The actor is three columns so a staff member's line keeps the name they had then. */
export interface AuditDbRow {
  workshop_id: string
  at: number | string
  action: string
  actor_kind: string
  actor_id: string | null
  actor_name: string | null
  detail: string
}

export function toAuditEntry(row: AuditDbRow): AuditEntry {
  const action = (auditActions as readonly string[]).includes(row.action) ? (row.action as AuditAction) : 'created'
  const actor: AuditActor =
    row.actor_kind === 'staff' ? { kind: 'staff', id: row.actor_id ?? '', name: row.actor_name ?? '' } : row.actor_kind === 'retention' ? { kind: 'retention' } : { kind: 'link' }
  return { workshopId: row.workshop_id, at: Number(row.at), action, actor, detail: row.detail }
}

/** The values of an audit row in column order: workshop_id, at, action, actor_kind, actor_id, actor_name, detail. */
export function auditValues(entry: AuditEntry): [string, number, string, string, string | null, string | null, string] {
  const { actor } = entry
  return [entry.workshopId, entry.at, entry.action, actor.kind, actor.kind === 'staff' ? actor.id : null, actor.kind === 'staff' ? actor.name : null, entry.detail]
}
