import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { toTemplateRow, type TemplateDbRow, type TemplateRow, type TemplateStore } from './TemplateStore'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS workshop_templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  language TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  boards INTEGER NOT NULL,
  body TEXT NOT NULL
);
`

/** The templates table in DATA_DIR/samskap.sqlite, through a connection of its own (as SqliteStaffStorage). */
export class SqliteTemplateStore implements TemplateStore {
  readonly #db: Database.Database

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true })
    this.#db = new Database(path.join(dataDir, 'samskap.sqlite'))
    this.#db.pragma('journal_mode = WAL')
    this.#db.pragma('synchronous = FULL')
    this.#db.pragma('busy_timeout = 5000')
    this.#db.exec(SCHEMA)
  }

  async list(): Promise<Omit<TemplateRow, 'body'>[]> {
    const rows = this.#db
      .prepare<[], TemplateDbRow>('SELECT id, name, language, created_by, created_at, boards FROM workshop_templates ORDER BY created_at DESC, id')
      .all()
    return rows.map((row) => {
      const { body: _body, ...rest } = toTemplateRow(row)
      return rest
    })
  }

  async get(id: string): Promise<TemplateRow | undefined> {
    const row = this.#db.prepare<[string], TemplateDbRow>('SELECT * FROM workshop_templates WHERE id = ?').get(id)
    return row && toTemplateRow(row)
  }

  async insert(row: TemplateRow): Promise<void> {
    this.#db
      .prepare('INSERT INTO workshop_templates (id, name, language, created_by, created_at, boards, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.name, row.language, row.createdBy, row.createdAt, row.boards, row.body)
  }

  async delete(id: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM workshop_templates WHERE id = ?').run(id).changes > 0
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}
