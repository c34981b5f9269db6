import Database from 'better-sqlite3'
import path from 'node:path'
import type { SearchEntry, SearchEntryKind } from '../../shared/followup/searchEntries'
import { makePrivateDir, makePrivateFile, tightenIfExists } from '../persistence/privateFiles'
import type { IndexChange, SearchHit, SearchIndex, SearchQuery } from './SearchIndex'

/**
 * The search index in its own SQLite file, DATA_DIR/search.sqlite, beside the documents' database:
 * derived data that can be deleted and rebuilt, so it is written with `synchronous = NORMAL` and
 * never delays a document's commit. Entries are rows of `search_docs` (one per workshop and record,
 * found by workshop through an ordinary index); `search_fts` is an FTS5 table over their words with
 * `search_docs` as its external content, kept in step by triggers. `remove_diacritics 2` lets
 * "kafe" find "kafé"; FTS5 has no stemmer for our languages, so every term is matched as a prefix.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS search_docs (
  id INTEGER PRIMARY KEY,
  workshop_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  board_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  tags TEXT NOT NULL,
  UNIQUE (workshop_id, record_id)
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  title, body, tags,
  content = 'search_docs', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS search_docs_insert AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_fts (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TRIGGER IF NOT EXISTS search_docs_delete AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
CREATE TRIGGER IF NOT EXISTS search_docs_update AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
  INSERT INTO search_fts (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TABLE IF NOT EXISTS search_versions (
  workshop_id TEXT PRIMARY KEY,
  version TEXT NOT NULL
);
`

/** bm25 weights per column (title, body, tags): a match in the heading counts most. */
const RANK = 'bm25(search_fts, 10.0, 2.0, 4.0)'

/** A workshop's entry as stored, to compare with the one to write. */
interface EntryRow {
  record_id: string
  board_id: string
  kind: string
  language: string
  title: string
  body: string
  tags: string
}

interface HitRow {
  workshop_id: string
  board_id: string
  record_id: string
  kind: string
  title: string
  snippet: string
}

export class SqliteSearchIndex implements SearchIndex {
  readonly #db: Database.Database
  readonly #statements
  /** Writes waiting for the end of this event-loop turn, committed together (#commitQueued). */
  #queued: { write: () => void; resolve: () => void; reject: (error: unknown) => void }[] = []

  constructor(dataDir: string) {
    // Residents' words: private like the documents' database (server/persistence/privateFiles.ts).
    makePrivateDir(dataDir)
    const file = path.join(dataDir, 'search.sqlite')
    makePrivateFile(file)
    this.#db = new Database(file)
    this.#db.pragma('journal_mode = WAL')
    for (const companion of [`${file}-wal`, `${file}-shm`]) tightenIfExists(companion)
    this.#db.pragma('synchronous = NORMAL')
    // A deleted workshop's words are overwritten in the file, not only marked free.
    this.#db.pragma('secure_delete = ON')
    this.#db.pragma('busy_timeout = 5000')
    this.#db.exec(SCHEMA)
    const db = this.#db
    this.#statements = {
      upsert: db.prepare(
        `INSERT INTO search_docs (workshop_id, record_id, board_id, kind, language, title, body, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workshop_id, record_id) DO UPDATE SET
           board_id = excluded.board_id, kind = excluded.kind, language = excluded.language,
           title = excluded.title, body = excluded.body, tags = excluded.tags`,
      ),
      removeRecord: db.prepare('DELETE FROM search_docs WHERE workshop_id = ? AND record_id = ?'),
      removeWorkshop: db.prepare('DELETE FROM search_docs WHERE workshop_id = ?'),
      entriesOf: db.prepare<[string], EntryRow>('SELECT record_id, board_id, kind, language, title, body, tags FROM search_docs WHERE workshop_id = ?'),
      version: db.prepare<[string], { version: string }>('SELECT version FROM search_versions WHERE workshop_id = ?'),
      setVersion: db.prepare('INSERT INTO search_versions (workshop_id, version) VALUES (?, ?) ON CONFLICT (workshop_id) DO UPDATE SET version = excluded.version'),
      removeVersion: db.prepare('DELETE FROM search_versions WHERE workshop_id = ?'),
      search: db.prepare<[string, string, number], HitRow>(
        `SELECT d.workshop_id, d.board_id, d.record_id, d.kind, d.title,
                snippet(search_fts, 1, '', '', '…', 16) AS snippet
         FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
         WHERE search_fts MATCH ? AND d.workshop_id IN (SELECT value FROM json_each(?))
         ORDER BY ${RANK}, d.workshop_id, d.record_id
         LIMIT ?`,
      ),
      titles: db.prepare<[string], { workshop_id: string; title: string }>(
        `SELECT workshop_id, title FROM search_docs
         WHERE kind = 'workshop' AND record_id = workshop_id AND workshop_id IN (SELECT value FROM json_each(?))`,
      ),
    }
  }

  /**
   * Writes only the entries that differ from what is stored, and removes the ones gone: a workshop
   * whose room closes after one new note rewrites one row, not all of them (each rewritten row is
   * a delete and an insert in the FTS5 table, its old words overwritten: secure_delete).
   */
  replaceWorkshop(workshopId: string, language: string, entries: readonly SearchEntry[], version?: string): Promise<void> {
    return this.#queue(() => {
      const stored = new Map(this.#statements.entriesOf.all(workshopId).map((row) => [row.record_id, row]))
      for (const entry of entries) {
        const row = stored.get(entry.recordId)
        stored.delete(entry.recordId)
        if (row && sameEntry(row, language, entry)) continue
        this.#upsert(workshopId, language, entry)
      }
      for (const recordId of stored.keys()) this.#statements.removeRecord.run(workshopId, recordId)
      this.#setVersion(workshopId, version)
    })
  }

  updateWorkshop(workshopId: string, language: string, change: IndexChange, version?: string): Promise<void> {
    return this.#queue(() => {
      for (const recordId of change.remove) this.#statements.removeRecord.run(workshopId, recordId)
      for (const entry of change.upsert) this.#upsert(workshopId, language, entry)
      this.#setVersion(workshopId, version)
    })
  }

  async indexedVersion(workshopId: string): Promise<string | null> {
    return this.#statements.version.get(workshopId)?.version ?? null
  }

  #setVersion(workshopId: string, version: string | undefined): void {
    if (version === undefined) this.#statements.removeVersion.run(workshopId)
    else this.#statements.setVersion.run(workshopId, version)
  }

  #upsert(workshopId: string, language: string, entry: SearchEntry): void {
    this.#statements.upsert.run(workshopId, entry.recordId, entry.boardId, entry.kind, language, entry.title, entry.body, entry.tags)
  }

  /**
   * Writes are committed at the end of the event-loop turn, every workshop's in one transaction:
   * rooms closing together (a meeting ends) share it, and FTS5 adds one segment for all of them
   * rather than one each. A promise settles once its write is committed. Should the group fail, each
   * write is tried alone, so one bad write fails only its own caller.
   */
  #queue(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#queued.length === 0) setImmediate(() => this.#commitQueued())
      this.#queued.push({ write, resolve, reject })
    })
  }

  #commitQueued(): void {
    const queued = this.#queued
    this.#queued = []
    if (queued.length === 0) return
    try {
      this.#db.transaction(() => {
        for (const { write } of queued) write()
      })()
      for (const { resolve } of queued) resolve()
    } catch {
      for (const { write, resolve, reject } of queued) {
        try {
          this.#db.transaction(write)()
          resolve()
        } catch (error) {
          reject(error)
        }
      }
    }
  }

  async indexedWorkshopIds(): Promise<Set<string>> {
    const rows = this.#db.prepare<[], { workshop_id: string }>('SELECT DISTINCT workshop_id FROM search_docs').all()
    return new Set(rows.map((row) => row.workshop_id))
  }

  /** In order with the writes queued before it: none of them brings the workshop back. */
  removeWorkshop(workshopId: string): Promise<void> {
    return this.#queue(() => {
      this.#statements.removeWorkshop.run(workshopId)
      this.#statements.removeVersion.run(workshopId)
    })
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (query.terms.length === 0 || query.workshopIds.length === 0) return []
    // Terms hold only letters and digits (searchTerms); quoted, each is one prefix query, all must match.
    const match = query.terms.map((term) => `"${term}"*`).join(' ')
    const ids = JSON.stringify(query.workshopIds)
    const rows = this.#statements.search.all(match, ids, query.limit)
    const titles = new Map(this.#statements.titles.all(JSON.stringify([...new Set(rows.map((r) => r.workshop_id))])).map((r) => [r.workshop_id, r.title]))
    return rows.map((row) => ({
      workshopId: row.workshop_id,
      workshopTitle: titles.get(row.workshop_id) ?? '',
      boardId: row.board_id,
      recordId: row.record_id,
      kind: row.kind as SearchEntryKind,
      title: row.title,
      snippet: row.snippet,
    }))
  }

  async close(): Promise<void> {
    // Writes queued in this turn still commit: their callers were told they would.
    if (this.#queued.length > 0) this.#commitQueued()
    this.#db.close()
  }
}

function sameEntry(row: EntryRow, language: string, entry: SearchEntry): boolean {
  return (
    row.board_id === entry.boardId &&
    row.kind === entry.kind &&
    row.language === language &&
    row.title === entry.title &&
    row.body === entry.body &&
    row.tags === entry.tags
  )
}
