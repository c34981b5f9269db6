import type { AuditActor, AuditEntry, StaffRole } from '../../shared/staff'

/** A person who signed in through the identity provider (table `staff`). */
export interface StaffRow {
  /** Ours: a hash of issuer and subject, so a `sub` reused by another provider is another person. */
  id: string
  issuer: string
  subject: string
  name: string
  email: string
  groups: string[]
  isAdmin: boolean
  /** ms since epoch */
  firstSeenAt: number
  lastSeenAt: number
}

/** A signed-in browser (table `staff_sessions`). Only the SHA-256 of the cookie's value is stored. */
export interface SessionRow {
  idHash: string
  staffId: string
  createdAt: number
  expiresAt: number
  /** For the identity provider's logout (`id_token_hint`); '' when it gave none. */
  idToken: string
}

/** A sign-in under way, between the redirect to the provider and its answer (table `staff_logins`). */
export interface PendingLogin {
  /** SHA-256 of the random value in the browser's login cookie: the answer must come back to the same browser. */
  idHash: string
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string
  expiresAt: number
}

/** A staff member's place in a workshop (table `workshop_staff`). */
export interface WorkshopStaffRow {
  workshopId: string
  staffId: string
  role: StaffRole
  addedAt: number
}

/**
 * Who made a workshop and when it was last edited (table `workshop_activity`), kept beside the
 * `workshops` table so retention (server/retention) can read it without loading a
 * document. `createdBy` stays who created it, whoever owns it now.
 */
export interface WorkshopActivityRow {
  workshopId: string
  createdBy: string | null
  lastActivityAt: number | null
  /** Personal participant tokens issued (people who joined by code or participant link). */
  participants: number
  /** When the owner last said "keep it" (or retention first saw it): retention counts from here too. */
  keptAt: number | null
}

/** What the administrator's overview reads per workshop in one query. */
export interface WorkshopOverviewRow {
  id: string
  title: string
  createdAt: number
  ownerId: string | null
  lastActivityAt: number | null
  participants: number
  keptAt: number | null
  documentBytes: number
  historyBytes: number
}

/**
 * Storage for staff, their sessions and their workshops, in the same database as the workshops
 * (SQLite or PostgreSQL), so every instance sees the same sessions and owners.
 */
export interface StaffStorage {
  upsertStaff(row: StaffRow): Promise<StaffRow>
  getStaff(id: string): Promise<StaffRow | undefined>
  getStaffMany(ids: readonly string[]): Promise<StaffRow[]>
  /** Staff whose name or e-mail contains `query` (case-insensitive), at most `limit`. */
  searchStaff(query: string, limit: number): Promise<StaffRow[]>

  insertSession(row: SessionRow): Promise<void>
  /** The session and its person, if it exists and has not expired at `now`. */
  getSession(idHash: string, now: number): Promise<{ session: SessionRow; staff: StaffRow } | undefined>
  deleteSession(idHash: string): Promise<void>
  /** Removes expired sessions and pending logins. */
  deleteExpired(now: number): Promise<void>

  insertLogin(row: PendingLogin): Promise<void>
  /** Reads and deletes a pending login (each can be finished once). */
  takeLogin(idHash: string, now: number): Promise<PendingLogin | undefined>

  /** Records the creator as owner and the workshop's activity row. */
  recordCreated(workshopId: string, createdBy: string | null, at: number): Promise<void>
  listWorkshopStaff(workshopId: string): Promise<WorkshopStaffRow[]>
  /** The person's role in the workshop, if any. */
  staffRole(workshopId: string, staffId: string): Promise<StaffRole | undefined>
  addCofacilitator(workshopId: string, staffId: string, at: number): Promise<void>
  removeCofacilitator(workshopId: string, staffId: string): Promise<void>
  /** Makes `staffId` the owner; the previous owner stays as a co-facilitator. In one transaction. */
  transferOwnership(workshopId: string, staffId: string, at: number): Promise<void>
  /** Workshops the person owns or co-facilitates, with title and dates, newest activity first. */
  workshopsOf(staffId: string): Promise<{ id: string; title: string; role: StaffRole; createdAt: number; lastActivityAt: number | null }[]>

  /** Raises each workshop's last activity to `at` (never lowers it), all in one transaction (activityTracker groups them). */
  touchActivity(entries: readonly { workshopId: string; at: number }[]): Promise<void>
  countParticipant(workshopId: string): Promise<void>
  getActivity(workshopId: string): Promise<WorkshopActivityRow | undefined>
  /** "Keep this workshop": retention counts from `at` (a later keep wins). */
  keepWorkshop(workshopId: string, at: number): Promise<void>
  /**
   * Gives every workshop without an activity row one kept at `at`, so workshops made before
   * retention existed are counted from the day it first ran, not deleted on the spot. Resolves with how many.
   */
  trackUntracked(at: number): Promise<number>
  /** Workshops not created, edited or kept since `cutoff` (ms): the ones retention deletes. */
  unusedSince(cutoff: number): Promise<string[]>

  /** Every workshop with owner, activity and stored bytes, for the administrator. */
  overview(): Promise<WorkshopOverviewRow[]>
  /** Adds a line to a workshop's audit log (table `audit_log`). */
  appendAudit(entry: AuditEntry): Promise<void>
  /** A workshop's audit log, newest first, at most `limit` lines. */
  auditOf(workshopId: string, limit: number): Promise<AuditEntry[]>

  /**
   * Deletes everything stored of a workshop, in one transaction: its row, document and companion
   * documents (`<id>/…`), history, access, staff, activity and audit log, and writes the one audit
   * line that stays: that it was deleted, when and by whom (no title, no detail). Photo files are the caller's.
   */
  deleteWorkshop(workshopId: string, deletion: { at: number; actor: AuditActor }): Promise<void>
  close(): Promise<void>
}
