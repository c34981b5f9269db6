/** The staff tables, written once in PostgreSQL's types for both stores (SQLite's through sqliteDdl). */
export const STAFF_SCHEMA = `
CREATE TABLE IF NOT EXISTS staff (
  id text PRIMARY KEY,
  issuer text NOT NULL,
  subject text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  groups jsonb NOT NULL,
  is_admin boolean NOT NULL,
  first_seen_at bigint NOT NULL,
  last_seen_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS staff_sessions (
  id_hash text PRIMARY KEY,
  staff_id text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  id_token text NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_expires ON staff_sessions (expires_at);
CREATE TABLE IF NOT EXISTS staff_logins (
  id_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  expires_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS workshop_staff (
  workshop_id text NOT NULL,
  staff_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'cofacilitator')),
  added_at bigint NOT NULL,
  PRIMARY KEY (workshop_id, staff_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS workshop_staff_one_owner ON workshop_staff (workshop_id) WHERE role = 'owner';
CREATE INDEX IF NOT EXISTS workshop_staff_by_staff ON workshop_staff (staff_id);
CREATE TABLE IF NOT EXISTS workshop_activity (
  workshop_id text PRIMARY KEY,
  created_by text,
  last_activity_at bigint,
  participants integer NOT NULL DEFAULT 0,
  kept_at bigint
);
CREATE TABLE IF NOT EXISTS audit_log (
  id bigserial PRIMARY KEY,
  workshop_id text NOT NULL,
  at bigint NOT NULL,
  action text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'link', 'retention')),
  actor_id text,
  actor_name text,
  detail text NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_by_workshop ON audit_log (workshop_id, at);
`
