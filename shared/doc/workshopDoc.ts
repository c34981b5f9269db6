import * as Y from 'yjs'
import { migrateRecord, type PlainRecord } from '../schema/Migration'
import { getWorkshopMaps, readRecord, SCHEMA_KEY, type RecordMap } from './workshopMaps'
import { currentSchema, recordMigrations, type RecordKind, type SchemaVersions } from '../schema/schema'
import type { BoardRecord } from '../schema/records/board'
import type { WorkshopMetaRecord } from '../schema/records/workshopMeta'

export { BOARDS, ITEMS, META, ROOT_TYPES, SCHEMA_KEY, SESSION, getWorkshopMaps, readRecord } from './workshopMaps'
export type { RecordMap, WorkshopMaps } from './workshopMaps'

export function createRecordMap(record: object): RecordMap {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) map.set(key, value)
  }
  return map
}

/** Writes only the fields that differ, so concurrent edits to other fields are kept. */
export function patchRecordMap(map: RecordMap, patch: PlainRecord): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      if (map.has(key)) map.delete(key)
    } else if (!isEqualValue(map.get(key), value)) {
      map.set(key, value)
    }
  }
}

function isEqualValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b)
  }
  return false
}

export function readSchemaVersions(doc: Y.Doc): SchemaVersions | undefined {
  const value = getWorkshopMaps(doc).meta.get(SCHEMA_KEY)
  if (typeof value !== 'object' || value === null) return undefined
  return value as SchemaVersions
}

export function isEmptyWorkshop(doc: Y.Doc): boolean {
  const { meta, boards, items } = getWorkshopMaps(doc)
  return meta.size === 0 && boards.size === 0 && items.size === 0
}

export interface NewWorkshop {
  meta: WorkshopMetaRecord
  firstBoard: BoardRecord
}

/** Fills an empty document: meta, schema versions and a first board. */
export function initializeWorkshop(doc: Y.Doc, init: NewWorkshop, origin: unknown = null): void {
  const { meta, boards } = getWorkshopMaps(doc)
  doc.transact(() => {
    meta.set(SCHEMA_KEY, { ...currentSchema })
    meta.set('title', init.meta.title)
    meta.set('language', init.meta.language)
    meta.set('createdAt', init.meta.createdAt)
    boards.set(init.firstBoard.id, createRecordMap(init.firstBoard))
  }, origin)
}

export class SchemaTooNewError extends Error {
  constructor(readonly kind: string, readonly stored: number, readonly supported: number) {
    super(`document has ${kind} version ${stored}, this server supports ${supported}; upgrade the server`)
    this.name = 'SchemaTooNewError'
  }
}

export interface MigrationReport {
  /** Record kinds whose version was raised, with the version they were at. */
  migratedKinds: Record<string, number>
  recordsChanged: number
}

/**
 * Brings a stored document up to the current schema in one transaction. A document written before
 * versions were recorded is taken to be at version 1 of every kind. Throws SchemaTooNewError when
 * the document is newer than this code, so an old server never rewrites records it does not know.
 */
export function migrateWorkshop(doc: Y.Doc, origin: unknown = 'migration'): MigrationReport {
  const report: MigrationReport = { migratedKinds: {}, recordsChanged: 0 }
  if (isEmptyWorkshop(doc)) return report
  const stored = readSchemaVersions(doc) ?? {}
  for (const kind of Object.keys(stored)) {
    const sequence = recordMigrations[kind as RecordKind]
    const storedVersion = stored[kind] ?? 1
    if (!sequence) throw new SchemaTooNewError(kind, storedVersion, 0)
    if (storedVersion > sequence.currentVersion) {
      throw new SchemaTooNewError(kind, storedVersion, sequence.currentVersion)
    }
  }
  const { meta, boards, items, session } = getWorkshopMaps(doc)
  const needs = (kind: RecordKind) => (stored[kind] ?? 1) < recordMigrations[kind].currentVersion
  const migrateMap = (kind: RecordKind, map: RecordMap) => {
    const before = readRecord(map)
    const after = migrateRecord(recordMigrations[kind], before, stored[kind] ?? 1)
    for (const key of Object.keys(before)) if (!(key in after)) after[key] = undefined
    patchRecordMap(map, after)
    report.recordsChanged++
  }
  const kindsToMigrate = (Object.keys(recordMigrations) as RecordKind[]).filter(needs)
  const schemaOutdated = kindsToMigrate.length > 0 || Object.keys(currentSchema).some((k) => stored[k] === undefined)
  if (!schemaOutdated) return report
  doc.transact(() => {
    for (const kind of kindsToMigrate) {
      report.migratedKinds[kind] = stored[kind] ?? 1
      if (kind === 'workshopMeta') {
        const before: PlainRecord = {}
        meta.forEach((value, key) => {
          if (key !== SCHEMA_KEY) before[key] = value
        })
        const after = migrateRecord(recordMigrations.workshopMeta, before, stored[kind] ?? 1)
        for (const key of Object.keys(before)) if (!(key in after)) after[key] = undefined
        patchRecordMap(meta, after)
        report.recordsChanged++
      } else if (kind === 'session') {
        // The session is one record: the top-level map itself (written by the server only).
        const before = session.toJSON() as PlainRecord
        const after = migrateRecord(recordMigrations.session, before, stored[kind] ?? 1)
        for (const key of Object.keys(before)) if (!(key in after)) after[key] = undefined
        patchRecordMap(session, after)
        report.recordsChanged++
      } else if (kind === 'board') {
        boards.forEach((map) => migrateMap(kind, map))
      } else {
        items.forEach((map) => {
          if (map.get('kind') === kind) migrateMap(kind, map)
        })
      }
    }
    meta.set(SCHEMA_KEY, { ...currentSchema })
  }, origin)
  return report
}
