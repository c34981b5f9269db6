import pg from 'pg'
import type { AuditActor, AuditEntry, StaffRole } from '../../shared/staff'
import type { Logger } from '../log'
import type { PendingLogin, SessionRow, StaffRow, StaffStorage, WorkshopActivityRow, WorkshopOverviewRow, WorkshopStaffRow } from './StaffStorage'
import * as staffRows from './staffRows'
import { openPgPool, pgTransaction } from '../persistence/pgTransaction'
import { STAFF_SCHEMA } from './staffSchema'

/** Advisory lock key for creating the staff tables (PostgresPersistence uses 0x5a5a–0x5a5c). */
const LOCK_STAFF_SCHEMA = 0x5a60

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
    const pool = await openPgPool({ connectionString: options.connectionString, schema: options.schema, max: 4, log: options.log, name: 'staff', lockKey: LOCK_STAFF_SCHEMA, ddl: STAFF_SCHEMA })
    const storage = new PostgresStaffStorage(pool)
    return storage
  }

  async upsertStaff(row: StaffRow): Promise<StaffRow> {
    const result = await this.#pool.query<staffRows.StaffDbRow>(
      `INSERT INTO staff (id, issuer, subject, name, email, groups, is_admin, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, groups = excluded.groups,
         is_admin = excluded.is_admin, last_seen_at = excluded.last_seen_at
       RETURNING *`,
      staffRows.staffValues(row, 'boolean'),
    )
    return staffRows.toStaffRow(result.rows[0]!)
  }

  async getStaff(id: string): Promise<StaffRow | undefined> {
    const row = (await this.#pool.query<staffRows.StaffDbRow>('SELECT * FROM staff WHERE id = $1', [id])).rows[0]
    return row && staffRows.toStaffRow(row)
  }

  async getStaffMany(ids: readonly string[]): Promise<StaffRow[]> {
    if (ids.length === 0) return []
    const result = await this.#pool.query<staffRows.StaffDbRow>('SELECT * FROM staff WHERE id = ANY($1::text[])', [[...new Set(ids)]])
    return result.rows.map(staffRows.toStaffRow)
  }

  async searchStaff(query: string, limit: number): Promise<StaffRow[]> {
    const result = await this.#pool.query<staffRows.StaffDbRow>(
      `SELECT * FROM staff WHERE lower(name) LIKE $1 ESCAPE '\\' OR lower(email) LIKE $1 ESCAPE '\\' ORDER BY name, email LIMIT $2`,
      [staffRows.likePattern(query), limit],
    )
    return result.rows.map(staffRows.toStaffRow)
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
    const result = await this.#pool.query<staffRows.SessionDbRow & { [K in keyof staffRows.StaffDbRow as `s_${K}`]: staffRows.StaffDbRow[K] }>(
      `SELECT x.*, s.id AS s_id, s.issuer AS s_issuer, s.subject AS s_subject, s.name AS s_name, s.email AS s_email, s.groups AS s_groups,
              s.is_admin AS s_is_admin, s.first_seen_at AS s_first_seen_at, s.last_seen_at AS s_last_seen_at
       FROM staff_sessions x JOIN staff s ON s.id = x.staff_id WHERE x.id_hash = $1 AND x.expires_at > $2`,
      [idHash, now],
    )
    const row = result.rows[0]
    if (!row) return undefined
    const staff = staffRows.toStaffRow({
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
    return { session: staffRows.toSessionRow(row), staff }
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
    const result = await this.#pool.query<staffRows.LoginDbRow>('DELETE FROM staff_logins WHERE id_hash = $1 RETURNING *', [idHash])
    const row = result.rows[0]
    const login = row && staffRows.toPendingLogin(row)
    return login && login.expiresAt > now ? login : undefined
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
    const result = await this.#pool.query<staffRows.WorkshopStaffDbRow>(
      "SELECT * FROM workshop_staff WHERE workshop_id = $1 ORDER BY role = 'owner' DESC, added_at",
      [workshopId],
    )
    return result.rows.map(staffRows.toWorkshopStaffRow)
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
    const result = await this.#pool.query<staffRows.StaffWorkshopDbRow>(
      `SELECT w.id, w.title, s.role, w.created_at, a.last_activity_at FROM workshop_staff s
       JOIN workshops w ON w.id = s.workshop_id LEFT JOIN workshop_activity a ON a.workshop_id = w.id
       WHERE s.staff_id = $1 ORDER BY COALESCE(a.last_activity_at, w.created_at) DESC, w.id`,
      [staffId],
    )
    return result.rows.map(staffRows.toStaffWorkshop)
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
    const result = await this.#pool.query<staffRows.ActivityDbRow>('SELECT * FROM workshop_activity WHERE workshop_id = $1', [workshopId])
    const row = result.rows[0]
    return row && staffRows.toActivityRow(row)
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
    const result = await this.#pool.query<staffRows.OverviewDbRow>(staffRows.overviewSql({ owningWorkshop: "split_part(workshop_id, '/', 1)", byteLength: 'octet_length' }))
    return result.rows.map(staffRows.toOverviewRow)
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.#pool.query(INSERT_AUDIT_PG, staffRows.auditValues(entry))
  }

  async auditOf(workshopId: string, limit: number): Promise<AuditEntry[]> {
    const result = await this.#pool.query<staffRows.AuditDbRow>('SELECT * FROM audit_log WHERE workshop_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [workshopId, limit])
    return result.rows.map(staffRows.toAuditEntry)
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
      await client.query(INSERT_AUDIT_PG, staffRows.auditValues({ workshopId, at: deletion.at, action: 'deleted', actor: deletion.actor, detail: '' }))
    })
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }

  #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return pgTransaction(this.#pool, work)
  }
}
