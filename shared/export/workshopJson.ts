import { migrateRecord, type PlainRecord } from '../schema/Migration'
import {
  currentSchema,
  recordMigrations,
  validateBoard,
  validateItem,
  type ItemRecord,
  type RecordKind,
  type SchemaVersions,
} from '../schema/schema'
import type { BoardRecord } from '../schema/records/board'
import { validateWorkshopMeta, type WorkshopMetaRecord } from '../schema/records/workshopMeta'

/**
 * The whole workshop as plain records, exactly as the validators return them: what every export
 * (minutes, CSV, PDF, JSON) is generated from. The client builds it from the store.
 */
export interface WorkshopSnapshot {
  meta: WorkshopMetaRecord
  boards: readonly BoardRecord[]
  items: readonly ItemRecord[]
}

export const WORKSHOP_EXPORT_FORMAT = 'samskap-workshop'
export const WORKSHOP_EXPORT_VERSION = 1
/** Imports larger than this are refused before parsing (a big workshop is a few MB; photos are not in it). */
export const WORKSHOP_IMPORT_MAX_BYTES = 20 * 1024 * 1024

/**
 * The JSON export. `workshopId` and `exportedAt` are information only; an import ignores them and
 * gives the new workshop its own id and `createdAt` (the import time). Everything else comes back
 * field for field, so export → import → export differs only in `workshopId`, `exportedAt` and
 * `meta.createdAt` (see `comparableExport`).
 */
export interface WorkshopExport {
  format: typeof WORKSHOP_EXPORT_FORMAT
  formatVersion: number
  workshopId: string
  exportedAt: string
  meta: WorkshopMetaRecord & { schema: SchemaVersions }
  boards: BoardRecord[]
  items: ItemRecord[]
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function toWorkshopExport(snapshot: WorkshopSnapshot, workshopId: string, exportedAt: Date): WorkshopExport {
  return {
    format: WORKSHOP_EXPORT_FORMAT,
    formatVersion: WORKSHOP_EXPORT_VERSION,
    workshopId,
    exportedAt: exportedAt.toISOString(),
    meta: { ...snapshot.meta, schema: { ...currentSchema } },
    // Sorted by id so two exports of the same content are byte-equal.
    boards: [...snapshot.boards].sort(byId),
    items: [...snapshot.items].sort(byId),
  }
}

/** The parts of an export that an import restores: used to state (and test) the round trip. */
export function comparableExport(exported: WorkshopExport): Omit<WorkshopExport, 'workshopId' | 'exportedAt' | 'meta'> & {
  meta: Omit<WorkshopExport['meta'], 'createdAt'>
} {
  const { workshopId: _id, exportedAt: _at, meta, ...rest } = exported
  const { createdAt: _created, ...metaRest } = meta
  return { ...rest, meta: metaRest }
}

export type ImportResult =
  | { ok: true; meta: WorkshopMetaRecord; boards: BoardRecord[]; items: ItemRecord[] }
  | { ok: false; error: string }

const MAX_RECORDS = 100_000

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks an uploaded export record by record. Records written with an older schema are migrated
 * first (the export says which versions it was written with); a newer or unknown schema is refused
 * rather than guessed at. The first bad record is named in the error, with the validator's field.
 */
export function parseWorkshopExport(input: unknown, now: number): ImportResult {
  if (!isObject(input)) return { ok: false, error: 'The file is not a Samskap workshop export (expected a JSON object)' }
  if (input.format !== WORKSHOP_EXPORT_FORMAT) {
    return { ok: false, error: `format: expected "${WORKSHOP_EXPORT_FORMAT}"` }
  }
  if (typeof input.formatVersion !== 'number' || input.formatVersion > WORKSHOP_EXPORT_VERSION || input.formatVersion < 1) {
    return { ok: false, error: `formatVersion: expected 1 to ${WORKSHOP_EXPORT_VERSION}` }
  }
  if (!isObject(input.meta)) return { ok: false, error: 'meta: must be an object' }
  const { schema: rawSchema, ...metaFields } = input.meta
  if (!isObject(rawSchema)) return { ok: false, error: 'meta.schema: must be an object of versions per record kind' }
  const schema: SchemaVersions = {}
  for (const [kind, version] of Object.entries(rawSchema)) {
    if (!Object.hasOwn(recordMigrations, kind)) return { ok: false, error: `meta.schema.${kind}: unknown record kind` }
    const supported = recordMigrations[kind as RecordKind].currentVersion
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      return { ok: false, error: `meta.schema.${kind}: must be a positive integer` }
    }
    if (version > supported) {
      return { ok: false, error: `meta.schema.${kind}: version ${version} is newer than this server (${supported})` }
    }
    schema[kind] = version
  }
  const migrate = (kind: RecordKind, record: PlainRecord) =>
    migrateRecord(recordMigrations[kind], record, schema[kind] ?? 1)

  const meta = validateWorkshopMeta({ ...migrate('workshopMeta', metaFields), createdAt: now })
  if (!meta.ok) return { ok: false, error: `meta: ${meta.error}` }

  if (!Array.isArray(input.boards)) return { ok: false, error: 'boards: must be an array' }
  if (!Array.isArray(input.items)) return { ok: false, error: 'items: must be an array' }
  if (input.boards.length === 0) return { ok: false, error: 'boards: a workshop needs at least one board' }
  if (input.boards.length + input.items.length > MAX_RECORDS) {
    return { ok: false, error: `at most ${MAX_RECORDS} records can be imported` }
  }
  const ids = new Set<string>()
  const boards: BoardRecord[] = []
  for (const [index, raw] of (input.boards as unknown[]).entries()) {
    const name = `boards[${index}]${isObject(raw) && typeof raw.id === 'string' ? ` (id ${raw.id})` : ''}`
    if (!isObject(raw)) return { ok: false, error: `${name}: must be an object` }
    const result = validateBoard(migrate('board', raw))
    if (!result.ok) return { ok: false, error: `${name}: ${result.error}` }
    if (ids.has(result.value.id)) return { ok: false, error: `${name}: duplicate id` }
    ids.add(result.value.id)
    boards.push(result.value)
  }
  const boardIds = new Set(boards.map((b) => b.id))
  const items: ItemRecord[] = []
  for (const [index, raw] of (input.items as unknown[]).entries()) {
    const name = `items[${index}]${isObject(raw) && typeof raw.id === 'string' ? ` (id ${raw.id})` : ''}`
    if (!isObject(raw)) return { ok: false, error: `${name}: must be an object` }
    const kind = raw.kind
    const migrated =
      typeof kind === 'string' && Object.hasOwn(recordMigrations, kind) && kind !== 'workshopMeta' && kind !== 'board'
        ? migrate(kind as RecordKind, raw)
        : raw
    const result = validateItem(migrated)
    if (!result.ok) return { ok: false, error: `${name}: ${result.error}` }
    if (ids.has(result.value.id)) return { ok: false, error: `${name}: duplicate id` }
    if (!boardIds.has(result.value.boardId)) {
      return { ok: false, error: `${name}: ${result.value.kind}.boardId: no board with id ${result.value.boardId}` }
    }
    ids.add(result.value.id)
    items.push(result.value)
  }
  return { ok: true, meta: meta.value, boards, items }
}
