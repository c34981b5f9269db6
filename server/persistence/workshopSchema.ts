import type { SqlTypes } from './sqlTypes'

/**
 * The workshop tables both stores create alike, written once (`sqliteTypes` or `postgresTypes`).
 * The update log and the snapshots are not here: how `seq` is counted differs (see each store).
 */
export function workshopSchema(t: SqlTypes): string {
  return `
CREATE TABLE IF NOT EXISTS workshops (
  id ${t.text} PRIMARY KEY,
  title ${t.text} NOT NULL,
  language ${t.text} NOT NULL,
  created_at ${t.bigint} NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
  workshop_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  created_at ${t.bigint} NOT NULL,
  kind ${t.text} NOT NULL CHECK (kind IN ('auto', 'checkpoint')),
  label ${t.text} NOT NULL,
  state ${t.bytes} NOT NULL,
  counts ${t.json} NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
CREATE INDEX IF NOT EXISTS history_workshop_created ON history (workshop_id, created_at);
CREATE TABLE IF NOT EXISTS workshop_access (
  workshop_id ${t.text} PRIMARY KEY,
  code ${t.text} NOT NULL,
  facilitator_key ${t.text} NOT NULL,
  participant_key ${t.text} NOT NULL,
  observer_key ${t.text} NOT NULL,
  secret ${t.text} NOT NULL,
  legacy_open ${t.boolean} NOT NULL DEFAULT false,
  CONSTRAINT workshop_access_code_key UNIQUE (code)
);
CREATE TABLE IF NOT EXISTS removed_participants (
  workshop_id ${t.text} NOT NULL,
  participant_id ${t.text} NOT NULL,
  PRIMARY KEY (workshop_id, participant_id)
);
CREATE TABLE IF NOT EXISTS server_settings (
  name ${t.text} PRIMARY KEY,
  value ${t.text} NOT NULL
);
`
}
