import type { MigrationSequence } from './Migration'
import { boardMigrations, validateBoard } from './records/board'
import { cardMigrations, validateCard, type CardRecord } from './records/card'
import { collaborationMigrations, validateCollaboration, type CollaborationRecord } from './records/collaboration'
import { connectorMigrations, validateConnector, type ConnectorRecord } from './records/connector'
import { imageMigrations, validateImage, type ImageRecord } from './records/image'
import { noteMigrations, validateNote, type NoteRecord } from './records/note'
import { sessionMigrations } from './records/session'
import { shapeMigrations, validateShape, type ShapeRecord } from './records/shape'
import { stakeholderMigrations, validateStakeholder, type StakeholderRecord } from './records/stakeholder'
import {
  stakeholderGroupMigrations,
  validateStakeholderGroup,
  type StakeholderGroupRecord,
} from './records/stakeholderGroup'
import { strokeMigrations, validateStroke, type StrokeRecord } from './records/stroke'
import { textMigrations, validateText, type TextRecord } from './records/text'
import { workshopMetaMigrations } from './records/workshopMeta'
import type { ValidationResult } from './validation'

/** Every record kind, with its migrations. Add a kind here when you add a file under records/. */
export const recordMigrations = {
  workshopMeta: workshopMetaMigrations,
  board: boardMigrations,
  note: noteMigrations,
  stakeholderGroup: stakeholderGroupMigrations,
  stakeholder: stakeholderMigrations,
  collaboration: collaborationMigrations,
  card: cardMigrations,
  connector: connectorMigrations,
  text: textMigrations,
  shape: shapeMigrations,
  stroke: strokeMigrations,
  image: imageMigrations,
  session: sessionMigrations,
} as const satisfies Record<string, MigrationSequence>

export type RecordKind = keyof typeof recordMigrations

/** Everything stored in the `items` map, told apart by its `kind` field. */
export type ItemRecord =
  | NoteRecord
  | StakeholderGroupRecord
  | StakeholderRecord
  | CollaborationRecord
  | CardRecord
  | ConnectorRecord
  | TextRecord
  | ShapeRecord
  | StrokeRecord
  | ImageRecord
export type ItemKind = ItemRecord['kind']
export type ItemOfKind<K extends ItemKind> = Extract<ItemRecord, { kind: K }>

export const itemValidators: { [K in ItemKind]: (input: unknown) => ValidationResult<ItemOfKind<K>> } = {
  note: validateNote,
  stakeholderGroup: validateStakeholderGroup,
  stakeholder: validateStakeholder,
  collaboration: validateCollaboration,
  card: validateCard,
  connector: validateConnector,
  text: validateText,
  shape: validateShape,
  stroke: validateStroke,
  image: validateImage,
}

export function isItemKind(kind: unknown): kind is ItemKind {
  return typeof kind === 'string' && Object.hasOwn(itemValidators, kind)
}

/** Validates any item by its `kind`; unknown kinds are an error, not a crash. */
export function validateItem(input: unknown): ValidationResult<ItemRecord> {
  const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined
  if (!isItemKind(kind)) return { ok: false, error: `item.kind: unknown kind ${JSON.stringify(kind)}` }
  return itemValidators[kind](input)
}

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
