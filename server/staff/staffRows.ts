import type { StaffRole } from '../../shared/staff'
import type { SessionRow, StaffRow, WorkshopActivityRow, WorkshopOverviewRow, WorkshopStaffRow } from './StaffStorage'

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
