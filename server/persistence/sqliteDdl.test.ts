import { describe, expect, it } from 'vitest'
import { sqliteDdl } from './sqliteDdl'

describe('sqliteDdl', () => {
  it("swaps every PostgreSQL column type for SQLite's and nothing else", () => {
    const postgres = `CREATE TABLE IF NOT EXISTS text (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  created_at bigint NOT NULL,
  participants integer NOT NULL DEFAULT 0,
  groups jsonb NOT NULL,
  legacy_open boolean NOT NULL DEFAULT false,
  state bytea NOT NULL,
  kind text NOT NULL CHECK (kind IN ('text', 'integer')),
  PRIMARY KEY (workshop_id, id)
);`
    expect(sqliteDdl(postgres)).toBe(`CREATE TABLE IF NOT EXISTS text (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  participants INTEGER NOT NULL DEFAULT 0,
  groups TEXT NOT NULL,
  legacy_open INTEGER NOT NULL DEFAULT false,
  state BLOB NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'integer')),
  PRIMARY KEY (workshop_id, id)
);`)
  })
})
