/**
 * Measures how long an edit takes from a client on instance A to a client on instance B: A commits
 * it to PostgreSQL, publishes it on Redis, B broadcasts it. Run by hand with real services:
 * `scripts/with-test-services.sh npx tsx server/scripts/measureCrossInstance.ts`
 * (or DATABASE_URL and REDIS_URL of your own). A measurement, not a test.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol'
import { createSamskapServer, type SamskapServer } from '../createSamskapServer'

const ROUNDS = Number(process.env.ROUNDS ?? 500)
/** Both instances need the same server secret on PostgreSQL; this one only guards a throwaway schema. */
const MEASURE_SECRET = process.env.SAMSKAP_SECRET || 'measure-cross-instance-not-a-real-secret'
const databaseUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL
const redisUrl = process.env.REDIS_URL || process.env.TEST_REDIS_URL
if (!databaseUrl || !redisUrl) {
  console.error('Set DATABASE_URL and REDIS_URL, or run through scripts/with-test-services.sh')
  process.exit(1)
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samskap-xi-'))
const schema = `measure_${process.pid}`
const start = () =>
  createSamskapServer({ dataDir, databaseUrl, redisUrl, databaseSchema: schema, secret: MEASURE_SECRET, logger: pino({ level: 'silent' }) })
const instanceA = await start()
const instanceB = await start()
const response = await fetch(`${instanceA.url}/api/workshops`, { method: 'POST', body: '{}' })
const { id, token } = (await response.json()) as { id: string; token: string }

function connect(server: SamskapServer): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(server.url.replace(/^http/, 'ws') + SYNC_PATH, id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  })
  return { doc, provider }
}
const whenSynced = (provider: WebsocketProvider) =>
  new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())))

const a = connect(instanceA)
const b = connect(instanceB)
await Promise.all([whenSynced(a.provider), whenSynced(b.provider)])

const counter = b.doc.getMap('meta')
const samples: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const arrived = new Promise<void>((resolve) => {
    const observer = () => {
      if (counter.get('title') === `round ${round}`) {
        counter.unobserve(observer)
        resolve()
      }
    }
    counter.observe(observer)
  })
  const started = performance.now()
  // The workshop's title: only a workshop's own types pass the server's checks (docs/schema.md).
  a.doc.getMap('meta').set('title', `round ${round}`)
  await arrived
  samples.push(performance.now() - started)
}

samples.sort((x, y) => x - y)
const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2)
console.log(`client -> instance A (PostgreSQL commit, Redis publish) -> instance B -> client, ${ROUNDS} sequential edits:`)
console.log(`  p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`)

for (const client of [a, b]) {
  client.provider.destroy()
  client.doc.destroy()
}
await instanceA.close()
await instanceB.close()
const pg = (await import('pg')).default
const admin = new pg.Client({ connectionString: databaseUrl })
await admin.connect()
await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
await admin.end()
await fs.rm(dataDir, { recursive: true, force: true })
