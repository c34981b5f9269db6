import type pg from 'pg'
import type { Logger } from '../log'
import { openPgPool } from '../persistence/pgTransaction'
import { TEMPLATES_SCHEMA, templateValues, toTemplateRow, type TemplateDbRow, type TemplateRow, type TemplateStore } from './TemplateStore'

/** Advisory lock key for creating the table (persistence 0x5a5a–0x5a5d, staff 0x5a60, photos 0x5a61). */
const LOCK_TEMPLATES_SCHEMA = 0x5a62

/** The templates table in PostgreSQL (`DATABASE_URL`), shared by every instance; a small pool of its own. */
export class PostgresTemplateStore implements TemplateStore {
  readonly #pool: pg.Pool

  private constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  static async open(options: { connectionString: string; schema?: string; log: Logger }): Promise<PostgresTemplateStore> {
    const pool = await openPgPool({ ...options, max: 2, name: 'templates', lockKey: LOCK_TEMPLATES_SCHEMA, ddl: TEMPLATES_SCHEMA })
    return new PostgresTemplateStore(pool)
  }

  async list(): Promise<Omit<TemplateRow, 'body'>[]> {
    const result = await this.#pool.query<TemplateDbRow>('SELECT id, name, language, created_by, created_at, boards FROM workshop_templates ORDER BY created_at DESC, id')
    return result.rows.map((row) => {
      const { body: _body, ...rest } = toTemplateRow(row)
      return rest
    })
  }

  async get(id: string): Promise<TemplateRow | undefined> {
    const row = (await this.#pool.query<TemplateDbRow>('SELECT * FROM workshop_templates WHERE id = $1', [id])).rows[0]
    return row && toTemplateRow(row)
  }

  async insert(row: TemplateRow): Promise<void> {
    await this.#pool.query('INSERT INTO workshop_templates (id, name, language, created_by, created_at, boards, body) VALUES ($1, $2, $3, $4, $5, $6, $7)', templateValues(row))
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.#pool.query('DELETE FROM workshop_templates WHERE id = $1', [id])).rowCount ?? 0) > 0
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }
}
