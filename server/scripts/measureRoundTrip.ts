/**
 * Measures how long an edit takes from one local client to another through the server (including
 * the durable write before broadcast). Run by hand: `npx tsx server/scripts/measureRoundTrip.ts`.
 * A measurement, not a test: numbers depend on the machine and its disk.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { createSamskapServer } from '../createSamskapServer'
import { connectClient, disconnect, quantile, roundTrips, whenSynced } from './roundTrips'

const ROUNDS = Number(process.env.ROUNDS ?? 500)

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samskap-rtt-'))
const server = await createSamskapServer({ dataDir, logger: pino({ level: 'silent' }) })
const response = await fetch(`${server.url}/api/workshops`, { method: 'POST', body: '{}' })
const { id, token } = (await response.json()) as { id: string; token: string }

const a = connectClient(server.url, id, token)
const b = connectClient(server.url, id, token)
await Promise.all([whenSynced(a.provider), whenSynced(b.provider)])
const samples = await roundTrips(a, b, ROUNDS)
const at = (q: number) => quantile(samples, q)
console.log(`A -> server (SQLite, synchronous=FULL) -> B, ${ROUNDS} sequential edits:`)
console.log(`  median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`)

disconnect(a, b)
await server.close()
await fs.rm(dataDir, { recursive: true, force: true })
