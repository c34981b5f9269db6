import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { currentSchema, recordMigrations } from '../schema/schema'
import {
  createRecordMap,
  getWorkshopMaps,
  initializeWorkshop,
  migrateWorkshop,
  patchRecordMap,
  readSchemaVersions,
  SCHEMA_KEY,
  SchemaTooNewError,
} from './workshopDoc'

function newWorkshop(): Y.Doc {
  const doc = new Y.Doc()
  initializeWorkshop(doc, {
    meta: { title: 'Dialog', language: 'nb', createdAt: 1 },
    firstBoard: { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' },
  })
  return doc
}

describe('initializeWorkshop', () => {
  it('records the current schema and a first board', () => {
    const doc = newWorkshop()
    expect(readSchemaVersions(doc)).toEqual(currentSchema)
    expect(getWorkshopMaps(doc).boards.get('b1')?.toJSON()).toEqual({ id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' })
  })
})

describe('migrateWorkshop', () => {
  it('does nothing to an empty document', () => {
    const doc = new Y.Doc()
    expect(migrateWorkshop(doc)).toEqual({ migratedKinds: {}, recordsChanged: 0 })
    expect(getWorkshopMaps(doc).meta.size).toBe(0)
  })

  it('does nothing to a current document (no update is produced)', () => {
    const doc = newWorkshop()
    let updates = 0
    doc.on('update', () => updates++)
    expect(migrateWorkshop(doc).recordsChanged).toBe(0)
    expect(updates).toBe(0)
  })

  it('brings a document written before versions were recorded up to date', () => {
    const doc = new Y.Doc()
    const { meta, boards } = getWorkshopMaps(doc)
    meta.set('title', 'Old')
    boards.set('b1', createRecordMap({ id: 'b1', title: 'Gammel', order: 'a0' }))
    const report = migrateWorkshop(doc)
    // Every kind with a step after version 1 (all but the session) was raised from 1.
    const stepped = Object.entries(recordMigrations).filter(([, sequence]) => sequence.currentVersion > 1)
    expect(report.migratedKinds).toEqual(Object.fromEntries(stepped.map(([kind]) => [kind, 1])))
    expect(boards.get('b1')?.get('template')).toBe('canvas')
    expect(readSchemaVersions(doc)).toEqual(currentSchema)
  })

  it('migrates in one transaction with the given origin', () => {
    const doc = new Y.Doc()
    getWorkshopMaps(doc).boards.set('b1', createRecordMap({ id: 'b1', title: 'a', order: 'a0' }))
    getWorkshopMaps(doc).meta.set(SCHEMA_KEY, { board: 1, note: 1, workshopMeta: 1 })
    const origins: unknown[] = []
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin))
    migrateWorkshop(doc, 'server-migration')
    expect(origins).toEqual(['server-migration'])
  })

  it('refuses a document from a newer schema and leaves it untouched', () => {
    const doc = newWorkshop()
    getWorkshopMaps(doc).meta.set(SCHEMA_KEY, { ...currentSchema, board: 99 })
    const before = Y.encodeStateAsUpdate(doc)
    expect(() => migrateWorkshop(doc)).toThrow(SchemaTooNewError)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('refuses a document with a record kind this code does not know', () => {
    const doc = newWorkshop()
    getWorkshopMaps(doc).meta.set(SCHEMA_KEY, { ...currentSchema, hologram: 1 })
    expect(() => migrateWorkshop(doc)).toThrow(/hologram/)
  })
})

describe('patchRecordMap', () => {
  it('writes only changed fields, so a concurrent edit to another field survives', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const mapA = getWorkshopMaps(a).items
    mapA.set('n1', createRecordMap({ id: 'n1', x: 0, y: 0, text: 'hei' }))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    // A moves the note while B edits its text, concurrently.
    patchRecordMap(mapA.get('n1')!, { id: 'n1', x: 50, y: 60, text: 'hei' })
    patchRecordMap(getWorkshopMaps(b).items.get('n1')!, { text: 'hei på deg' })
    const ua = Y.encodeStateAsUpdate(a)
    const ub = Y.encodeStateAsUpdate(b)
    Y.applyUpdate(a, ub)
    Y.applyUpdate(b, ua)
    expect(getWorkshopMaps(a).items.get('n1')?.toJSON()).toEqual({ id: 'n1', x: 50, y: 60, text: 'hei på deg' })
    expect(getWorkshopMaps(b).items.toJSON()).toEqual(getWorkshopMaps(a).items.toJSON())
  })

  it('deletes fields patched to undefined', () => {
    const doc = new Y.Doc()
    const map = createRecordMap({ a: 1, b: 2 })
    getWorkshopMaps(doc).items.set('x', map)
    patchRecordMap(map, { b: undefined })
    expect(map.toJSON()).toEqual({ a: 1 })
  })
})
