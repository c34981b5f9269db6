import * as Y from 'yjs'
import type { PlainRecord } from '../schema/Migration'
import { validateBoard, type BoardRecord } from '../schema/records/board'
import { validateWorkshopMeta, type WorkshopMetaRecord } from '../schema/records/workshopMeta'
import type { ItemKind, ItemRecord, ItemValidators } from '../schema/schema'
import type { ValidationResult } from '../schema/validation'
import { SCHEMA_KEY } from './workshopMaps'

/**
 * Reading records out of the Yjs document, checked: the one way the clients (RecordSnapshots), the
 * server's commands and the server's check of every client update (server/facilitation) read a
 * record, so what the server lets through is exactly what every client shows.
 *
 * A record is a `Y.Map` whose fields are plain values (docs/schema.md). What a hostile update can
 * put there instead is refused: a record that is not a `Y.Map`, a field holding a Yjs type, a
 * subdocument or bytes, or a field stored as several values of which readers see only the last
 * (Yjs keeps a map field's whole content; a 1-character value can carry a megabyte behind it).
 * Then the record kind's validator judges the fields (shared/schema/records), and the id must be
 * the record's key. Items of every kind: `readItemMap` (readItemMap.ts); of some kinds only, with
 * only their validators loaded: `itemReaderOf`.
 */

/** Reads an item of one of some kinds, checked as `readItemMap` checks it; null for any other kind. */
export type ItemReader = (id: string, value: unknown) => ValidationResult<ItemRecord> | null

/**
 * An `ItemReader` for a page that shows only some kinds (the phone: notes and cards) and so loads
 * only their validators: an item of another kind is not read at all, neither shown nor warned about.
 */
export function itemReaderOf(validators: Partial<ItemValidators>): ItemReader {
  return (id, value) => {
    const kind = value instanceof Y.Map ? (value as Y.Map<unknown>).get('kind') : undefined
    if (typeof kind !== 'string' || !Object.hasOwn(validators, kind)) return null
    const fields = plainFieldsOf(value, 'item')
    if (!fields.ok) return fields
    return withItsKey(id, validators[kind as ItemKind]!(fields.value))
  }
}

/** The record as read, unless its `id` is not the key it is stored under. */
export function withItsKey(id: string, result: ValidationResult<ItemRecord>): ValidationResult<ItemRecord> {
  if (result.ok && result.value.id !== id) return { ok: false, error: `${result.value.kind}.id: must be its key ${JSON.stringify(id)}` }
  return result
}

export function readBoardMap(id: string, value: unknown): ValidationResult<BoardRecord> {
  const fields = plainFieldsOf(value, 'board')
  if (!fields.ok) return fields
  const result = validateBoard(fields.value)
  if (result.ok && result.value.id !== id) return { ok: false, error: `board.id: must be its key ${JSON.stringify(id)}` }
  return result
}

/**
 * The workshop's settings from the `meta` map: every key but `schema` (the versions, which only the
 * server writes, when it migrates) is the workshopMeta record.
 */
export function readMetaMap(meta: Y.Map<unknown>): ValidationResult<WorkshopMetaRecord> {
  const fields = plainFieldsOf(meta, 'workshopMeta')
  if (!fields.ok) return fields
  const { [SCHEMA_KEY]: _schema, ...record } = fields.value
  return validateWorkshopMeta(record)
}

/**
 * A record map's fields as plain values, or what is wrong with it. Deleted entries are not fields;
 * content that no map field ever holds (list items in a map) is left to the caller, which sees it
 * in the transaction that wrote it.
 */
export function plainFieldsOf(value: unknown, kind: string): ValidationResult<PlainRecord> {
  if (!(value instanceof Y.Map)) return { ok: false, error: `${kind}: must be a Y.Map of fields` }
  const fields: PlainRecord = {}
  for (const [key, item] of (value as Y.Map<unknown>)._map) {
    if (item.deleted) continue
    if (!(item.content instanceof Y.ContentAny) || item.length !== 1) return { ok: false, error: `${kind}.${key}: must be one plain value` }
    fields[key] = item.content.arr[0]
  }
  return { ok: true, value: fields }
}
