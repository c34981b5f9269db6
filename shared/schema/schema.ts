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

/** Each item kind's validator (the same one on the server and in every client). */
export type ItemValidators = { [K in ItemKind]: (input: unknown) => ValidationResult<ItemOfKind<K>> }

export const itemValidators: ItemValidators = {
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

export { compareSchema, currentSchema, encodeSchemaVersions, parseSchemaVersions } from './versions'
export type { SchemaCompatibility, SchemaVersions } from './versions'
