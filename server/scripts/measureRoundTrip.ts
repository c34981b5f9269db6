/**
 * Measures how long an edit takes from one local client to another through the server (including
 * the durable write before broadcast). Run by hand: `npx tsx server/scripts/measureRoundTrip.ts`.
 * A measurement, not a test: numbers depend on the machine and its disk.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol'
import { createSamskapServer } from '../createSamskapServer'

const ROUNDS = Number(process.env.ROUNDS ?? 500)

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samskap-rtt-'))
const server = await createSamskapServer({ dataDir, logger: pino({ level: 'silent' }) })
const response = await fetch(`${server.url}/api/workshops`, { method: 'POST', body: '{}' })
const { id, token } = (await response.json()) as { id: string; token: string }

function connect(): { doc: Y.Doc; provider: WebsocketProvider } {
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

const a = connect()
const b = connect()
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
console.log(`A -> server (SQLite, synchronous=FULL) -> B, ${ROUNDS} sequential edits:`)
console.log(`  median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`)

for (const client of [a, b]) {
  client.provider.destroy()
  client.doc.destroy()
}
await server.close()
await fs.rm(dataDir, { recursive: true, force: true })
