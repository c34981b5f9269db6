import pg from 'pg'
import type { AuditActor, AuditEntry, StaffRole } from '../../shared/staff'
import type { Logger } from '../log'
import type { PendingLogin, SessionRow, StaffRow, StaffStorage, WorkshopActivityRow, WorkshopOverviewRow, WorkshopStaffRow } from './StaffStorage'
import {
  auditValues,
  likePattern,
  toAuditEntry,
  toActivityRow,
  toOverviewRow,
  toSessionRow,
  toStaffRow,
  toStaffWorkshop,
  toWorkshopStaffRow,
  type ActivityDbRow,
  type AuditDbRow,
  type OverviewDbRow,
  type SessionDbRow,
  type StaffDbRow,
  type StaffWorkshopDbRow,
  type WorkshopStaffDbRow,
} from './staffRows'
import { openPgPool, pgTransaction } from '../persistence/pgTransaction'

/** Advisory lock key for creating the staff tables (PostgresPersistence uses 0x5a5a–0x5a5c). */
const LOCK_STAFF_SCHEMA = 0x5a60

const SCHEMA = `
CREATE TABLE IF NOT EXISTS staff (
  id text PRIMARY KEY,
  issuer text NOT NULL,
  subject text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  groups jsonb NOT NULL,
  is_admin boolean NOT NULL,
  first_seen_at bigint NOT NULL,
  last_seen_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS staff_sessions (
  id_hash text PRIMARY KEY,
  staff_id text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  id_token text NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_expires ON staff_sessions (expires_at);
CREATE TABLE IF NOT EXISTS staff_logins (
  id_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  expires_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS workshop_staff (
  workshop_id text NOT NULL,
  staff_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'cofacilitator')),
  added_at bigint NOT NULL,
  PRIMARY KEY (workshop_id, staff_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS workshop_staff_one_owner ON workshop_staff (workshop_id) WHERE role = 'owner';
CREATE INDEX IF NOT EXISTS workshop_staff_by_staff ON workshop_staff (staff_id);
CREATE TABLE IF NOT EXISTS workshop_activity (
  workshop_id text PRIMARY KEY,
  created_by text,
  last_activity_at bigint,
  participants integer NOT NULL DEFAULT 0,
  kept_at bigint
);
CREATE TABLE IF NOT EXISTS audit_log (
  id bigserial PRIMARY KEY,
  workshop_id text NOT NULL,
  at bigint NOT NULL,
  action text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'link', 'retention')),
  actor_id text,
  actor_name text,
  detail text NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_by_workshop ON audit_log (workshop_id, at);
`

const INSERT_AUDIT_PG = 'INSERT INTO audit_log (workshop_id, at, action, actor_kind, actor_id, actor_name, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)'

/**
 * The staff tables in PostgreSQL (`DATABASE_URL`), in the same schema as the workshops, so every
 * instance shares sessions, owners and activity. A pool of its own (small: sign-ins and the
 * overview are rare next to document writes).
 */
export class PostgresStaffStorage implements StaffStorage {
  readonly #pool: pg.Pool

  private constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  static async open(options: { connectionString: string; schema?: string; log: Logger }): Promise<PostgresStaffStorage> {
    const pool = await openPgPool({ connectionString: options.connectionString, schema: options.schema, max: 4, log: options.log, name: 'staff', lockKey: LOCK_STAFF_SCHEMA, ddl: SCHEMA })
    const storage = new PostgresStaffStorage(pool)
    return storage
  }

  async upsertStaff(row: StaffRow): Promise<StaffRow> {
    const result = await this.#pool.query<StaffDbRow>(
      `INSERT INTO staff (id, issuer, subject, name, email, groups, is_admin, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, groups = excluded.groups,
         is_admin = excluded.is_admin, last_seen_at = excluded.last_seen_at
       RETURNING *`,
      [row.id, row.issuer, row.subject, row.name, row.email, JSON.stringify(row.groups), row.isAdmin, row.firstSeenAt, row.lastSeenAt],
    )
    return toStaffRow(result.rows[0]!)
  }

  async getStaff(id: string): Promise<StaffRow | undefined> {
    const row = (await this.#pool.query<StaffDbRow>('SELECT * FROM staff WHERE id = $1', [id])).rows[0]
    return row && toStaffRow(row)
  }

  async getStaffMany(ids: readonly string[]): Promise<StaffRow[]> {
    if (ids.length === 0) return []
    const result = await this.#pool.query<StaffDbRow>('SELECT * FROM staff WHERE id = ANY($1::text[])', [[...new Set(ids)]])
    return result.rows.map(toStaffRow)
  }

  async searchStaff(query: string, limit: number): Promise<StaffRow[]> {
    const result = await this.#pool.query<StaffDbRow>(
      `SELECT * FROM staff WHERE lower(name) LIKE $1 ESCAPE '\\' OR lower(email) LIKE $1 ESCAPE '\\' ORDER BY name, email LIMIT $2`,
      [likePattern(query), limit],
    )
    return result.rows.map(toStaffRow)
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.#pool.query('INSERT INTO staff_sessions (id_hash, staff_id, created_at, expires_at, id_token) VALUES ($1, $2, $3, $4, $5)', [
      row.idHash,
      row.staffId,
      row.createdAt,
      row.expiresAt,
      row.idToken,
    ])
  }

  async getSession(idHash: string, now: number): Promise<{ session: SessionRow; staff: StaffRow } | undefined> {
    const result = await this.#pool.query<SessionDbRow & { [K in keyof StaffDbRow as `s_${K}`]: StaffDbRow[K] }>(
      `SELECT x.*, s.id AS s_id, s.issuer AS s_issuer, s.subject AS s_subject, s.name AS s_name, s.email AS s_email, s.groups AS s_groups,
              s.is_admin AS s_is_admin, s.first_seen_at AS s_first_seen_at, s.last_seen_at AS s_last_seen_at
       FROM staff_sessions x JOIN staff s ON s.id = x.staff_id WHERE x.id_hash = $1 AND x.expires_at > $2`,
      [idHash, now],
    )
    const row = result.rows[0]
    if (!row) return undefined
    const staff = toStaffRow({
      id: row.s_id,
      issuer: row.s_issuer,
      subject: row.s_subject,
      name: row.s_name,
      email: row.s_email,
      groups: row.s_groups,
      is_admin: row.s_is_admin,
      first_seen_at: row.s_first_seen_at,
      last_seen_at: row.s_last_seen_at,
    })
    return { session: toSessionRow(row), staff }
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.#pool.query('DELETE FROM staff_sessions WHERE id_hash = $1', [idHash])
  }

  async deleteExpired(now: number): Promise<void> {
    await this.#pool.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [now])
    await this.#pool.query('DELETE FROM staff_logins WHERE expires_at <= $1', [now])
  }

  async insertLogin(row: PendingLogin): Promise<void> {
    await this.#pool.query(
      'INSERT INTO staff_logins (id_hash, state, nonce, code_verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [row.idHash, row.state, row.nonce, row.codeVerifier, row.returnTo, row.expiresAt],
    )
  }

  async takeLogin(idHash: string, now: number): Promise<PendingLogin | undefined> {
    // DELETE … RETURNING: of two callbacks racing with the same cookie, one gets the row.
    const result = await this.#pool.query<{ id_hash: string; state: string; nonce: string; code_verifier: string; return_to: string; expires_at: string }>(
      'DELETE FROM staff_logins WHERE id_hash = $1 RETURNING *',
      [idHash],
    )
    const row = result.rows[0]
    if (!row || Number(row.expires_at) <= now) return undefined
    return { idHash: row.id_hash, state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to, expiresAt: Number(row.expires_at) }
  }

  async recordCreated(workshopId: string, createdBy: string | null, at: number): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        'INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants) VALUES ($1, $2, $3, 0) ON CONFLICT (workshop_id) DO NOTHING',
        [workshopId, createdBy, at],
      )
      if (createdBy) {
        await client.query("INSERT INTO workshop_staff (workshop_id, staff_id, role, added_at) VALUES ($1, $2, 'owner', $3)", [workshopId, createdBy, at])
      }
    })
  }

  async listWorkshopStaff(workshopId: string): Promise<WorkshopStaffRow[]> {
    const result = await this.#pool.query<WorkshopStaffDbRow>(
      "SELECT * FROM workshop_staff WHERE workshop_id = $1 ORDER BY role = 'owner' DESC, added_at",
      [workshopId],
    )
    return result.rows.map(toWorkshopStaffRow)
  }

  async staffRole(workshopId: string, staffId: string): Promise<StaffRole | undefined> {
    const result = await this.#pool.query<{ role: string }>('SELECT role FROM workshop_staff WHERE workshop_id = $1 AND staff_id = $2', [workshopId, staffId])
    return result.rows[0]?.role as StaffRole | undefined
  }

  async addCofacilitator(workshopId: string, staffId: string, at: number): Promise<void> {
    await this.#pool.query(
      "INSERT INTO workshop_staff (workshop_id, staff_id, role, added_at) VALUES ($1, $2, 'cofacilitator', $3) ON CONFLICT (workshop_id, staff_id) DO NOTHING",
      [workshopId, staffId, at],
    )
  }

  async removeCofacilitator(workshopId: string, staffId: string): Promise<void> {
    await this.#pool.query("DELETE FROM workshop_staff WHERE workshop_id = $1 AND staff_id = $2 AND role = 'cofacilitator'", [workshopId, staffId])
  }

  async transferOwnership(workshopId: string, staffId: string, at: number): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query("UPDATE workshop_staff SET role = 'cofacilitator' WHERE workshop_id = $1 AND role = 'owner'", [workshopId])
      await client.query(
        `INSERT INTO workshop_staff (workshop_id, staff_id, role, added_at) VALUES ($1, $2, 'owner', $3)
         ON CONFLICT (workshop_id, staff_id) DO UPDATE SET role = 'owner'`,
        [workshopId, staffId, at],
      )
    })
  }

  async workshopsOf(staffId: string) {
    const result = await this.#pool.query<StaffWorkshopDbRow>(
      `SELECT w.id, w.title, s.role, w.created_at, a.last_activity_at FROM workshop_staff s
       JOIN workshops w ON w.id = s.workshop_id LEFT JOIN workshop_activity a ON a.workshop_id = w.id
       WHERE s.staff_id = $1 ORDER BY COALESCE(a.last_activity_at, w.created_at) DESC, w.id`,
      [staffId],
    )
    return result.rows.map(toStaffWorkshop)
  }

  async touchActivity(entries: readonly { workshopId: string; at: number }[]): Promise<void> {
    if (entries.length === 0) return
    // One statement for the group; the tracker sends each workshop once per group.
    await this.#pool.query(
      `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants)
       SELECT id, NULL, at, 0 FROM UNNEST($1::text[], $2::bigint[]) AS t(id, at)
       ON CONFLICT (workshop_id) DO UPDATE SET last_activity_at = GREATEST(workshop_activity.last_activity_at, excluded.last_activity_at)`,
      [entries.map((entry) => entry.workshopId), entries.map((entry) => entry.at)],
    )
  }

  async countParticipant(workshopId: string): Promise<void> {
    await this.#pool.query(
      `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants) VALUES ($1, NULL, NULL, 1)
       ON CONFLICT (workshop_id) DO UPDATE SET participants = workshop_activity.participants + 1`,
      [workshopId],
    )
  }

  async getActivity(workshopId: string): Promise<WorkshopActivityRow | undefined> {
    const result = await this.#pool.query<ActivityDbRow>('SELECT * FROM workshop_activity WHERE workshop_id = $1', [workshopId])
    const row = result.rows[0]
    return row && toActivityRow(row)
  }

  async keepWorkshop(workshopId: string, at: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants, kept_at) VALUES ($1, NULL, NULL, 0, $2)
       ON CONFLICT (workshop_id) DO UPDATE SET kept_at = GREATEST(workshop_activity.kept_at, excluded.kept_at)`,
      [workshopId, at],
    )
  }

  async trackUntracked(at: number): Promise<number> {
    const result = await this.#pool.query(
      `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants, kept_at)
       SELECT id, NULL, NULL, 0, $1 FROM workshops WHERE id NOT IN (SELECT workshop_id FROM workshop_activity)
       ON CONFLICT (workshop_id) DO NOTHING`,
      [at],
    )
    return result.rowCount ?? 0
  }

  async unusedSince(cutoff: number): Promise<string[]> {
    const result = await this.#pool.query<{ id: string }>(
      `SELECT w.id FROM workshops w JOIN workshop_activity a ON a.workshop_id = w.id
       WHERE GREATEST(w.created_at, COALESCE(a.last_activity_at, 0), COALESCE(a.kept_at, 0)) < $1 ORDER BY w.id`,
      [cutoff],
    )
    return result.rows.map((row) => row.id)
  }

  async overview(): Promise<WorkshopOverviewRow[]> {
    const result = await this.#pool.query<OverviewDbRow>(
      `WITH docs AS (
         SELECT split_part(workshop_id, '/', 1) AS wid, SUM(octet_length(data)) AS bytes FROM snapshots GROUP BY 1
         UNION ALL SELECT split_part(workshop_id, '/', 1), SUM(octet_length(data)) FROM updates GROUP BY 1
       ), doc_bytes AS (SELECT wid, SUM(bytes) AS bytes FROM docs GROUP BY wid),
       history_bytes AS (SELECT workshop_id, SUM(octet_length(state)) AS bytes FROM history GROUP BY workshop_id)
       SELECT w.id, w.title, w.created_at, o.staff_id AS owner_id, a.last_activity_at, a.participants, a.kept_at,
              d.bytes AS document_bytes, h.bytes AS history_bytes
       FROM workshops w
       LEFT JOIN workshop_staff o ON o.workshop_id = w.id AND o.role = 'owner'
       LEFT JOIN workshop_activity a ON a.workshop_id = w.id
       LEFT JOIN doc_bytes d ON d.wid = w.id
       LEFT JOIN history_bytes h ON h.workshop_id = w.id
       ORDER BY w.created_at DESC, w.id`,
    )
    return result.rows.map(toOverviewRow)
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.#pool.query(INSERT_AUDIT_PG, auditValues(entry))
  }

  async auditOf(workshopId: string, limit: number): Promise<AuditEntry[]> {
    const result = await this.#pool.query<AuditDbRow>('SELECT * FROM audit_log WHERE workshop_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [workshopId, limit])
    return result.rows.map(toAuditEntry)
  }

  async deleteWorkshop(workshopId: string, deletion: { at: number; actor: AuditActor }): Promise<void> {
    await this.#transaction(async (client) => {
      for (const table of ['updates', 'snapshots']) {
        await client.query(`DELETE FROM ${table} WHERE workshop_id = $1 OR left(workshop_id, $2) = $3`, [workshopId, workshopId.length + 1, `${workshopId}/`])
      }
      for (const table of ['history', 'workshop_access', 'removed_participants', 'workshop_staff', 'workshop_activity', 'audit_log']) {
        await client.query(`DELETE FROM ${table} WHERE workshop_id = $1`, [workshopId])
      }
      await client.query('DELETE FROM workshops WHERE id = $1', [workshopId])
      await client.query(INSERT_AUDIT_PG, auditValues({ workshopId, at: deletion.at, action: 'deleted', actor: deletion.actor, detail: '' }))
    })
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }

  #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return pgTransaction(this.#pool, work)
  }
}
