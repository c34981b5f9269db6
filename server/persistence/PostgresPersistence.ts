import pg from 'pg'
import * as Y from 'yjs'
import type { Logger } from '../log'
import {
  JoinCodeTakenError,
  type AccessRow,
  type AppendResult,
  type HistoryEntry,
  type HistoryPersistence,
  type SharedPersistence,
  type StoredDocument,
  type WorkshopAccessRows,
  type WorkshopRow,
} from './Persistence'
import * as workshopRows from './rows'
import { WORKSHOP_SCHEMA } from './workshopSchema'
import { openPgPool, pgTransaction } from './pgTransaction'

/** Advisory lock namespaces (first key of the two-key form); the second key is the workshop id's hash. */
const LOCK_SCHEMA = 0x5a5a
const LOCK_APPEND = 0x5a5b
const LOCK_COMPACT = 0x5a5c

/** The update log and snapshots; the rest is workshopSchema. `seq` counts across workshops (bigserial). */
const LOG_TABLES = `
CREATE TABLE IF NOT EXISTS updates (
  seq bigserial PRIMARY KEY,
  workshop_id text NOT NULL,
  data bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_workshop_seq ON updates (workshop_id, seq);
CREATE TABLE IF NOT EXISTS snapshots (
  workshop_id text PRIMARY KEY,
  data bytea NOT NULL,
  upto_seq bigint NOT NULL,
  schema_versions text
);
-- Databases made before the snapshot's schema was kept get the column (null: unknown, loaded the slow way).
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS schema_versions text;
`

/** PostgreSQL's unique_violation on the join code's constraint. */
function isCodeConflict(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null
  return e?.code === '23505' && e.constraint === 'workshop_access_code_key'
}

const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/

export interface PostgresPersistenceOptions {
  connectionString: string
  /** A schema of its own (created if missing); tests use one per test. Default: the server's search_path. */
  schema?: string
  log: Logger
  /** Pool size. Default 10. */
  maxConnections?: number
}

/**
 * PostgreSQL storage shared by any number of server instances. Same tables as SQLite; the log's
 * `seq` is a bigserial. Appends to one workshop are serialised with a transaction-scoped advisory
 * lock, so a workshop's updates commit in seq order: an instance that has applied everything up to
 * seq N gets all it lacks with `seq > N`, and a missed Redis message shows as a gap in `previousSeq`.
 * The pool reconnects by itself after a database restart; a failed write rejects and the room retries.
 */
export class PostgresPersistence implements SharedPersistence, HistoryPersistence {
  readonly #pool: pg.Pool

  private constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  /** Connects and creates the schema and tables if they are missing. */
  static async open(options: PostgresPersistenceOptions): Promise<PostgresPersistence> {
    const { schema } = options
    if (schema !== undefined && !SCHEMA_NAME_PATTERN.test(schema)) {
      throw new Error(`PostgreSQL schema name must match ${SCHEMA_NAME_PATTERN}: ${schema}`)
    }
    const pool = await openPgPool({
      connectionString: options.connectionString,
      schema,
      max: options.maxConnections ?? 10,
      log: options.log,
      name: 'workshops',
      lockKey: LOCK_SCHEMA,
      ddl: WORKSHOP_SCHEMA + LOG_TABLES,
    })
    const persistence = new PostgresPersistence(pool)
    return persistence
  }

  async createWorkshop(row: WorkshopRow, initialState: Uint8Array, access: AccessRow): Promise<void> {
    await this.#mapCodeConflict(access.code, () => this.#transaction(async (client) => {
      await client.query('INSERT INTO workshops (id, title, language, created_at) VALUES ($1, $2, $3, $4)', [
        row.id,
        row.title,
        row.language,
        row.createdAt,
      ])
      await client.query('INSERT INTO snapshots (workshop_id, data, upto_seq) VALUES ($1, $2, 0)', [
        row.id,
        Buffer.from(initialState),
      ])
      await client.query(`INSERT INTO workshop_access (${workshopRows.ACCESS_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, workshopRows.accessValues(access, 'boolean'))
    }))
  }

  async #mapCodeConflict<T>(code: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (isCodeConflict(error)) throw new JoinCodeTakenError(code)
      throw error
    }
  }

  async getAccess(workshopId: string): Promise<AccessRow | undefined> {
    const result = await this.#pool.query<workshopRows.AccessDbRow>('SELECT * FROM workshop_access WHERE workshop_id = $1', [workshopId])
    const row = result.rows[0]
    return row && workshopRows.toAccessRow(row)
  }

  async getWorkshopAccess(id: string): Promise<WorkshopAccessRows | undefined> {
    const result = await this.#pool.query<workshopRows.WorkshopAccessDbRow>(workshopRows.workshopAccessQuery('$1', 'array_agg(participant_id)'), [id])
    const row = result.rows[0]
    return row && workshopRows.toWorkshopAccessRows(row)
  }

  async findAccessByCode(code: string): Promise<AccessRow | undefined> {
    const result = await this.#pool.query<workshopRows.AccessDbRow>('SELECT * FROM workshop_access WHERE code = $1', [code])
    const row = result.rows[0]
    return row && workshopRows.toAccessRow(row)
  }

  async updateAccess(row: AccessRow): Promise<void> {
    await this.#mapCodeConflict(row.code, () =>
      this.#pool.query(
        `UPDATE workshop_access SET code = $2, facilitator_key = $3, participant_key = $4, observer_key = $5, secret = $6, legacy_open = $7
         WHERE workshop_id = $1`,
        workshopRows.accessValues(row, 'boolean'),
      ),
    )
  }

  async insertAccessIfMissing(row: AccessRow): Promise<AccessRow> {
    await this.#mapCodeConflict(row.code, () =>
      this.#pool.query(
        `INSERT INTO workshop_access (${workshopRows.ACCESS_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (workshop_id) DO NOTHING`,
        workshopRows.accessValues(row, 'boolean'),
      ),
    )
    const stored = await this.getAccess(row.workshopId)
    if (!stored) throw new Error(`access row for ${row.workshopId} vanished`)
    return stored
  }

  async listAccessRows(): Promise<AccessRow[]> {
    const result = await this.#pool.query<workshopRows.AccessDbRow>('SELECT * FROM workshop_access ORDER BY workshop_id')
    return result.rows.map(workshopRows.toAccessRow)
  }

  async replaceAccessIf(expected: AccessRow, next: AccessRow): Promise<boolean> {
    const [, ...values] = workshopRows.accessValues(next, 'boolean')
    const result = await this.#mapCodeConflict(next.code, () =>
      this.#pool.query(
        `UPDATE workshop_access SET code = $1, facilitator_key = $2, participant_key = $3, observer_key = $4, secret = $5, legacy_open = $6
         WHERE workshop_id = $7 AND code = $8 AND facilitator_key = $9 AND participant_key = $10 AND observer_key = $11
           AND secret = $12 AND legacy_open = $13`,
        [...values, ...workshopRows.accessValues(expected, 'boolean')],
      ),
    )
    return result.rowCount === 1
  }

  async scrubReplacedAccess(): Promise<void> {
    // Dead row versions keep the old values in the table's files until it is rewritten; the table is small.
    await this.#pool.query('VACUUM FULL workshop_access')
  }

  async addRemovedParticipants(workshopId: string, participantIds: readonly string[]): Promise<void> {
    if (participantIds.length === 0) return
    await this.#pool.query(
      `INSERT INTO removed_participants (workshop_id, participant_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [workshopId, [...participantIds]],
    )
  }

  async listRemovedParticipants(workshopId: string): Promise<string[]> {
    const result = await this.#pool.query<{ participant_id: string }>('SELECT participant_id FROM removed_participants WHERE workshop_id = $1', [
      workshopId,
    ])
    return result.rows.map((row) => row.participant_id)
  }

  async getServerSetting(name: string): Promise<string | undefined> {
    const result = await this.#pool.query<{ value: string }>('SELECT value FROM server_settings WHERE name = $1', [name])
    return result.rows[0]?.value
  }

  async putServerSettingIfMissing(name: string, value: string): Promise<string> {
    await this.#pool.query('INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, value])
    const stored = await this.getServerSetting(name)
    if (stored === undefined) throw new Error(`server setting ${name} vanished`)
    return stored
  }

  async getWorkshop(id: string): Promise<WorkshopRow | undefined> {
    const result = await this.#pool.query<workshopRows.WorkshopDbRow>(
      'SELECT id, title, language, created_at FROM workshops WHERE id = $1',
      [id],
    )
    const row = result.rows[0]
    return row && workshopRows.toWorkshopRow(row)
  }

  async getWorkshops(ids: readonly string[]): Promise<WorkshopRow[]> {
    if (ids.length === 0) return []
    const result = await this.#pool.query<workshopRows.WorkshopDbRow>('SELECT id, title, language, created_at FROM workshops WHERE id = ANY($1::text[])', [ids])
    return result.rows.map(workshopRows.toWorkshopRow)
  }

  loadDocument(workshopId: string): Promise<StoredDocument> {
    return this.loadDocumentAfter(workshopId, -1)
  }

  async loadDocumentAfter(workshopId: string, afterSeq: number): Promise<StoredDocument> {
    // One snapshot of the database, so a compaction committing meanwhile cannot split snapshot and log.
    return this.#transaction(async (client) => {
      const head = await client.query<{ upto_seq: string; schema_versions: string | null }>('SELECT upto_seq, schema_versions FROM snapshots WHERE workshop_id = $1', [
        workshopId,
      ])
      const snapshotSeq = head.rows[0] ? Number(head.rows[0].upto_seq) : null
      let snapshot: Uint8Array | null = null
      if (snapshotSeq !== null && snapshotSeq > afterSeq) {
        const data = await client.query<{ data: Buffer }>('SELECT data FROM snapshots WHERE workshop_id = $1', [workshopId])
        if (data.rows[0]) snapshot = new Uint8Array(data.rows[0].data)
      }
      const fromSeq = Math.max(afterSeq, snapshotSeq ?? 0)
      const rows = await client.query<{ seq: string; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE workshop_id = $1 AND seq > $2 ORDER BY seq',
        [workshopId, fromSeq],
      )
      const last = rows.rows.at(-1)
      return {
        snapshot,
        updates: rows.rows.map((row) => new Uint8Array(row.data)),
        lastSeq: last ? Number(last.seq) : Math.max(fromSeq, 0),
        snapshotSchema: snapshot ? (head.rows[0]?.schema_versions ?? null) : null,
      }
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  }

  async appendUpdates(workshopId: string, updates: readonly Uint8Array[]): Promise<number> {
    return (await this.appendUpdatesInOrder(workshopId, updates)).seq
  }

  async appendUpdatesInOrder(workshopId: string, updates: readonly Uint8Array[]): Promise<AppendResult> {
    return this.#transaction(async (client) => {
      // Held until COMMIT: the next append to this workshop takes its seq only after this one is
      // committed, so per workshop, commit order = seq order.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_APPEND, workshopId])
      const previous = await client.query<{ seq: string | null }>(
        `SELECT GREATEST((SELECT MAX(seq) FROM updates WHERE workshop_id = $1),
                         (SELECT upto_seq FROM snapshots WHERE workshop_id = $1), 0) AS seq`,
        [workshopId],
      )
      const previousSeq = Number(previous.rows[0]?.seq ?? 0)
      let seq = previousSeq
      for (const update of updates) {
        const inserted = await client.query<{ seq: string }>(
          'INSERT INTO updates (workshop_id, data) VALUES ($1, $2) RETURNING seq',
          [workshopId, Buffer.from(update)],
        )
        seq = Number(inserted.rows[0]!.seq)
      }
      return { previousSeq, seq }
    })
  }

  async compact(workshopId: string, snapshot: Uint8Array, uptoSeq: number, schema?: string): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        `INSERT INTO snapshots (workshop_id, data, upto_seq, schema_versions) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workshop_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, schema_versions = excluded.schema_versions`,
        [workshopId, Buffer.from(snapshot), uptoSeq, schema ?? null],
      )
      await client.query('DELETE FROM updates WHERE workshop_id = $1 AND seq <= $2', [workshopId, uptoSeq])
    })
  }

  async compactStored(workshopId: string, schema?: string): Promise<{ uptoSeq: number; bytes: number } | null> {
    return this.#transaction(async (client) => {
      const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [
        LOCK_COMPACT,
        workshopId,
      ])
      if (!lock.rows[0]?.locked) return null
      const stored = await client.query<{ data: Buffer; upto_seq: string }>(
        'SELECT data, upto_seq FROM snapshots WHERE workshop_id = $1',
        [workshopId],
      )
      const snapshotSeq = stored.rows[0] ? Number(stored.rows[0].upto_seq) : 0
      const log = await client.query<{ seq: string; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE workshop_id = $1 AND seq > $2 ORDER BY seq',
        [workshopId, snapshotSeq],
      )
      const last = log.rows.at(-1)
      if (!last) return null
      const uptoSeq = Number(last.seq)
      const doc = new Y.Doc()
      let snapshot: Uint8Array
      try {
        if (stored.rows[0]) Y.applyUpdate(doc, new Uint8Array(stored.rows[0].data))
        for (const row of log.rows) Y.applyUpdate(doc, new Uint8Array(row.data))
        snapshot = Y.encodeStateAsUpdate(doc)
      } finally {
        doc.destroy()
      }
      await client.query(
        `INSERT INTO snapshots (workshop_id, data, upto_seq, schema_versions) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workshop_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, schema_versions = excluded.schema_versions`,
        [workshopId, Buffer.from(snapshot), uptoSeq, schema ?? null],
      )
      await client.query('DELETE FROM updates WHERE workshop_id = $1 AND seq <= $2', [workshopId, uptoSeq])
      return { uptoSeq, bytes: snapshot.byteLength }
    })
  }

  async addHistory(entry: HistoryEntry, state: Uint8Array): Promise<void> {
    await this.#pool.query(
      'INSERT INTO history (workshop_id, id, created_at, kind, label, state, counts) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      workshopRows.historyValues(entry, state),
    )
  }

  async listHistory(workshopId: string): Promise<HistoryEntry[]> {
    const result = await this.#pool.query<workshopRows.HistoryDbRow>(
      `SELECT workshop_id, id, created_at, kind, label, counts FROM history WHERE workshop_id = $1
       ORDER BY created_at DESC, id DESC`,
      [workshopId],
    )
    return result.rows.map(workshopRows.toHistoryEntry)
  }

  async getHistory(workshopId: string, id: string): Promise<{ entry: HistoryEntry; state: Uint8Array } | undefined> {
    const result = await this.#pool.query<workshopRows.HistoryDbRow & { state: Buffer }>(
      'SELECT workshop_id, id, created_at, kind, label, counts, state FROM history WHERE workshop_id = $1 AND id = $2',
      [workshopId, id],
    )
    const row = result.rows[0]
    return row && { entry: workshopRows.toHistoryEntry(row), state: new Uint8Array(row.state) }
  }

  async deleteHistory(workshopId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    await this.#pool.query('DELETE FROM history WHERE workshop_id = $1 AND id = ANY($2::text[])', [workshopId, [...ids]])
  }

  async replaceHistoryState(workshopId: string, id: string, state: Uint8Array, counts: unknown): Promise<boolean> {
    const result = await this.#pool.query('UPDATE history SET state = $1, counts = $2 WHERE workshop_id = $3 AND id = $4', [
      Buffer.from(state),
      JSON.stringify(counts),
      workshopId,
      id,
    ])
    return result.rowCount === 1
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }

  #transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return pgTransaction(this.#pool, work, begin)
  }
}
