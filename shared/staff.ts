/**
 * Staff (municipal employees who sign in) and what the server says about them and their workshops.
 * Residents never have an account: codes, QR codes and links are enough for them (shared/access.ts).
 * The server is the authority on every field here (server/auth, server/staff, server/admin).
 */

/** How this server lets people create workshops: sign-in through an identity provider, a shared key, or freely. */
export type CreationPolicy = 'signIn' | 'createKey' | 'open'

/** A signed-in staff member, as the app shows them. */
export interface StaffMember {
  /** Stable id the server gives a person of one identity provider (never the provider's `sub` itself). */
  id: string
  name: string
  email: string
}

/** `GET /api/me`: how this server works, and who is signed in on this browser. */
export interface SessionInfo {
  creation: CreationPolicy
  /** Sign-in is configured (`OIDC_ISSUER`): the app shows "Sign in". */
  signInAvailable: boolean
  staff: (StaffMember & { isAdmin: boolean }) | null
}

/** A staff member's place in a workshop. The owner is one person; co-facilitators any number. */
export const staffRoles = ['owner', 'cofacilitator'] as const
export type StaffRole = (typeof staffRoles)[number]

/** `GET /api/me/workshops`: the workshops a signed-in person owns or co-facilitates, newest activity first. */
export interface StaffWorkshop {
  id: string
  title: string
  role: StaffRole
  createdAt: number
  lastActivityAt: number | null
}

/** `GET /api/workshops/<id>/staff` (its facilitators): who owns the workshop and who helps run it. */
export interface WorkshopStaffInfo {
  owner: StaffMember | null
  cofacilitators: StaffMember[]
  /** What the asking person may change: only the owner (or an administrator) adds, removes and transfers. */
  canManage: boolean
  retention: WorkshopRetention
}

/** When a workshop will be deleted for lack of use, and whether the asking person may keep it longer. */
export interface WorkshopRetention {
  /** ms since epoch; null: this server keeps workshops until someone deletes them (RETENTION_DAYS=0). */
  deletesAt: number | null
  /** RETENTION_DAYS: keeping it moves the date to this many days from now. */
  days: number
  /** The owner, an administrator, or any facilitator of a workshop nobody owns. */
  canKeep: boolean
}

/** Sizes in bytes of what the server keeps of one workshop. */
export interface WorkshopStorageSize {
  /** The live document and its companion (snapshot and update log). */
  document: number
  /** History snapshots (`history` table). */
  history: number
  /** Photos no other workshop uses (those are deleted with it). */
  photos: number
}

/** One row of the administrator's overview (`GET /api/admin/workshops`). */
export interface AdminWorkshopRow {
  id: string
  title: string
  owner: StaffMember | null
  createdAt: number
  /** Last stored edit; null for workshops not edited since this was recorded. */
  lastActivityAt: number | null
  /** Distinct participants who have joined (personal tokens issued). */
  participants: number
  size: WorkshopStorageSize
  /** When retention will delete it (RETENTION_DAYS after its last activity); null: retention is off. */
  deletesAt: number | null
}

/** The most a staff search answers (co-facilitator and transfer pickers). */
export const STAFF_SEARCH_LIMIT = 20

/** Header carrying the creation key in the embedded mode (`CREATE_KEY`). */
export const CREATE_KEY_HEADER = 'x-samskap-create-key'

/**
 * What the audit log records (`GET /api/workshops/<id>/audit`; server/staff/auditLog.ts). A
 * stakeholder take-over writes two lines: `stakeholdersTakenOver` in the workshop that took them
 * (detail: the one they came from) and `stakeholdersReused` in the one they came from (detail: the
 * one that took them).
 */
export const auditActions = ['created', 'revealed', 'restored', 'participantRemoved', 'transferred', 'cofacilitatorAdded', 'cofacilitatorRemoved', 'kept', 'deleted', 'actionChanged', 'followUpCreated', 'templateSaved', 'stakeholdersTakenOver', 'stakeholdersReused'] as const
export type AuditAction = (typeof auditActions)[number]

/**
 * Who did it: a signed-in staff member (their name as it was then), whoever holds the facilitator
 * link (one identity to the server), or the retention sweep.
 */
export type AuditActor = { kind: 'staff'; id: string; name: string } | { kind: 'link' } | { kind: 'retention' }

/** One line of a workshop's audit log. `detail` is short and never the workshop's content. */
export interface AuditEntry {
  workshopId: string
  /** ms since epoch */
  at: number
  action: AuditAction
  actor: AuditActor
  detail: string
}
