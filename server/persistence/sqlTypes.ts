/*
 * The column types of the tables both stores create, by dialect. A table is written once (e.g.
 * `staffSchema`) with these as placeholders, so the SQLite and PostgreSQL tables cannot drift apart
 * column by column; what the dialects do differently (the update log's seq, upserts, LIKE) stays in
 * each store's SQL.
 */
export interface SqlTypes {
  text: string
  /** Times in ms and sequence numbers: pg returns them as strings, which the row mappers convert. */
  bigint: string
  integer: string
  /** JSON text in SQLite, parsed by the mappers; jsonb in PostgreSQL, parsed by pg. */
  json: string
  /** 0/1 in SQLite, which has no boolean type. */
  boolean: string
  bytes: string
  /** A row id the database counts up, as the whole column definition. */
  serialKey: string
}

export const sqliteTypes: SqlTypes = {
  text: 'TEXT',
  bigint: 'INTEGER',
  integer: 'INTEGER',
  json: 'TEXT',
  boolean: 'INTEGER',
  bytes: 'BLOB',
  serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
}

export const postgresTypes: SqlTypes = {
  text: 'text',
  bigint: 'bigint',
  integer: 'integer',
  json: 'jsonb',
  boolean: 'boolean',
  bytes: 'bytea',
  serialKey: 'bigserial PRIMARY KEY',
}
