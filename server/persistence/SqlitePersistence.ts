import Database from 'better-sqlite3'
import path from 'node:path'
import {
  JoinCodeTakenError,
  type AccessRow,
  type HistoryEntry,
  type HistoryPersistence,
  type Persistence,
  type StoredDocument,
  type WorkshopAccessRows,
  type WorkshopRow,
} from './Persistence'
import { makePrivateDir, makePrivateFile, tightenIfExists } from './privateFiles'
import { SqliteUpdateWriter } from './SqliteUpdateWriter'
import * as workshopRows from './rows'
import { sqliteDdl } from './sqliteDdl'
import { WORKSHOP_SCHEMA } from './workshopSchema'

/** The update log and snapshots; the rest is workshopSchema. `seq` counts per workshop (the writer thread assigns it). */
const LOG_TABLES = `
CREATE TABLE IF NOT EXISTS updates (
  workshop_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (workshop_id, seq)
);
CREATE TABLE IF NOT EXISTS snapshots (
  workshop_id TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL,
  schema_versions TEXT
);
`

/** Files made before the snapshot's schema was kept get the column (null: unknown, loaded the slow way). */
function addSnapshotSchemaColumn(db: Database.Database): void {
  const columns = db.pragma('table_info(snapshots)') as { name: string }[]
  if (!columns.some((column) => column.name === 'schema_versions')) db.exec('ALTER TABLE snapshots ADD COLUMN schema_versions TEXT')
}

/** A UNIQUE violation on the join code, as opposed to any other constraint. */
function isCodeConflict(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    String((error as { message?: unknown }).message).includes('workshop_access.code')
  )
}

/**
 * One SQLite file, DATA_DIR/samskap.sqlite. WAL for concurrent readers, `synchronous = FULL` so a
 * committed transaction survives power loss, not just a process crash: the server tells clients
 * about an update only after it is committed here.
 *
 * Two connections: this one (reads, and the rare writes: workshops, access, history thinning and
 * erasure) on the main thread, and the writer thread's (`SqliteUpdateWriter`), which commits the
 * update log, the snapshots and history snapshots off the event loop. WAL lets readers see every committed row while it writes.
 */
export class SqlitePersistence implements Persistence, HistoryPersistence {
  readonly #db: Database.Database
  readonly #writer: SqliteUpdateWriter
  readonly #statements

  constructor(dataDir: string) {
    makePrivateDir(dataDir)
    const file = path.join(dataDir, 'samskap.sqlite')
    // 0600 before SQLite opens it: SQLite gives the -wal and -shm files it creates the database's mode.
    makePrivateFile(file)
    this.#db = new Database(file)
    this.#db.pragma('journal_mode = WAL')
    for (const companion of [`${file}-wal`, `${file}-shm`]) tightenIfExists(companion)
    this.#db.pragma('synchronous = FULL')
    this.#db.pragma('busy_timeout = 5000')
    this.#db.exec(sqliteDdl(WORKSHOP_SCHEMA) + LOG_TABLES)
    addSnapshotSchemaColumn(this.#db)
    // Started on its first write, after the schema exists.
    this.#writer = new SqliteUpdateWriter(file)
    const db = this.#db
    this.#statements = {
      insertWorkshop: db.prepare('INSERT INTO workshops (id, title, language, created_at) VALUES (?, ?, ?, ?)'),
      getWorkshop: db.prepare<[string], workshopRows.WorkshopDbRow>('SELECT id, title, language, created_at FROM workshops WHERE id = ?'),
      getSnapshot: db.prepare<[string], { data: Buffer; upto_seq: number; schema_versions: string | null }>(
        'SELECT data, upto_seq, schema_versions FROM snapshots WHERE workshop_id = ?',
      ),
      getUpdates: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE workshop_id = ? AND seq > ? ORDER BY seq',
      ),
      insertSnapshot: db.prepare('INSERT INTO snapshots (workshop_id, data, upto_seq) VALUES (?, ?, 0)'),
      listHistory: db.prepare<[string], workshopRows.HistoryDbRow>(
        `SELECT workshop_id, id, created_at, kind, label, counts FROM history WHERE workshop_id = ?
         ORDER BY created_at DESC, id DESC`,
      ),
      getHistory: db.prepare<[string, string], workshopRows.HistoryDbRow & { state: Buffer }>(
        'SELECT workshop_id, id, created_at, kind, label, counts, state FROM history WHERE workshop_id = ? AND id = ?',
      ),
      deleteHistory: db.prepare('DELETE FROM history WHERE workshop_id = ? AND id = ?'),
      replaceHistoryState: db.prepare('UPDATE history SET state = ?, counts = ? WHERE workshop_id = ? AND id = ?'),
      insertAccess: db.prepare(`INSERT INTO workshop_access (${workshopRows.ACCESS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertAccessIfMissing: db.prepare(
        `INSERT INTO workshop_access (${workshopRows.ACCESS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workshop_id) DO NOTHING`,
      ),
      updateAccess: db.prepare(
        `UPDATE workshop_access SET code = ?, facilitator_key = ?, participant_key = ?, observer_key = ?, secret = ?, legacy_open = ?
         WHERE workshop_id = ?`,
      ),
      replaceAccessIf: db.prepare(
        `UPDATE workshop_access SET code = ?, facilitator_key = ?, participant_key = ?, observer_key = ?, secret = ?, legacy_open = ?
         WHERE workshop_id = ? AND code = ? AND facilitator_key = ? AND participant_key = ? AND observer_key = ? AND secret = ? AND legacy_open = ?`,
      ),
      listAccess: db.prepare<[], workshopRows.AccessDbRow>('SELECT * FROM workshop_access ORDER BY workshop_id'),
      getAccess: db.prepare<[string], workshopRows.AccessDbRow>('SELECT * FROM workshop_access WHERE workshop_id = ?'),
      getWorkshopAccess: db.prepare<[string], workshopRows.WorkshopAccessDbRow>(workshopRows.workshopAccessQuery('?', 'json_group_array(participant_id)')),
      findAccessByCode: db.prepare<[string], workshopRows.AccessDbRow>('SELECT * FROM workshop_access WHERE code = ?'),
      addRemoved: db.prepare('INSERT INTO removed_participants (workshop_id, participant_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      listRemoved: db.prepare<[string], { participant_id: string }>('SELECT participant_id FROM removed_participants WHERE workshop_id = ?'),
      getSetting: db.prepare<[string], { value: string }>('SELECT value FROM server_settings WHERE name = ?'),
      putSettingIfMissing: db.prepare('INSERT INTO server_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
    }
  }

  /** The initial state's schema is not recorded: it may be an import or a document of an older version. */
  async createWorkshop(row: WorkshopRow, initialState: Uint8Array, access: AccessRow): Promise<void> {
    try {
      this.#db.transaction(() => {
        this.#statements.insertWorkshop.run(row.id, row.title, row.language, row.createdAt)
        this.#statements.insertSnapshot.run(row.id, Buffer.from(initialState))
        this.#statements.insertAccess.run(...workshopRows.accessValues(access, 'integer'))
      })()
    } catch (error) {
      if (isCodeConflict(error)) throw new JoinCodeTakenError(access.code)
      throw error
    }
  }

  async getAccess(workshopId: string): Promise<AccessRow | undefined> {
    const row = this.#statements.getAccess.get(workshopId)
    return row && workshopRows.toAccessRow(row)
  }

  async getWorkshopAccess(id: string): Promise<WorkshopAccessRows | undefined> {
    const row = this.#statements.getWorkshopAccess.get(id)
    return row && workshopRows.toWorkshopAccessRows(row)
  }

  async findAccessByCode(code: string): Promise<AccessRow | undefined> {
    const row = this.#statements.findAccessByCode.get(code)
    return row && workshopRows.toAccessRow(row)
  }

  async updateAccess(row: AccessRow): Promise<void> {
    try {
      const [workshopId, ...rest] = workshopRows.accessValues(row, 'integer')
      this.#statements.updateAccess.run(...rest, workshopId)
    } catch (error) {
      if (isCodeConflict(error)) throw new JoinCodeTakenError(row.code)
      throw error
    }
  }

  async insertAccessIfMissing(row: AccessRow): Promise<AccessRow> {
    try {
      this.#statements.insertAccessIfMissing.run(...workshopRows.accessValues(row, 'integer'))
    } catch (error) {
      if (isCodeConflict(error)) throw new JoinCodeTakenError(row.code)
      throw error
    }
    return workshopRows.toAccessRow(this.#statements.getAccess.get(row.workshopId)!)
  }

  async listAccessRows(): Promise<AccessRow[]> {
    return this.#statements.listAccess.all().map(workshopRows.toAccessRow)
  }

  async replaceAccessIf(expected: AccessRow, next: AccessRow): Promise<boolean> {
    const [, ...values] = workshopRows.accessValues(next, 'integer')
    // The old values are overwritten with zeros in the file, not only marked free.
    this.#db.pragma('secure_delete = ON')
    try {
      return this.#statements.replaceAccessIf.run(...values, ...workshopRows.accessValues(expected, 'integer')).changes === 1
    } catch (error) {
      if (isCodeConflict(error)) throw new JoinCodeTakenError(next.code)
      throw error
    } finally {
      this.#db.pragma('secure_delete = OFF')
    }
  }

  async scrubReplacedAccess(): Promise<void> {
    // The WAL may still hold pages written before (a row as an older version stored it).
    this.#db.pragma('wal_checkpoint(TRUNCATE)')
  }

  async addRemovedParticipants(workshopId: string, participantIds: readonly string[]): Promise<void> {
    this.#db.transaction(() => {
      for (const id of participantIds) this.#statements.addRemoved.run(workshopId, id)
    })()
  }

  async listRemovedParticipants(workshopId: string): Promise<string[]> {
    return this.#statements.listRemoved.all(workshopId).map((row) => row.participant_id)
  }

  async getServerSetting(name: string): Promise<string | undefined> {
    return this.#statements.getSetting.get(name)?.value
  }

  async putServerSettingIfMissing(name: string, value: string): Promise<string> {
    this.#statements.putSettingIfMissing.run(name, value)
    return this.#statements.getSetting.get(name)!.value
  }

  async getWorkshop(id: string): Promise<WorkshopRow | undefined> {
    const row = this.#statements.getWorkshop.get(id)
    return row && workshopRows.toWorkshopRow(row)
  }

  async getWorkshops(ids: readonly string[]): Promise<WorkshopRow[]> {
    // In-process: a prepared lookup per id is as cheap as one statement, and needs no list binding.
    return ids.flatMap((id) => {
      const row = this.#statements.getWorkshop.get(id)
      return row ? [workshopRows.toWorkshopRow(row)] : []
    })
  }

  async loadDocument(workshopId: string): Promise<StoredDocument> {
    // A loaded room writes next: the thread starts once this turn is over, not before the read (its
    // start took ~150 ms of this core under load, which a joiner answered from the read waited for).
    setImmediate(() => this.#writer.warmUp())
    return this.#db.transaction((): StoredDocument => {
      const snapshot = this.#statements.getSnapshot.get(workshopId)
      const fromSeq = snapshot?.upto_seq ?? 0
      const rows = this.#statements.getUpdates.all(workshopId, fromSeq)
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: rows.map((row) => new Uint8Array(row.data)),
        lastSeq: rows.at(-1)?.seq ?? fromSeq,
        snapshotSchema: snapshot?.schema_versions ?? null,
      }
    })()
  }

  /** Committed by the writer thread; resolves once the transaction is on disk. */
  async appendUpdates(workshopId: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.#writer.append(workshopId, updates)
  }

  /** By the writer thread too, so it runs after every append sent before it. */
  async compact(workshopId: string, snapshot: Uint8Array, uptoSeq: number, schema?: string): Promise<void> {
    return this.#writer.compact(workshopId, snapshot, uptoSeq, schema ?? null)
  }

  /** By the writer thread: its commit stays off the event loop (SqliteUpdateWriter.addHistory). */
  async addHistory(entry: HistoryEntry, state: Uint8Array): Promise<void> {
    return this.#writer.addHistory(entry, state, JSON.stringify(entry.counts))
  }

  /**
   * The staff storage's activity times (SqliteStaffStorage), by the writer thread: in the same file,
   * committed with the rooms' writes instead of a transaction and disk sync of their own on the loop.
   */
  touchActivity(entries: readonly { workshopId: string; at: number }[]): Promise<void> {
    return this.#writer.touchActivity(entries)
  }

  async listHistory(workshopId: string): Promise<HistoryEntry[]> {
    return this.#statements.listHistory.all(workshopId).map(workshopRows.toHistoryEntry)
  }

  async getHistory(workshopId: string, id: string): Promise<{ entry: HistoryEntry; state: Uint8Array } | undefined> {
    const row = this.#statements.getHistory.get(workshopId, id)
    return row && { entry: workshopRows.toHistoryEntry(row), state: new Uint8Array(row.state) }
  }

  async deleteHistory(workshopId: string, ids: readonly string[]): Promise<void> {
    this.#db.transaction(() => {
      for (const id of ids) this.#statements.deleteHistory.run(workshopId, id)
    })()
  }

  async replaceHistoryState(workshopId: string, id: string, state: Uint8Array, counts: unknown): Promise<boolean> {
    // The erased bytes are overwritten with zeros in the file, not only marked free, and the WAL
    // that held the page before is checkpointed away.
    this.#db.pragma('secure_delete = ON')
    try {
      return this.#statements.replaceHistoryState.run(Buffer.from(state), JSON.stringify(counts), workshopId, id).changes === 1
    } finally {
      this.#db.pragma('secure_delete = OFF')
      this.#db.pragma('wal_checkpoint(TRUNCATE)')
    }
  }

  /** Reads a pragma's value; for tests and diagnostics. */
  pragma(name: string): unknown {
    return this.#db.pragma(name, { simple: true })
  }

  /** The same, as the writer thread's connection has it. */
  writerPragma(name: string): Promise<unknown> {
    return this.#writer.pragma(name)
  }

  /** Lets every write already sent commit, then closes both connections. */
  async close(): Promise<void> {
    await this.#writer.close()
    if (this.#db.open) this.#db.close()
  }
}
