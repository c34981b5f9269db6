// The early stored reply on PostgreSQL (server/sync/storedReply.ts, issue 16): a workshop of 10,000
// notes is stored the way a room leaves it, then joined cold five times by a fresh joiner, with the
// snapshot's schema kept (`with`) and with it cleared as an older database had it (`without`).
// Prints, per join, whether the first reply left before the room had loaded, when it left and when
// the room was there (ms from acquire), and this process's CPU. Run by hand:
//   scripts/with-test-services.sh sh -c 'node --import tsx bench/pgEarlyReply.ts with; node --import tsx bench/pgEarlyReply.ts without'
import pg from 'pg'
import { pino } from 'pino'
import * as Y from 'yjs'
import { PostgresPersistence } from '../server/persistence/PostgresPersistence'
import { Room } from '../server/sync/Room'
import { RoomRegistry } from '../server/sync/RoomRegistry'
import { joiner, syncStep1 } from '../server/sync/testJoiner'
import { testAccess } from '../tests/server/helpers'

const NOTES = 10_000
const JOINS = 5
const log = pino({ level: 'silent' })
const url = process.env.TEST_DATABASE_URL
if (!url) throw new Error('TEST_DATABASE_URL is not set: run under scripts/with-test-services.sh')
const mode = process.argv[2] === 'without' ? 'without' : 'with'
const schema = `bench_early_${process.pid}`

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query(text)
  await client.end()
}

const persistence = await PostgresPersistence.open({ connectionString: url, schema, log })
try {
  await persistence.createWorkshop({ id: 'w', title: 'Bench', language: 'nb', createdAt: 1 }, Y.encodeStateAsUpdate(new Y.Doc()), testAccess('w'))
  const room = await Room.load({ workshopId: 'w', persistence, log, compactEvery: 100_000, onIdle: () => undefined, onBroken: () => undefined })
  room.doc.transact(() => {
    const notes = room.doc.getMap('notes')
    for (let i = 0; i < NOTES; i++) notes.set(`n${i}`, { text: `note ${i} `.repeat(20), x: i, y: i })
  })
  await room.unload()
  if (mode === 'without') await sql(`UPDATE ${schema}.snapshots SET schema_versions = NULL`)
  for (let join = 0; join < JOINS; join++) {
    const registry = new RoomRegistry({ persistence, log, unloadDelayMs: 0, compactEvery: 100_000 })
    const { connection, sent } = joiner(syncStep1(new Y.Doc()))
    const start = performance.now()
    let firstReplyMs = -1
    const keep = sent.push.bind(sent)
    sent.push = (...messages: Uint8Array[]) => {
      if (firstReplyMs < 0) firstReplyMs = performance.now() - start
      return keep(...messages)
    }
    const cpuBefore = process.cpuUsage()
    const loaded = await registry.acquire('w', connection)
    const loadedMs = performance.now() - start
    loaded.addConnection(connection)
    const cpu = process.cpuUsage(cpuBefore)
    console.log(JSON.stringify({ mode, join, replyBeforeLoaded: firstReplyMs >= 0 && firstReplyMs < loadedMs, firstReplyMs: Math.round(firstReplyMs), loadedMs: Math.round(loadedMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000) }))
    await registry.close()
  }
} finally {
  await persistence.close()
  await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
}
