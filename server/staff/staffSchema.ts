import type { SqlTypes } from '../persistence/sqlTypes'

/** The staff tables, written once for both stores (`sqliteTypes` or `postgresTypes`). */
export function staffSchema(t: SqlTypes): string {
  return `
CREATE TABLE IF NOT EXISTS staff (
  id ${t.text} PRIMARY KEY,
  issuer ${t.text} NOT NULL,
  subject ${t.text} NOT NULL,
  name ${t.text} NOT NULL,
  email ${t.text} NOT NULL,
  groups ${t.json} NOT NULL,
  is_admin ${t.boolean} NOT NULL,
  first_seen_at ${t.bigint} NOT NULL,
  last_seen_at ${t.bigint} NOT NULL
);
CREATE TABLE IF NOT EXISTS staff_sessions (
  id_hash ${t.text} PRIMARY KEY,
  staff_id ${t.text} NOT NULL,
  created_at ${t.bigint} NOT NULL,
  expires_at ${t.bigint} NOT NULL,
  id_token ${t.text} NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_expires ON staff_sessions (expires_at);
CREATE TABLE IF NOT EXISTS staff_logins (
  id_hash ${t.text} PRIMARY KEY,
  state ${t.text} NOT NULL,
  nonce ${t.text} NOT NULL,
  code_verifier ${t.text} NOT NULL,
  return_to ${t.text} NOT NULL,
  expires_at ${t.bigint} NOT NULL
);
CREATE TABLE IF NOT EXISTS workshop_staff (
  workshop_id ${t.text} NOT NULL,
  staff_id ${t.text} NOT NULL,
  role ${t.text} NOT NULL CHECK (role IN ('owner', 'cofacilitator')),
  added_at ${t.bigint} NOT NULL,
  PRIMARY KEY (workshop_id, staff_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS workshop_staff_one_owner ON workshop_staff (workshop_id) WHERE role = 'owner';
CREATE INDEX IF NOT EXISTS workshop_staff_by_staff ON workshop_staff (staff_id);
CREATE TABLE IF NOT EXISTS workshop_activity (
  workshop_id ${t.text} PRIMARY KEY,
  created_by ${t.text},
  last_activity_at ${t.bigint},
  participants ${t.integer} NOT NULL DEFAULT 0,
  kept_at ${t.bigint}
);
CREATE TABLE IF NOT EXISTS audit_log (
  id ${t.serialKey},
  workshop_id ${t.text} NOT NULL,
  at ${t.bigint} NOT NULL,
  action ${t.text} NOT NULL,
  actor_kind ${t.text} NOT NULL CHECK (actor_kind IN ('staff', 'link', 'retention')),
  actor_id ${t.text},
  actor_name ${t.text},
  detail ${t.text} NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_by_workshop ON audit_log (workshop_id, at);
`
}
