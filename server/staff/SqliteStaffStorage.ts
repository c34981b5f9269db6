import type Database from 'better-sqlite3'
import type { AuditActor, AuditEntry, StaffRole } from '../../shared/staff'
import type { PendingLogin, SessionRow, StaffRow, StaffStorage, WorkshopActivityRow, WorkshopOverviewRow, WorkshopStaffRow } from './StaffStorage'
import * as staffRows from './staffRows'
import { openSqliteConnection } from '../persistence/openSqliteConnection'
import { sqliteDdl } from '../persistence/sqliteDdl'
import { STAFF_SCHEMA } from './staffSchema'

const INSERT_AUDIT_SQLITE = 'INSERT INTO audit_log (workshop_id, at, action, actor_kind, actor_id, actor_name, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'

/** The workshop a stored document belongs to: companions are `<workshopId>/<name>`. */
const OWNING_WORKSHOP = `CASE WHEN instr(workshop_id, '/') > 0 THEN substr(workshop_id, 1, instr(workshop_id, '/') - 1) ELSE workshop_id END`

/**
 * The staff tables in the server's SQLite file (DATA_DIR/samskap.sqlite), through a connection of
 * their own beside SqlitePersistence's (openSqliteConnection).
 */
/** Who writes the activity times instead of this connection: SqlitePersistence's writer thread. */
export interface ActivityWriter {
  touchActivity(entries: readonly { workshopId: string; at: number }[]): Promise<void>
}

export class SqliteStaffStorage implements StaffStorage {
  readonly #db: Database.Database
  readonly #activityWriter: ActivityWriter | null

  constructor(dataDir: string, activityWriter?: ActivityWriter) {
    this.#db = openSqliteConnection(dataDir, sqliteDdl(STAFF_SCHEMA))
    this.#activityWriter = activityWriter ?? null
  }

  async upsertStaff(row: StaffRow): Promise<StaffRow> {
    this.#db
      .prepare(
        `INSERT INTO staff (id, issuer, subject, name, email, groups, is_admin, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, groups = excluded.groups,
           is_admin = excluded.is_admin, last_seen_at = excluded.last_seen_at`,
      )
      .run(...staffRows.staffValues(row, 'integer'))
    return (await this.getStaff(row.id))!
  }

  async getStaff(id: string): Promise<StaffRow | undefined> {
    const row = this.#db.prepare<[string], staffRows.StaffDbRow>('SELECT * FROM staff WHERE id = ?').get(id)
    return row && staffRows.toStaffRow(row)
  }

  async getStaffMany(ids: readonly string[]): Promise<StaffRow[]> {
    if (ids.length === 0) return []
    const unique = [...new Set(ids)]
    const rows = this.#db.prepare<string[], staffRows.StaffDbRow>(`SELECT * FROM staff WHERE id IN (${unique.map(() => '?').join(', ')})`).all(...unique)
    return rows.map(staffRows.toStaffRow)
  }

  async searchStaff(query: string, limit: number): Promise<StaffRow[]> {
    const pattern = staffRows.likePattern(query)
    const rows = this.#db
      .prepare<[string, string, number], staffRows.StaffDbRow>(
        `SELECT * FROM staff WHERE lower(name) LIKE ? ESCAPE '\\' OR lower(email) LIKE ? ESCAPE '\\' ORDER BY name, email LIMIT ?`,
      )
      .all(pattern, pattern, limit)
    return rows.map(staffRows.toStaffRow)
  }

  async insertSession(row: SessionRow): Promise<void> {
    this.#db
      .prepare('INSERT INTO staff_sessions (id_hash, staff_id, created_at, expires_at, id_token) VALUES (?, ?, ?, ?, ?)')
      .run(row.idHash, row.staffId, row.createdAt, row.expiresAt, row.idToken)
  }

  async getSession(idHash: string, now: number): Promise<{ session: SessionRow; staff: StaffRow } | undefined> {
    const row = this.#db
      .prepare<[string, number], staffRows.SessionDbRow>('SELECT * FROM staff_sessions WHERE id_hash = ? AND expires_at > ?')
      .get(idHash, now)
    if (!row) return undefined
    const staff = await this.getStaff(row.staff_id)
    return staff && { session: staffRows.toSessionRow(row), staff }
  }

  async deleteSession(idHash: string): Promise<void> {
    this.#db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?').run(idHash)
  }

  async deleteExpired(now: number): Promise<void> {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM staff_sessions WHERE expires_at <= ?').run(now)
      this.#db.prepare('DELETE FROM staff_logins WHERE expires_at <= ?').run(now)
    })()
  }

  async insertLogin(row: PendingLogin): Promise<void> {
    this.#db
      .prepare('INSERT INTO staff_logins (id_hash, state, nonce, code_verifier, return_to, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.idHash, row.state, row.nonce, row.codeVerifier, row.returnTo, row.expiresAt)
  }

  async takeLogin(idHash: string, now: number): Promise<PendingLogin | undefined> {
    // IMMEDIATE: it reads, then deletes; begun deferred, the delete would fail at once (SQLITE_BUSY)
    // had the update writer thread committed between the two, instead of waiting for the lock.
    return this.#db.transaction(() => {
      const row = this.#db.prepare<[string], staffRows.LoginDbRow>('SELECT * FROM staff_logins WHERE id_hash = ?').get(idHash)
      if (!row) return undefined
      this.#db.prepare('DELETE FROM staff_logins WHERE id_hash = ?').run(idHash)
      const login = staffRows.toPendingLogin(row)
      return login.expiresAt > now ? login : undefined
    }).immediate()
  }

  async recordCreated(workshopId: string, createdBy: string | null, at: number): Promise<void> {
    this.#db.transaction(() => {
      this.#db
        .prepare('INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants) VALUES (?, ?, ?, 0) ON CONFLICT (workshop_id) DO NOTHING')
        .run(workshopId, createdBy, at)
      if (createdBy) {
        this.#db.prepare("INSERT INTO workshop_staff (workshop_id, staff_id, role, added_at) VALUES (?, ?, 'owner', ?)").run(workshopId, createdBy, at)
      }
    })()
  }

  async listWorkshopStaff(workshopId: string): Promise<WorkshopStaffRow[]> {
    const rows = this.#db
      .prepare<[string], staffRows.WorkshopStaffDbRow>("SELECT * FROM workshop_staff WHERE workshop_id = ? ORDER BY role = 'owner' DESC, added_at")
      .all(workshopId)
    return rows.map(staffRows.toWorkshopStaffRow)
  }

  async staffRole(workshopId: string, staffId: string): Promise<StaffRole | undefined> {
    const row = this.#db.prepare<[string, string], { role: string }>('SELECT role FROM workshop_staff WHERE workshop_id = ? AND staff_id = ?').get(workshopId, staffId)
    return row?.role as StaffRole | undefined
  }

  async addCofacilitator(workshopId: string, staffId: string, at: number): Promise<void> {
    this.#db
      .prepare("INSERT INTO workshop_staff (workshop_id, staff_id, role, added_at) VALUES (?, ?, 'cofacilitator', ?) ON CONFLICT (workshop_id, staff_id) DO NOTHING")
      .run(workshopId, staffId, at)
  }

  async removeCofacilitator(workshopId: string, staffId: string): Promise<void> {
    this.#db.prepare("DELETE FROM workshop_staff WHERE workshop_id = ? AND staff_id = ? AND role = 'cofacilitator'").run(workshopId, staffId)
  }

  async transferOwnership(workshopId: string, staffId: string, at: number): Promise<void> {
    this.#db.transaction(() => {
      this.#db.prepare("UPDATE workshop_staff SET role = 'cofacilitator' WHERE workshop_id = ? AND role = 'owner'").run(workshopId)
      this.#db
        .prepare(
          `INSERT INTO workshop_staff (workshop_id, staff_id, role, added_at) VALUES (?, ?, 'owner', ?)
           ON CONFLICT (workshop_id, staff_id) DO UPDATE SET role = 'owner'`,
        )
        .run(workshopId, staffId, at)
    })()
  }

  async workshopsOf(staffId: string) {
    const rows = this.#db
      .prepare<[string], staffRows.StaffWorkshopDbRow>(
        `SELECT w.id, w.title, s.role, w.created_at, a.last_activity_at FROM workshop_staff s
         JOIN workshops w ON w.id = s.workshop_id LEFT JOIN workshop_activity a ON a.workshop_id = w.id
         WHERE s.staff_id = ? ORDER BY COALESCE(a.last_activity_at, w.created_at) DESC, w.id`,
      )
      .all(staffId)
    return rows.map(staffRows.toStaffWorkshop)
  }

  async touchActivity(entries: readonly { workshopId: string; at: number }[]): Promise<void> {
    if (this.#activityWriter) return this.#activityWriter.touchActivity(entries)
    const touch = this.#db.prepare(
      `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants) VALUES (?, NULL, ?, 0)
       ON CONFLICT (workshop_id) DO UPDATE SET last_activity_at = MAX(COALESCE(last_activity_at, 0), excluded.last_activity_at)`,
    )
    this.#db.transaction(() => {
      for (const { workshopId, at } of entries) touch.run(workshopId, at)
    })()
  }

  async countParticipant(workshopId: string): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants) VALUES (?, NULL, NULL, 1)
         ON CONFLICT (workshop_id) DO UPDATE SET participants = participants + 1`,
      )
      .run(workshopId)
  }

  async getActivity(workshopId: string): Promise<WorkshopActivityRow | undefined> {
    const row = this.#db.prepare<[string], staffRows.ActivityDbRow>('SELECT * FROM workshop_activity WHERE workshop_id = ?').get(workshopId)
    return row && staffRows.toActivityRow(row)
  }

  async keepWorkshop(workshopId: string, at: number): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants, kept_at) VALUES (?, NULL, NULL, 0, ?)
         ON CONFLICT (workshop_id) DO UPDATE SET kept_at = MAX(COALESCE(kept_at, 0), excluded.kept_at)`,
      )
      .run(workshopId, at)
  }

  async trackUntracked(at: number): Promise<number> {
    return this.#db
      .prepare(
        `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants, kept_at)
         SELECT id, NULL, NULL, 0, ? FROM workshops WHERE id NOT IN (SELECT workshop_id FROM workshop_activity)`,
      )
      .run(at).changes
  }

  async unusedSince(cutoff: number): Promise<string[]> {
    const rows = this.#db
      .prepare<[number], { id: string }>(
        `SELECT w.id FROM workshops w JOIN workshop_activity a ON a.workshop_id = w.id
         WHERE MAX(w.created_at, COALESCE(a.last_activity_at, 0), COALESCE(a.kept_at, 0)) < ? ORDER BY w.id`,
      )
      .all(cutoff)
    return rows.map((row) => row.id)
  }

  async overview(): Promise<WorkshopOverviewRow[]> {
    const rows = this.#db.prepare<[], staffRows.OverviewDbRow>(staffRows.overviewSql({ owningWorkshop: OWNING_WORKSHOP, byteLength: 'length' })).all()
    return rows.map(staffRows.toOverviewRow)
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.#db.prepare(INSERT_AUDIT_SQLITE).run(...staffRows.auditValues(entry))
  }

  async auditOf(workshopId: string, limit: number): Promise<AuditEntry[]> {
    const rows = this.#db
      .prepare<[string, number], staffRows.AuditDbRow>('SELECT * FROM audit_log WHERE workshop_id = ? ORDER BY at DESC, id DESC LIMIT ?')
      .all(workshopId, limit)
    return rows.map(staffRows.toAuditEntry)
  }

  async deleteWorkshop(workshopId: string, deletion: { at: number; actor: AuditActor }): Promise<void> {
    const companions = `${workshopId}/`
    this.#db.transaction(() => {
      for (const table of ['updates', 'snapshots']) {
        this.#db.prepare(`DELETE FROM ${table} WHERE workshop_id = ? OR substr(workshop_id, 1, ?) = ?`).run(workshopId, companions.length, companions)
      }
      for (const table of ['history', 'workshop_access', 'removed_participants', 'workshop_staff', 'workshop_activity', 'audit_log']) {
        this.#db.prepare(`DELETE FROM ${table} WHERE workshop_id = ?`).run(workshopId)
      }
      this.#db.prepare('DELETE FROM workshops WHERE id = ?').run(workshopId)
      this.#db.prepare(INSERT_AUDIT_SQLITE).run(...staffRows.auditValues({ workshopId, at: deletion.at, action: 'deleted', actor: deletion.actor, detail: '' }))
    })()
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}
