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
import { createSamskapServer } from '../createSamskapServer'
import { connectClient, disconnect, quantile, roundTrips, whenSynced } from './roundTrips'

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

const a = connectClient(instanceA.url, id, token)
const b = connectClient(instanceB.url, id, token)
await Promise.all([whenSynced(a.provider), whenSynced(b.provider)])
const samples = await roundTrips(a, b, ROUNDS)
const at = (q: number) => quantile(samples, q)
console.log(`client -> instance A (PostgreSQL commit, Redis publish) -> instance B -> client, ${ROUNDS} sequential edits:`)
console.log(`  p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`)

disconnect(a, b)
await instanceA.close()
await instanceB.close()
const pg = (await import('pg')).default
const admin = new pg.Client({ connectionString: databaseUrl })
await admin.connect()
await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
await admin.end()
await fs.rm(dataDir, { recursive: true, force: true })
