import pg from 'pg'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PostgresPersistence } from '../../server/persistence/PostgresPersistence'
import { Room } from '../../server/sync/Room'
import { expectEarlyReply, expectRoomReply, registryHeldOpen } from '../../server/sync/testJoiner'
import { currentSchema, encodeSchemaVersions } from '../../shared/schema/versions'
import { testAccess, TestResources } from '../server/helpers'
import { isolate, type Isolation } from './services'

// The early stored reply (server/sync/storedReply.ts) on PostgreSQL: the snapshot keeps the schema
// versions it was written at, so a fresh joiner of a stored workshop is answered from its bytes
// before the room has decoded it, as on SQLite; a database made before the column gets it on start.

const resources = new TestResources()
afterEach(() => resources.dispose())
const log = pino({ level: 'silent' })

async function open(isolation: Isolation): Promise<PostgresPersistence> {
  const persistence = await PostgresPersistence.open({ connectionString: isolation.databaseUrl, schema: isolation.schema, log })
  resources.defer(() => persistence.close())
  return persistence
}

/** A registry whose load waits until released, closed after the test. */
function heldOpen(persistence: PostgresPersistence) {
  const held = registryHeldOpen(persistence)
  resources.defer(() => held.registry.close())
  return held
}

async function sql<T extends pg.QueryResultRow>(isolation: Isolation, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: isolation.databaseUrl })
  await client.connect()
  try {
    await client.query(`SET search_path TO ${isolation.schema}`)
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** A workshop of `notes` entries stored the way a room leaves it: one snapshot, written at unload. */
async function storeWorkshop(persistence: PostgresPersistence, notes: number): Promise<void> {
  await persistence.createWorkshop({ id: 'w', title: 'T', language: 'nb', createdAt: 1 }, Y.encodeStateAsUpdate(new Y.Doc()), testAccess('w'))
  const room = await Room.load({ workshopId: 'w', persistence, log, compactEvery: 500, onIdle: () => undefined, onBroken: () => undefined })
  room.doc.transact(() => {
    for (let i = 0; i < notes; i++) room.doc.getMap('notes').set(`n${i}`, `note ${i}`)
  })
  await room.unload()
}

describe('the early stored reply on PostgreSQL', () => {
  it('keeps the schema with the snapshot and answers a fresh joiner before the room is loaded', async () => {
    const isolation = await isolate(resources)
    const persistence = await open(isolation)
    await storeWorkshop(persistence, 200)
    const stored = await persistence.loadDocument('w')
    expect(stored.updates).toEqual([])
    expect(stored.snapshotSchema).toBe(encodeSchemaVersions(currentSchema))

    await expectEarlyReply(heldOpen(persistence), 200)
  })

  it('adds the column to a database made before it; its old snapshots are loaded the slow way until compacted', async () => {
    const isolation = await isolate(resources)
    // The tables as an older server made them.
    const initial = Y.encodeStateAsUpdate(new Y.Doc())
    await sql(isolation, `CREATE SCHEMA IF NOT EXISTS ${isolation.schema}`)
    await sql(isolation, 'CREATE TABLE snapshots (workshop_id text PRIMARY KEY, data bytea NOT NULL, upto_seq bigint NOT NULL)')
    await sql(isolation, 'INSERT INTO snapshots (workshop_id, data, upto_seq) VALUES ($1, $2, 0)', ['old', Buffer.from(initial)])

    const persistence = await open(isolation)
    const columns = await sql<{ column_name: string }>(isolation, `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'snapshots'`, [isolation.schema])
    expect(columns.map((c) => c.column_name)).toContain('schema_versions')
    expect(await persistence.loadDocument('old')).toMatchObject({ snapshot: new Uint8Array(initial), snapshotSchema: null })
    // Opening it again (another instance, a restart) changes nothing.
    await open(isolation)
    await storeWorkshop(persistence, 3)

    // A joiner of a snapshot of unknown schema waits for the room.
    await sql(isolation, 'UPDATE snapshots SET schema_versions = NULL')
    const page = new Y.Doc()
    await expectRoomReply(heldOpen(persistence), page)
    expect(page.getMap('notes').size).toBe(4)
  })
})
