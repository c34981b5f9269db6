import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Another connection to DATA_DIR/samskap.sqlite beside SqlitePersistence's, for a store with tables
 * of its own (staff, templates). WAL lets them share the file; better-sqlite3 runs each transaction
 * to its end synchronously, so two connections never interleave inside one, and a busy file is
 * waited for (5 s) rather than failed at once.
 */
export function openSqliteConnection(dataDir: string, ddl: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true })
  const db = new Database(path.join(dataDir, 'samskap.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.exec(ddl)
  return db
}
