/**
 * The schema's version numbers as they travel: written to `meta.schema`, sent by every client as
 * `?schema=` and compared by the server (server/sync/SyncServer.ts). Apart from schema.ts so the
 * phone, which sends them, imports no record kind it does not read.
 */

/** Versions per record kind, as written to `meta.schema` and sent by clients as `?schema=`. */
export type SchemaVersions = Record<string, number>

/**
 * Each record kind's current version: the last step of its migrations (schema.ts
 * `recordMigrations`), which schema.test.ts checks this table against. Written out rather than
 * read from the migrations so that a client which migrates nothing (the phone) can send its
 * versions (`?schema=`) without loading every kind's migrations and validators. A new migration
 * step raises its kind's number here.
 */
export const currentSchema: SchemaVersions = {
  workshopMeta: 2,
  board: 4,
  note: 3,
  stakeholderGroup: 2,
  stakeholder: 3,
  collaboration: 2,
  card: 4,
  connector: 2,
  text: 2,
  shape: 2,
  stroke: 2,
  image: 2,
  session: 2,
}

/** `board:2,note:1,...`: short enough for a query string, readable in logs. */
export function encodeSchemaVersions(versions: SchemaVersions): string {
  return Object.entries(versions)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([kind, version]) => `${kind}:${version}`)
    .join(',')
}

export function parseSchemaVersions(text: string): SchemaVersions | null {
  const versions: SchemaVersions = {}
  if (text.length === 0 || text.length > 500) return null
  for (const part of text.split(',')) {
    const match = /^([A-Za-z][A-Za-z0-9]{0,40}):([1-9][0-9]{0,5})$/.exec(part)
    if (!match) return null
    versions[match[1]!] = Number(match[2])
  }
  return versions
}

export type SchemaCompatibility = 'compatible' | 'clientTooOld' | 'clientTooNew'

/**
 * A client must run exactly the server's versions: an older client would write records the
 * server has migrated away from, a newer one records the server cannot validate.
 */
export function compareSchema(client: SchemaVersions, server: SchemaVersions): SchemaCompatibility {
  let older = false
  let newer = false
  for (const kind of new Set([...Object.keys(client), ...Object.keys(server)])) {
    const c = client[kind] ?? 0
    const s = server[kind] ?? 0
    if (c < s) older = true
    if (c > s) newer = true
  }
  if (newer) return 'clientTooNew'
  if (older) return 'clientTooOld'
  return 'compatible'
}
