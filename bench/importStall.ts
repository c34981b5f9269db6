/**
 * How long a big import stalls the server's event loop, seen from outside: a worker thread asks
 * `/healthz` back to back while a ~19.5 MB export of 60,000 notes is imported, and prints the
 * longest gap between two answers (and the same with no import, for the noise). Printed, never
 * asserted: `npx tsx bench/importStall.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { pino } from 'pino'
import { testWorkshop } from '../shared/export/testWorkshop'
import { toWorkshopExport } from '../shared/export/workshopJson'
import type { ItemRecord } from '../shared/schema/schema'
import { createSamskapServer } from '../server/createSamskapServer'

const NOTES = 60_000

function bigExport(): string {
  const fixture = testWorkshop()
  const boardId = fixture.boards.find((board) => board.template === 'canvas')?.id ?? fixture.boards[0]!.id
  const items: ItemRecord[] = [...fixture.items]
  for (let i = 0; i < NOTES; i++) {
    const text = `Innspill ${i}: ${'mer tekst om bussrutene og biblioteket '.repeat(6)}`.slice(0, 190)
    items.push({ id: `big${i}`, kind: 'note', boardId, x: (i % 300) * 170, y: Math.floor(i / 300) * 170, w: 160, h: 160, color: 'yellow', text, createdAt: i, sdgs: [], dimension: '' })
  }
  return JSON.stringify(toWorkshopExport({ ...fixture, items }, 'bench', new Date()))
}

/** A worker that asks `/healthz` until told to stop and answers the longest gap between answers, in ms. */
const pingerSource = `
const { parentPort, workerData } = require('node:worker_threads')
let stop = false, longest = 0, last = performance.now(), answers = 0
parentPort.on('message', () => { stop = true })
;(async () => {
  while (!stop) {
    await fetch(workerData.url + '/healthz').then((r) => r.arrayBuffer())
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
    answers++
  }
  parentPort.postMessage({ longest, answers })
})()
`

/** Posts the import from another thread: sent from the server's own thread, the upload would stall it too. */
const posterSource = `
const { parentPort, workerData } = require('node:worker_threads')
fetch(workerData.url + '/api/workshops/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: workerData.body })
  .then(async (response) => { await response.arrayBuffer(); parentPort.postMessage(response.status) })
`

function postFromWorker(url: string, body: string): Promise<number> {
  const poster = new Worker(posterSource, { eval: true, workerData: { url, body } })
  return new Promise<number>((resolve, reject) => {
    poster.once('message', resolve)
    poster.once('error', reject)
  }).finally(() => void poster.terminate())
}

async function longestGap(url: string, during: () => Promise<void>): Promise<{ longest: number; answers: number }> {
  const pinger = new Worker(pingerSource, { eval: true, workerData: { url } })
  await new Promise((resolve) => setTimeout(resolve, 300))
  await during()
  const result = new Promise<{ longest: number; answers: number }>((resolve) => pinger.once('message', resolve))
  pinger.postMessage('stop')
  const measured = await result
  await pinger.terminate()
  return measured
}

const dataDir = await mkdtemp(join(tmpdir(), 'samskap-import-stall-'))
const server = await createSamskapServer({ port: 0, dataDir, logger: pino({ level: 'silent' }), limits: { importsPerAddressPerHour: 1000 } })
try {
  const body = bigExport()
  console.log(`import body: ${(body.length / 1024 / 1024).toFixed(1)} MB, ${NOTES} notes`)
  const idle = await longestGap(server.url, () => new Promise((resolve) => setTimeout(resolve, 2000)))
  console.log(`no import:     longest /healthz gap ${idle.longest.toFixed(0)} ms (${idle.answers} answers in 2 s)`)
  for (let run = 1; run <= Number(process.env.RUNS ?? 3); run++) {
    let status = 0
    let took = 0
    const gap = await longestGap(server.url, async () => {
      const started = performance.now()
      status = await postFromWorker(server.url, body)
      took = performance.now() - started
    })
    console.log(`import run ${run}: ${status} in ${took.toFixed(0)} ms; longest /healthz gap ${gap.longest.toFixed(0)} ms (${gap.answers} answers)`)
  }
} finally {
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
}
