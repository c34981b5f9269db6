/*
 * The tables both stores create are written once, in PostgreSQL's column types, so the SQLite and
 * PostgreSQL tables cannot drift apart column by column. SQLite gets them through `sqliteDdl`, which
 * swaps each column's type for SQLite's: a boolean is 0/1, JSON is TEXT (the row mappers parse it),
 * bytes are a BLOB and a counted row id is an INTEGER PRIMARY KEY. What the dialects do differently
 * beyond types (the update log's seq, upserts, LIKE) stays in each store's SQL.
 */
const SQLITE_TYPES: Record<string, string> = {
  text: 'TEXT',
  bigint: 'INTEGER',
  integer: 'INTEGER',
  jsonb: 'TEXT',
  boolean: 'INTEGER',
  bytea: 'BLOB',
  'bigserial PRIMARY KEY': 'INTEGER PRIMARY KEY AUTOINCREMENT',
}

/** Only a column definition's type is swapped: the word after the name at the start of a line. */
const COLUMN_TYPE = /^( +[a-z_]+ )(bigserial PRIMARY KEY|text|bigint|integer|jsonb|boolean|bytea)\b/gm

export function sqliteDdl(postgresDdl: string): string {
  return postgresDdl.replace(COLUMN_TYPE, (_line, column: string, type: string) => column + SQLITE_TYPES[type]!)
}
