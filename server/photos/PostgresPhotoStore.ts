import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import type pg from 'pg'
import type { Logger } from '../log'
import { openPgPool } from '../persistence/pgTransaction'
import type { PhotoStore } from './PhotoStore'

/** Advisory lock key for creating the table (persistence 0x5a5a–0x5a5d, staff 0x5a60). */
const LOCK_PHOTOS_SCHEMA = 0x5a61
const HASH_PATTERN = /^[0-9a-f]{64}$/

// JPEG, PNG, WebP and GIF are compressed already: EXTERNAL keeps them out of line without a futile
// second compression.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS photos (
  hash text PRIMARY KEY,
  mime text NOT NULL,
  size integer NOT NULL,
  bytes bytea NOT NULL,
  created_at bigint NOT NULL
);
ALTER TABLE photos ALTER COLUMN bytes SET STORAGE EXTERNAL;
`

/**
 * Photos in PostgreSQL (with DATABASE_URL), one row per content hash, so every instance serves a
 * photo uploaded through any other without a shared volume. Rows are immutable: the same bytes
 * always have the same hash, so a second upload of them changes nothing.
 */
export class PostgresPhotoStore implements PhotoStore {
  readonly #pool: pg.Pool

  private constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  static async open(options: { connectionString: string; schema?: string; log: Logger }): Promise<PostgresPhotoStore> {
    // Few connections: a photo is read once per browser (immutable, cached a year).
    const pool = await openPgPool({ connectionString: options.connectionString, schema: options.schema, max: 3, log: options.log, name: 'photos', lockKey: LOCK_PHOTOS_SCHEMA, ddl: SCHEMA })
    return new PostgresPhotoStore(pool)
  }

  async put(hash: string, bytes: Buffer, mime: string): Promise<boolean> {
    const result = await this.#pool.query('INSERT INTO photos (hash, mime, size, bytes, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING', [
      hash,
      mime,
      bytes.length,
      bytes,
      Date.now(),
    ])
    return result.rowCount === 1
  }

  async get(hash: string): Promise<Buffer | null> {
    const result = await this.#pool.query<{ bytes: Buffer }>('SELECT bytes FROM photos WHERE hash = $1', [hash])
    return result.rows[0]?.bytes ?? null
  }

  async sizes(hashes: Iterable<string>): Promise<Map<string, number>> {
    const list = [...hashes]
    if (list.length === 0) return new Map()
    const result = await this.#pool.query<{ hash: string; size: number }>('SELECT hash, size FROM photos WHERE hash = ANY($1)', [list])
    return new Map(result.rows.map((row) => [row.hash, row.size]))
  }

  async delete(hash: string): Promise<boolean> {
    const result = await this.#pool.query('DELETE FROM photos WHERE hash = $1', [hash])
    return result.rowCount === 1
  }

  /**
   * Copies photos an installation kept as files (DATA_DIR/images, before photos moved into
   * PostgreSQL) into the table, so their workshops keep showing them. Only files named by their
   * own content hash are taken; the files stay (remove them once every instance runs this version).
   */
  async importFiles(imagesDir: string, log: Logger): Promise<number> {
    const entries = await fs.readdir(imagesDir, { recursive: true, withFileTypes: true }).catch(() => [])
    const candidates = entries.filter((entry) => entry.isFile() && HASH_PATTERN.test(entry.name))
    if (candidates.length === 0) return 0
    const stored = await this.sizes(candidates.map((entry) => entry.name))
    let imported = 0
    for (const entry of candidates) {
      if (stored.has(entry.name)) continue
      const bytes = await fs.readFile(path.join(entry.parentPath, entry.name))
      if (createHash('sha256').update(bytes).digest('hex') !== entry.name) {
        log.warn({ file: path.join(entry.parentPath, entry.name) }, 'a photo file does not match its name; not copied into PostgreSQL')
        continue
      }
      const mime = (await fileTypeFromBuffer(bytes))?.mime ?? 'application/octet-stream'
      if (await this.put(entry.name, bytes, mime)) imported++
    }
    if (imported > 0) log.info({ imported, imagesDir }, 'photo files copied into PostgreSQL')
    return imported
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }
}
