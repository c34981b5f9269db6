/**
 * The phone page on a slow phone: a workshop of 2,000 notes, the resident's page opened in headless
 * Chromium with 4× CPU throttling (CDP `Emulation.setCPUThrottlingRate`) and the slow-4G profile
 * (`Network.emulateNetworkConditions`), timed from navigation until the note box accepts text.
 * Issue 16's target: ≤ 2.5 s. `npm run bench:phone -- --help`. Never part of `npm test`: it reports,
 * it does not assert. Needs a build (`npx vite build`): it serves dist/ as the server does.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pino from 'pino'
import { chromium, type Browser } from 'playwright-core'
import { createSamskapServer } from '../../server/createSamskapServer'
import { planBenchBoard } from '../canvas/benchBoard'
import { ROOT } from '../canvas/results'
import { seedItems, workshopTokens } from '../canvas/syncClient'
import { timerJitter } from '../lib/machineNoise'
import { summarizeMainThread, TRACE_CATEGORIES } from './mainThread'

/**
 * Lighthouse's "Slow 4G" as DevTools applies it per request (1.6 Mbps down, 750 Kbps up, 150 ms
 * round trip, with DevTools' request-level factors: latency × 3.75, throughput × 0.9).
 */
const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 }
const CPU_SLOWDOWN = 4
const throttle = { cpu: true, network: true }
const TARGET_MS = 2500
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

interface Run {
  /** Navigation → the note box took a typed character. */
  usableMs: number
  /** Navigation → "Tilkoblet": the 2,000 notes synced. */
  syncedMs: number
  /** The page came from the service worker (warm opens should). */
  fromServiceWorker: boolean
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      notes: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '5' },
      trace: { type: 'string' },
      /** A Chromium performance trace of the first cold and warm open: <prefix>-cold.json, <prefix>-warm.json, summarised. */
      'chrome-trace': { type: 'string' },
      /** Serve another build (e.g. an unminified one for readable traces) instead of dist/. */
      dist: { type: 'string' },
      /** A second build (the one before a change), opened in turn with the first in the same run. */
      'base-dist': { type: 'string' },
      /** Screenshots of the first run's page when the box took text and when synced, cold and warm, into this folder. */
      screenshots: { type: 'string' },
      /** To split the time: without the CPU slowdown, or without the network profile. */
      'no-cpu': { type: 'boolean', default: false },
      'no-network': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(
      'npm run bench:phone -- [--notes 2000] [--runs 5] [--no-cpu] [--no-network] [--trace out.zip] [--chrome-trace prefix] [--dist dir] [--base-dist dir] [--screenshots dir]   (build first: npx vite build)',
    )
    return
  }
  const builds = [{ name: 'this build', dir: values.dist ?? join(ROOT, 'dist') }]
  if (values['base-dist']) builds.unshift({ name: 'base build', dir: values['base-dist'] })
  for (const build of builds) if (!existsSync(join(build.dir, 'index.html'))) throw new Error(`${build.dir} has no build: run \`npx vite build\` first`)
  throttle.cpu = !values['no-cpu']
  throttle.network = !values['no-network']
  const notes = Number(values.notes)
  const runs = Number(values.runs)
  const dataDir = await mkdtemp(join(os.tmpdir(), 'samskap-bench-phone-'))
  // One server per build, each with its own copy of the same workshop; the builds take turns, so load changes hit both alike.
  const servers = await Promise.all(
    builds.map(async (build, i) => {
      const server = await createSamskapServer({ port: 0, host: '127.0.0.1', dataDir: join(dataDir, String(i)), staticDir: build.dir, logger: pino({ level: 'silent' }) })
      return { ...build, server, cold: [] as Run[], warm: [] as Run[] }
    }),
  )
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs })
  try {
    const loadAtStart = os.loadavg()[0]!
    const workshops = await Promise.all(
      servers.map(async ({ server }) => {
        const created = await createWorkshop(server.url)
        await seedItems(server.url, created.id, (boardId) => planBenchBoard(boardId, notes, 'notes'))
        return created
      }),
    )
    console.log(`seeded ${notes} notes into ${servers.length} server(s)`)
    for (let i = 0; i < runs; i++) {
      for (const [s, build] of servers.entries()) {
        const created = workshops[s]!
        const token = await joinAsResident(build.server.url, created.code)
        const traces = {
          playwright: values.trace && i === 0 ? values.trace : undefined,
          chrome: values['chrome-trace'] && i === 0 ? `${values['chrome-trace']}${servers.length > 1 ? `-${s}` : ''}` : undefined,
          screenshots: values.screenshots && i === 0 ? join(values.screenshots, `phone${servers.length > 1 ? `-${s}` : ''}`) : undefined,
        }
        const { first, second } = await openTwice(browser, build.server.url, created.id, token, traces)
        build.cold.push(first)
        build.warm.push(second)
        console.log(`run ${i + 1} (${build.name}): cold ${first.usableMs} ms usable, ${first.syncedMs} ms synced; warm ${second.usableMs} ms usable, ${second.syncedMs} ms synced${second.fromServiceWorker ? ' (page from the service worker)' : ' (page NOT from the service worker)'}`)
      }
    }
    const noise = await timerJitter(0, 2000)
    const summary = [
      `## Phone page, ${notes.toLocaleString('en')} notes, ${throttle.cpu ? '4× CPU' : 'no CPU slowdown'}, ${throttle.network ? 'slow 4G' : 'no network profile'} (${new Date().toISOString().slice(0, 16)}Z)`,
      '',
      `Chromium ${browser.version()}, 390×844, ${runs} runs each${servers.length > 1 ? ', the builds in turn' : ''}; a fresh browser context per cold run (no service worker, no cache), then the same context again (warm: the service worker's precache and the local copy in IndexedDB). Load average ${loadAtStart.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end; machine noise (1 ms timer on core 0): p99 ${noise.p99.toFixed(1)} ms, max ${noise.max.toFixed(1)} ms.`,
      '',
      '| build | figure | median | min | max | target |',
      '|---|---|---|---|---|---|',
      ...servers.flatMap(({ name, dir, cold, warm }) => [
        row(`${name} (${dir.replace(ROOT + '/', '')})`, 'cold: navigation → note box accepts text', cold.map((r) => r.usableMs), `≤ ${TARGET_MS} ms`),
        row('', 'cold: navigation → synced (Tilkoblet)', cold.map((r) => r.syncedMs), ''),
        row('', 'warm: navigation → note box accepts text', warm.map((r) => r.usableMs), `≤ ${TARGET_MS} ms`),
        row('', 'warm: navigation → synced (Tilkoblet)', warm.map((r) => r.syncedMs), ''),
      ]),
      '',
    ].join('\n')
    console.log('\n' + summary)
    await writeFile(join(ROOT, 'bench', 'phone', 'last-run.md'), summary)
  } finally {
    await browser.close()
    for (const { server } of servers) await server.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

function row(build: string, name: string, values: number[], target: string): string {
  const sorted = [...values].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  return `| ${build} | ${name} | ${median} ms | ${sorted[0]} ms | ${sorted.at(-1)} ms | ${target} |`
}

async function createWorkshop(baseUrl: string): Promise<{ id: string; code: string }> {
  const response = await fetch(`${baseUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Benchmark', language: 'nb', boardTitle: 'Tavle 1' }),
  })
  if (response.status !== 201) throw new Error(`create workshop: ${response.status} ${await response.text()}`)
  const created = (await response.json()) as { id: string; token: string; code: string }
  workshopTokens.set(created.id, created.token)
  return created
}

async function joinAsResident(baseUrl: string, code: string): Promise<{ token: string; participantId: string }> {
  const response = await fetch(`${baseUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
  if (!response.ok) throw new Error(`join: ${response.status} ${await response.text()}`)
  return (await response.json()) as { token: string; participantId: string }
}

/** One resident's phone: the page opened cold, then once more in the same browser (warm). */
async function openTwice(
  browser: Browser,
  baseUrl: string,
  workshopId: string,
  access: { token: string; participantId: string },
  traces: { playwright: string | undefined; chrome: string | undefined; screenshots: string | undefined },
): Promise<{ first: Run; second: Run }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'nb-NO' })
  await context.addInitScript(
    ([id, token, participantId]) => {
      localStorage.setItem('samskap.access', JSON.stringify([{ workshopId: id, token, role: 'participant', participantId }]))
      localStorage.setItem('samskap.name', 'Kari')
    },
    [workshopId, access.token, access.participantId],
  )
  try {
    const url = `${baseUrl}/w/${workshopId}/phone`
    const first = await openOnce(browser, context, url, traces.playwright, traces.chrome && `${traces.chrome}-cold.json`, traces.screenshots && `${traces.screenshots}-cold`)
    const second = await openOnce(browser, context, url, undefined, traces.chrome && `${traces.chrome}-warm.json`, traces.screenshots && `${traces.screenshots}-warm`)
    return { first, second }
  } finally {
    await context.close()
  }
}

async function openOnce(
  browser: Browser,
  context: Awaited<ReturnType<Browser['newContext']>>,
  url: string,
  tracePath: string | undefined,
  chromeTracePath: string | undefined,
  screenshotPath: string | undefined,
): Promise<Run> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  if (throttle.network) await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
  if (throttle.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  if (tracePath) await context.tracing.start({ screenshots: false, snapshots: false })
  if (chromeTracePath) await browser.startTracing(page, { path: chromeTracePath, categories: TRACE_CATEGORIES })
  const started = Date.now()
  const response = await page.goto(url, { waitUntil: 'commit' })
  const box = page.getByLabel('Skriv et notat')
  await box.fill('x', { timeout: 60_000 })
  if ((await box.inputValue()) !== 'x') throw new Error('the note box did not keep the typed text')
  const usableMs = Date.now() - started
  if (screenshotPath) await page.screenshot({ path: `${screenshotPath}-usable.png` })
  if (chromeTracePath) {
    await browser.stopTracing()
    const trace = JSON.parse(await readFile(chromeTracePath, 'utf8')) as Parameters<typeof summarizeMainThread>[0]
    console.log(`${chromeTracePath}: usable at ${usableMs} ms\n` + summarizeMainThread(trace, usableMs).join('\n'))
  }
  await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor({ timeout: 120_000 })
  const syncedMs = Date.now() - started
  if (screenshotPath) await page.screenshot({ path: `${screenshotPath}-synced.png` })
  if (tracePath) await context.tracing.stop({ path: tracePath })
  // Warm means the worker's precache: a page that registers the worker only after its first sync
  // (phone.html) must have it installed before the next open, as a resident's phone would.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await box.fill('')
  await page.close()
  return { usableMs, syncedMs, fromServiceWorker: response?.fromServiceWorker() ?? false }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
