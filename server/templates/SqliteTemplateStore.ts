import type Database from 'better-sqlite3'
import { openSqliteConnection } from '../persistence/openSqliteConnection'
import { sqliteDdl } from '../persistence/sqliteDdl'
import { TEMPLATES_SCHEMA, templateValues, toTemplateRow, type TemplateDbRow, type TemplateRow, type TemplateStore } from './TemplateStore'

/** The templates table in DATA_DIR/samskap.sqlite, through a connection of its own (openSqliteConnection). */
export class SqliteTemplateStore implements TemplateStore {
  readonly #db: Database.Database

  constructor(dataDir: string) {
    this.#db = openSqliteConnection(dataDir, sqliteDdl(TEMPLATES_SCHEMA))
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
      .run(...templateValues(row))
  }

  async delete(id: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM workshop_templates WHERE id = ?').run(id).changes > 0
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}
