import pg from 'pg'
import type { SearchEntry, SearchEntryKind } from '../../shared/followup/searchEntries'
import type { Logger } from '../log'
import { textSearchConfig, type IndexChange, type SearchHit, type SearchIndex, type SearchQuery } from './SearchIndex'
import { openPgPool, pgTransaction } from '../persistence/pgTransaction'

/**
 * The search index in PostgreSQL (with DATABASE_URL), shared by every instance. Each entry's
 * `document` is a tsvector built with its workshop's text search configuration (norwegian, danish,
 * swedish, english, else simple), headings weighted A, tags B, the rest C, under a GIN index. A
 * query is parsed with every configuration and the results OR-ed, so one search finds Norwegian
 * and English workshops alike, each by its own stemming; every term is a prefix.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS search_entries (
  workshop_id text NOT NULL,
  record_id text NOT NULL,
  board_id text NOT NULL,
  kind text NOT NULL,
  config regconfig NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  tags text NOT NULL,
  document tsvector NOT NULL,
  PRIMARY KEY (workshop_id, record_id)
);
CREATE INDEX IF NOT EXISTS search_entries_document ON search_entries USING gin (document);
CREATE TABLE IF NOT EXISTS search_versions (
  workshop_id text PRIMARY KEY,
  version text NOT NULL
);
`

const LOCK_SCHEMA = 0x5a5d
const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/
const CONFIGS = ['norwegian', 'danish', 'swedish', 'english', 'simple'] as const

/** Rows as arrays (one statement for any number of entries): unnest pairs them up again. */
const UPSERT = `
INSERT INTO search_entries (workshop_id, record_id, board_id, kind, config, title, body, tags, document)
SELECT $1, e.record_id, e.board_id, e.kind, $2::regconfig, e.title, e.body, e.tags,
       setweight(to_tsvector($2::regconfig, e.title), 'A') ||
       setweight(to_tsvector('simple', e.tags), 'B') ||
       setweight(to_tsvector($2::regconfig, e.body), 'C')
FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS e(record_id, board_id, kind, title, body, tags)
ON CONFLICT (workshop_id, record_id) DO UPDATE SET
  board_id = excluded.board_id, kind = excluded.kind, config = excluded.config,
  title = excluded.title, body = excluded.body, tags = excluded.tags, document = excluded.document`

const QUERY = CONFIGS.map((config) => `to_tsquery('${config}', $1)`).join(' || ')

/** The best `limit` first, then a headline of each (ts_headline is costly: only for what is shown). */
const SEARCH = `
WITH q AS (SELECT ${QUERY} AS query),
hits AS (
  SELECT s.workshop_id, s.board_id, s.record_id, s.kind, s.title, s.body, s.config, ts_rank(s.document, q.query) AS rank
  FROM search_entries s, q
  WHERE s.document @@ q.query AND s.workshop_id = ANY($2::text[])
  ORDER BY rank DESC, s.workshop_id, s.record_id
  LIMIT $3
)
SELECT h.workshop_id, h.board_id, h.record_id, h.kind, h.title,
       CASE WHEN h.body = '' THEN '' ELSE ts_headline(h.config, h.body, q.query, 'StartSel="",StopSel="",MaxWords=24,MinWords=8,ShortWord=2') END AS snippet,
       COALESCE(w.title, '') AS workshop_title
FROM hits h CROSS JOIN q
LEFT JOIN search_entries w ON w.workshop_id = h.workshop_id AND w.record_id = h.workshop_id AND w.kind = 'workshop'
ORDER BY h.rank DESC, h.workshop_id, h.record_id`

export interface PostgresSearchIndexOptions {
  connectionString: string
  /** The same schema as the documents' tables (tests use one per test). */
  schema?: string
  log: Logger
}

export class PostgresSearchIndex implements SearchIndex {
  readonly #pool: pg.Pool

  private constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  static async open(options: PostgresSearchIndexOptions): Promise<PostgresSearchIndex> {
    const { schema } = options
    if (schema !== undefined && !SCHEMA_NAME_PATTERN.test(schema)) throw new Error(`PostgreSQL schema name must match ${SCHEMA_NAME_PATTERN}: ${schema}`)
    // A small pool of its own: indexing must never take the connections the documents' writes need.
    const pool = await openPgPool({ connectionString: options.connectionString, schema, max: 2, log: options.log, name: 'search', lockKey: LOCK_SCHEMA, ddl: SCHEMA })
    const index = new PostgresSearchIndex(pool)
    return index
  }

  async replaceWorkshop(workshopId: string, language: string, entries: readonly SearchEntry[], version?: string): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('DELETE FROM search_entries WHERE workshop_id = $1', [workshopId])
      await this.#upsert(client, workshopId, language, entries)
      await this.#setVersion(client, workshopId, version)
    })
  }

  async updateWorkshop(workshopId: string, language: string, change: IndexChange, version?: string): Promise<void> {
    await this.#transaction(async (client) => {
      if (change.remove.length > 0) {
        await client.query('DELETE FROM search_entries WHERE workshop_id = $1 AND record_id = ANY($2::text[])', [workshopId, change.remove])
      }
      await this.#upsert(client, workshopId, language, change.upsert)
      await this.#setVersion(client, workshopId, version)
    })
  }

  async indexedVersion(workshopId: string): Promise<string | null> {
    const { rows } = await this.#pool.query<{ version: string }>('SELECT version FROM search_versions WHERE workshop_id = $1', [workshopId])
    return rows[0]?.version ?? null
  }

  async #setVersion(client: pg.PoolClient, workshopId: string, version: string | undefined): Promise<void> {
    if (version === undefined) await client.query('DELETE FROM search_versions WHERE workshop_id = $1', [workshopId])
    else {
      await client.query(
        'INSERT INTO search_versions (workshop_id, version) VALUES ($1, $2) ON CONFLICT (workshop_id) DO UPDATE SET version = excluded.version',
        [workshopId, version],
      )
    }
  }

  async #upsert(client: pg.PoolClient, workshopId: string, language: string, entries: readonly SearchEntry[]): Promise<void> {
    if (entries.length === 0) return
    const column = (pick: (e: SearchEntry) => string) => entries.map(pick)
    await client.query(UPSERT, [
      workshopId,
      textSearchConfig(language),
      column((e) => e.recordId),
      column((e) => e.boardId),
      column((e) => e.kind),
      column((e) => e.title),
      column((e) => e.body),
      column((e) => e.tags),
    ])
  }

  async indexedWorkshopIds(): Promise<Set<string>> {
    const { rows } = await this.#pool.query<{ workshop_id: string }>('SELECT DISTINCT workshop_id FROM search_entries')
    return new Set(rows.map((row) => row.workshop_id))
  }

  async removeWorkshop(workshopId: string): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('DELETE FROM search_entries WHERE workshop_id = $1', [workshopId])
      await client.query('DELETE FROM search_versions WHERE workshop_id = $1', [workshopId])
    })
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (query.terms.length === 0 || query.workshopIds.length === 0) return []
    // Terms hold only letters and digits (searchTerms), so they are safe lexemes; each is a prefix.
    const tsquery = query.terms.map((term) => `${term}:*`).join(' & ')
    const result = await this.#pool.query<{
      workshop_id: string
      board_id: string
      record_id: string
      kind: string
      title: string
      snippet: string
      workshop_title: string
    }>(SEARCH, [tsquery, query.workshopIds, query.limit])
    return result.rows.map((row) => ({
      workshopId: row.workshop_id,
      workshopTitle: row.workshop_title,
      boardId: row.board_id,
      recordId: row.record_id,
      kind: row.kind as SearchEntryKind,
      title: row.title,
      snippet: row.snippet,
    }))
  }

  #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return pgTransaction(this.#pool, work)
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }
}
