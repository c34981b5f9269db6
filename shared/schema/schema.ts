import type { MigrationSequence } from './Migration'
import { boardMigrations, validateBoard } from './records/board'
import { noteMigrations, validateNote } from './records/note'
import { workshopMetaMigrations } from './records/workshopMeta'
import type { ValidationResult } from './validation'

/** Every record kind, with its migrations. Add a kind here when you add a file under records/. */
export const recordMigrations = {
  workshopMeta: workshopMetaMigrations,
  board: boardMigrations,
  note: noteMigrations,
} as const satisfies Record<string, MigrationSequence>

export type RecordKind = keyof typeof recordMigrations

/** Kinds stored in the `items` map, told apart by their `kind` field. */
export const itemValidators = {
  note: validateNote,
} as const satisfies Record<string, (input: unknown) => ValidationResult<unknown>>
export type ItemKind = keyof typeof itemValidators

export { validateBoard }

/** Versions per record kind, as written to `meta.schema` and sent by clients as `?schema=`. */
export type SchemaVersions = Record<string, number>

export const currentSchema: SchemaVersions = Object.fromEntries(
  Object.entries(recordMigrations).map(([kind, sequence]) => [kind, sequence.currentVersion]),
)

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
