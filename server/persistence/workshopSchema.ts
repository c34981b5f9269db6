/**
 * The workshop tables both stores create alike, written once in PostgreSQL's types (SQLite's through
 * sqliteDdl).
 * The update log and the snapshots are not here: how `seq` is counted differs (see each store).
 */
export const WORKSHOP_SCHEMA = `
CREATE TABLE IF NOT EXISTS workshops (
  id text PRIMARY KEY,
  title text NOT NULL,
  language text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
  workshop_id text NOT NULL,
  id text NOT NULL,
  created_at bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('auto', 'checkpoint')),
  label text NOT NULL,
  state bytea NOT NULL,
  counts jsonb NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
CREATE INDEX IF NOT EXISTS history_workshop_created ON history (workshop_id, created_at);
CREATE TABLE IF NOT EXISTS workshop_access (
  workshop_id text PRIMARY KEY,
  code text NOT NULL,
  facilitator_key text NOT NULL,
  participant_key text NOT NULL,
  observer_key text NOT NULL,
  secret text NOT NULL,
  legacy_open boolean NOT NULL DEFAULT false,
  CONSTRAINT workshop_access_code_key UNIQUE (code)
);
CREATE TABLE IF NOT EXISTS removed_participants (
  workshop_id text NOT NULL,
  participant_id text NOT NULL,
  PRIMARY KEY (workshop_id, participant_id)
);
CREATE TABLE IF NOT EXISTS server_settings (
  name text PRIMARY KEY,
  value text NOT NULL
);
`
