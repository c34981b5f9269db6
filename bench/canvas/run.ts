/**
 * Canvas rendering benchmark: a board with thousands of items, panned and zoomed with real input
 * events in headless Chromium, frame rate measured in the page. `npm run bench:canvas -- --help`.
 * Never part of `npm test`: numbers depend on the machine, so it reports, it does not assert.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pino from 'pino'
import { chromium, type Browser, type Page } from 'playwright-core'
import * as Y from 'yjs'
import { createSamskapServer, type SamskapServer } from '../../server/createSamskapServer'
import { planBenchBoard, type BenchItem, type BenchMix } from './benchBoard'
import { frameProbeSource, summarizeFrames, type PhaseSample } from './frameProbe'
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './profileSummary'
import { fmt, ROOT, TARGET_ITEMS, VIEWPORT, commonArgs, modeArgs, printBoard, renderResults, type BoardResult, type ModeInfo, type PhaseResult, type RenderMode } from './results'
import { connectClient, seedItems, workshopTokens } from './syncClient'
import { formatTraceSummary, readTrace, summarizeTrace } from './traceSummary'


interface BenchProbe {
  start(): void
  stop(): PhaseSample
  hookCount(): number
  mounted(): number
  waitForFullRender(expected: number, timeoutMs: number): Promise<{ ms: number; mounted: number; items: number }>
}

declare global {
  interface Window {
    __benchProbe: BenchProbe
  }
}

/** Test-hook functions the canvas may or may not have yet (they arrive with the new item kinds). */
interface OptionalHook {
  getItems?: () => unknown[]
  getRenderStats?: () => unknown
}

const phaseNames = {
  pan: 'pan 1x (hand tool drag)',
  wheel: 'wheel zoom at pointer',
  fitPan: 'zoom to fit + pan',
  remote: 'idle, remote moves 10 notes/s',
} as const

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '1000,5000,10000' },
      modes: { type: 'string', default: 'software,swiftshader' },
      seconds: { type: 'string', default: '4' },
      mix: { type: 'string', default: 'mixed' },
      /** Extra boards drawn only with notes (the kind every canvas version draws), software mode. */
      'notes-only': { type: 'string', default: '5000' },
      profile: { type: 'boolean', default: true },
      'no-profile': { type: 'boolean', default: false },
      out: { type: 'string', default: join(import.meta.dirname, 'RESULTS.md') },
      'no-write': { type: 'boolean', default: false },
      /** Chromium's CPU throttling (DevTools "4× slowdown"): every page's main thread runs N times slower. */
      'cpu-throttle': { type: 'string', default: '1' },
      /** Items on the profile pass's board. */
      'profile-items': { type: 'string', default: String(TARGET_ITEMS) },
      /** Serve this build instead of dist/ (to measure an earlier build beside the current one). */
      dist: { type: 'string', default: '' },
      /** Write a Chromium performance trace (chrome://tracing / DevTools) of the profile pass here. */
      trace: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(`npm run bench:canvas -- [--items 1000,5000,10000] [--modes software,swiftshader] [--seconds 4] [--mix mixed|notes] [--notes-only 5000|''] [--no-profile] [--out file] [--no-write] [--cpu-throttle 4] [--profile-items 10000] [--dist dir] [--trace file.json]`)
    return
  }
  const counts = values.items.split(',').map((s) => Number(s.trim()))
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--items: expected counts like 1000,5000, got ${values.items}`)
  // `--modes ''` skips the measured runs (only the profile pass).
  const modes = values.modes.split(',').map((s) => s.trim()).filter(Boolean) as RenderMode[]
  for (const m of modes) if (!(m in modeArgs)) throw new Error(`--modes: unknown mode ${m}`)
  const seconds = Number(values.seconds)
  const mix = values.mix as BenchMix
  if (mix !== 'mixed' && mix !== 'notes') throw new Error('--mix: mixed or notes')
  const notesOnly = values['notes-only'] ? values['notes-only'].split(',').map((s) => Number(s.trim())) : []
  const throttle = Number(values['cpu-throttle'])
  if (!(throttle >= 1)) throw new Error(`--cpu-throttle: a rate of 1 or more, got ${values['cpu-throttle']}`)
  const profileItems = Number(values['profile-items'])
  if (!Number.isInteger(profileItems) || profileItems < 1) throw new Error(`--profile-items: a count, got ${values['profile-items']}`)

  const dist = values.dist || join(ROOT, 'dist')
  if (!existsSync(join(dist, 'index.html'))) {
    if (values.dist) throw new Error(`--dist: no index.html in ${values.dist}`)
    build(dist, true)
  }

  const dataDir = await mkdtemp(join(os.tmpdir(), 'samskap-bench-'))
  // Serve a copy: a `vite build` elsewhere (npm test) empties dist/ and would break a run halfway.
  const builtAt = statSync(join(dist, 'index.html')).mtime.toISOString()
  const loadAtStart = os.loadavg()[0]!
  await cp(dist, join(dataDir, 'dist'), { recursive: true })
  const server = await startServer(join(dataDir, 'data'), join(dataDir, 'dist'))
  const results: BoardResult[] = []
  const modeInfo: ModeInfo[] = []
  let chromiumVersion = ''
  let profile: ProfileSummary[] = []
  try {
    for (const mode of modes) {
      let browser: Browser
      try {
        browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...commonArgs, ...modeArgs[mode]] })
      } catch (error) {
        modeInfo.push({ mode, webgl: '', error: String(error).split('\n')[0] })
        console.error(`[${mode}] Chromium did not start: ${String(error)}`)
        continue
      }
      try {
        chromiumVersion = browser.version()
        const info: ModeInfo = { mode, webgl: '' }
        modeInfo.push(info)
        const boards: [number, BenchMix][] = counts.map((n) => [n, mix])
        if (mode === 'software' && mix !== 'notes') for (const n of notesOnly) boards.push([n, 'notes'])
        for (const [count, boardMix] of boards) {
          console.log(`[${mode}] ${count} items (${boardMix}) …`)
          try {
            const result = await benchBoard(browser, server, mode, count, boardMix, seconds, info, throttle)
            results.push(result)
            printBoard(result)
          } catch (error) {
            // One board timing out (a very slow mode, a canvas change) should not lose the others.
            console.error(`[${mode}] ${count} items (${boardMix}) failed:`, error)
          }
        }
      } finally {
        await browser.close()
      }
    }
    if (values.profile && !values['no-profile']) profile = await profileRun(mix, seconds, profileItems, throttle, values.trace)
  } finally {
    await server.close()
    await rm(dataDir, { recursive: true, force: true })
  }

  const load = `${fmt(loadAtStart, 2)} at start, ${fmt(os.loadavg()[0]!, 2)} at end`
  const markdown = renderResults({ results, modeInfo, chromiumVersion, mix, seconds, profile, profileItems, builtAt, load, throttle })
  console.log('\n' + markdown)
  if (!values['no-write']) {
    await writeFile(values.out, markdown)
    console.log(`written to ${values.out}`)
  }
}

function build(outDir: string, minify: boolean): void {
  const args = ['build', '--outDir', outDir, '--emptyOutDir', ...(minify ? [] : ['--minify', 'false'])]
  console.log(`vite ${args.join(' ')}`)
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), args, { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`vite build failed with ${result.status}`)
}

function startServer(dataDir: string, staticDir: string): Promise<SamskapServer> {
  // Seeding 10,000 items sends more than a connection's default 2 MiB a minute; the bench creates
  // many workshops from one address. Neither limit is what is measured here.
  const limits = { bytesPerMinute: Number.MAX_SAFE_INTEGER, workshopMaxBytes: 256 * 2 ** 20, workshopsPerAddressPerHour: 10_000 }
  return createSamskapServer({ port: 0, host: '127.0.0.1', dataDir, staticDir, logger: pino({ level: 'silent' }), limits })
}

async function createWorkshop(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Benchmark', language: 'nb', boardTitle: 'Tavle 1' }),
  })
  if (response.status !== 201) throw new Error(`create workshop: ${response.status} ${await response.text()}`)
  const created = (await response.json()) as { id: string; token: string }
  workshopTokens.set(created.id, created.token)
  return created.id
}

interface OpenedBoard {
  page: Page
  close(): Promise<void>
  workshopId: string
  items: BenchItem[]
  seedMs: number
  firstFullRenderMs: number
  mountedAtLoad: number
  hookHas: string
}

/** Creates a workshop, seeds it, opens it in a fresh context and waits for the first full render. */
async function openSeededBoard(browser: Browser, baseUrl: string, count: number, mix: BenchMix, throttle: number): Promise<OpenedBoard> {
  const workshopId = await createWorkshop(baseUrl)
  const seedStart = performance.now()
  const { items } = await seedItems(baseUrl, workshopId, (boardId) => planBenchBoard(boardId, count, mix))
  const seedMs = performance.now() - seedStart
  const notes = items.filter((i) => i.kind === 'note').length

  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'nb-NO' })
  await context.addInitScript(() => {
    try {
      if (!localStorage.getItem('samskap.name')) localStorage.setItem('samskap.name', 'Benk')
    } catch {
      // about:blank has no storage
    }
  })
  await context.addInitScript({ content: frameProbeSource })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle })
  await page.goto(`${baseUrl}/w/${workshopId}?token=${workshopTokens.get(workshopId) ?? ''}`)
  await page.waitForFunction(() => window.__samskapCanvas !== undefined, undefined, { timeout: 180_000 })
  const hookHas = await page.evaluate(() => {
    const hook = window.__samskapCanvas as unknown as OptionalHook
    return [hook.getItems ? 'getItems' : 'getNotes only', hook.getRenderStats ? 'getRenderStats' : ''].filter(Boolean).join(', ')
  })
  const expected = hookHas.startsWith('getItems') ? count : notes
  const full = await page.evaluate(([e]) => window.__benchProbe.waitForFullRender(e!, 180_000), [expected])
  return {
    page,
    close: () => context.close(),
    workshopId,
    items,
    seedMs,
    firstFullRenderMs: full.ms,
    mountedAtLoad: full.mounted,
    hookHas,
  }
}

async function benchBoard(browser: Browser, server: SamskapServer, mode: RenderMode, count: number, mix: BenchMix, seconds: number, info: ModeInfo, throttle: number): Promise<BoardResult> {
  const board = await openSeededBoard(browser, server.url, count, mix, throttle)
  const { page } = board
  try {
    if (!info.webgl) info.webgl = await page.evaluate(webglRenderer)
    const box = await canvasBox(page)
    const phases: PhaseResult[] = []

    await page.keyboard.press('Shift+Digit0') // zoom 100 % at the board's centre
    phases.push(await measure(page, phaseNames.pan, () => panStrokes(page, box, seconds, 900, 'travel')))
    phases.push(await measure(page, phaseNames.wheel, () => wheelZoom(page, box, seconds)))
    await page.keyboard.press('Shift+Digit1')
    phases.push(await measure(page, phaseNames.fitPan, () => panStrokes(page, box, seconds, 400, 'wobble')))
    phases.push(await remotePhase(page, server.url, board.workshopId, box, seconds))

    return {
      mode,
      mix,
      throttle,
      items: count,
      notes: board.items.filter((i) => i.kind === 'note').length,
      seedMs: board.seedMs,
      firstFullRenderMs: board.firstFullRenderMs,
      mountedAtLoad: board.mountedAtLoad,
      hookHas: board.hookHas,
      phases,
    }
  } finally {
    await board.close()
  }
}

function webglRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl')
  if (!gl) return 'no WebGL'
  const ext = gl.getExtension('WEBGL_debug_renderer_info')
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER))
}

interface Box {
  x: number
  y: number
  width: number
  height: number
}

async function canvasBox(page: Page): Promise<Box> {
  const box = await page.getByTestId('board-canvas').boundingBox()
  if (!box) throw new Error('board canvas has no box')
  return box
}

async function measure(page: Page, phase: string, drive: () => Promise<void>): Promise<PhaseResult> {
  await sleep(400) // the camera commit of the previous step (150 ms throttle) settles outside the window
  await page.evaluate(() => window.__benchProbe.start())
  await drive()
  const sample = await page.evaluate(() => window.__benchProbe.stop())
  return { phase, ...summarizeFrames(sample.times), mountedMax: sample.mountedMax, mountedEnd: sample.mountedEnd, renderStats: sample.renderStats }
}

/** Calls `step` at `hz` until `seconds` have passed, catching up rather than drifting when a step is slow. */
async function paced(seconds: number, hz: number, step: (i: number) => Promise<boolean | void>): Promise<void> {
  const start = performance.now()
  for (let i = 0; performance.now() - start < seconds * 1000; i++) {
    if ((await step(i)) === false) return
    const due = start + ((i + 1) * 1000) / hz
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
  }
}

/**
 * Hand-tool drags of `length` px, each over ~0.5 s with a 125 Hz mouse. 'travel' keeps dragging the
 * same way, so the view crosses the board (new items come into view all the time); 'wobble' goes
 * back and forth, so a board zoomed to fit stays in view.
 */
async function panStrokes(page: Page, box: Box, seconds: number, length: number, style: 'travel' | 'wobble'): Promise<void> {
  await page.keyboard.press('h')
  await page.waitForSelector('.sk-board-canvas.sk-panning')
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  const steps = 60
  const started = performance.now()
  for (let stroke = 0; performance.now() - started < seconds * 1000; stroke++) {
    const dir = style === 'travel' || stroke % 2 === 0 ? 1 : -1
    const from = { x: cx + (dir * length) / 2, y: cy + (dir * length) / 4 }
    const to = { x: cx - (dir * length) / 2, y: cy - (dir * length) / 4 }
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await paced(60, 125, async (i) => {
      // On a board that draws at 1 FPS a stroke could take a minute; the phase has a time budget.
      if (i >= steps || performance.now() - started > seconds * 1000) return false
      const t = (i + 1) / steps
      await page.mouse.move(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t)
      return true
    })
    await page.mouse.up()
  }
  await page.keyboard.press('v')
}

/** Mouse-wheel notches at 25 Hz: 8 in, 16 out, 8 in, with the pointer at a new spot each cycle. */
async function wheelZoom(page: Page, box: Box, seconds: number): Promise<void> {
  const spots = [
    [0.5, 0.5],
    [0.3, 0.35],
    [0.7, 0.6],
    [0.45, 0.7],
  ] as const
  await paced(seconds, 25, async (i) => {
    const cycle = Math.floor(i / 32)
    const within = i % 32
    if (within === 0) {
      const [fx, fy] = spots[cycle % spots.length]!
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy)
    }
    await page.mouse.wheel(0, within < 8 || within >= 24 ? -100 : 100)
  })
}

/**
 * At 100 % zoom, a Node client moves 10 of the notes in view, one every 100 ms (each note once a
 * second), while the person looking at the board does nothing.
 */
async function remotePhase(page: Page, baseUrl: string, workshopId: string, box: Box, seconds: number, measureWith: typeof measure = measure): Promise<PhaseResult> {
  await page.keyboard.press('Shift+Digit1')
  await sleep(200)
  await page.keyboard.press('Shift+Digit0')
  await sleep(400)
  const { camera, notes } = await page.evaluate(() => ({ camera: window.__samskapCanvas!.getCamera(), notes: window.__samskapCanvas!.getNotes() }))
  const view = { x: -camera.x / camera.scale, y: -camera.y / camera.scale, w: box.width / camera.scale, h: box.height / camera.scale }
  const inView = notes.filter((n) => n.x >= view.x && n.y >= view.y && n.x + n.w <= view.x + view.w && n.y + n.h <= view.y + view.h).slice(0, 10)
  const collaborator = await connectClient(baseUrl, workshopId)
  try {
    const items = collaborator.doc.getMap<Y.Map<unknown>>('items')
    let moves = 0
    const result = await measureWith(page, phaseNames.remote, () =>
      paced(seconds, 10, async (i) => {
        const note = inView[i % inView.length]
        const record = note && items.get(note.id)
        if (!note || !record) return
        const angle = (i / 10) * Math.PI
        collaborator.doc.transact(() => {
          record.set('x', Math.round(note.x + 30 * Math.cos(angle)))
          record.set('y', Math.round(note.y + 30 * Math.sin(angle)))
        })
        moves++
      }),
    )
    return { ...result, note: `${moves} remote moves over ${inView.length} notes in view` }
  } finally {
    collaborator.destroy()
  }
}

/** A separate pass with the V8 sampling profiler on an unminified build, so names mean something. */
async function profileRun(mix: BenchMix, seconds: number, items: number, throttle: number, tracePath: string): Promise<ProfileSummary[]> {
  const tmp = await mkdtemp(join(os.tmpdir(), 'samskap-bench-profile-'))
  const dist = join(tmp, 'dist')
  try {
    build(dist, false)
    const server = await startServer(join(tmp, 'data'), dist)
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...commonArgs, ...modeArgs.software] })
    try {
      console.log(`[profile] ${items} items, software rendering, unminified build …`)
      const board = await openSeededBoard(browser, server.url, items, mix, throttle)
      const { page } = board
      const box = await canvasBox(page)
      const cdp = await page.context().newCDPSession(page)
      const sources = new Map<string, string>()
      for (const src of await page.evaluate(() => [...document.scripts].map((s) => s.src).filter(Boolean))) {
        sources.set(src, await (await fetch(src)).text())
      }
      // Frames per phase from the page's probe, for the trace's work per frame.
      const frames = new Map<string, number>()
      const profiled = async (label: string, drive: () => Promise<void>) => {
        await sleep(400)
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
        await cdp.send('Profiler.start')
        await page.evaluate((name) => performance.mark(`bench:${name}:start`), label)
        const measured = await measure(page, label, drive)
        await page.evaluate((name) => performance.mark(`bench:${name}:end`), label)
        frames.set(label, measured.frames)
        console.log(`[profile] ${label}: ${measured.timeMedianFps.toFixed(1)} FPS time-weighted median, p5 ${measured.p5Fps.toFixed(1)}, ${measured.frames} frames`)
        const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
        const summary = summarizeProfile(profile, sources)
        return { ...summary, label }
      }
      // The trace covers every phase: raster, paint and compositor threads, which the V8 profile does not see.
      if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false, categories: traceCategories })
      await page.keyboard.press('Shift+Digit0')
      const pan = await profiled(phaseNames.pan, () => panStrokes(page, box, seconds, 900, 'travel'))
      await page.keyboard.press('Shift+Digit1')
      const wheel = await profiled(phaseNames.wheel, () => wheelZoom(page, box, seconds))
      await page.keyboard.press('Shift+Digit1')
      const fit = await profiled(phaseNames.fitPan, () => panStrokes(page, box, seconds, 400, 'wobble'))
      let remote: (ProfileSummary & { label: string }) | null = null
      await remotePhase(page, server.url, board.workshopId, box, seconds, async (_p, phase, drive) => {
        remote = await profiled(phase, drive)
        return { phase, ...summarizeFrames([]), mountedMax: 0, mountedEnd: 0, renderStats: null }
      })
      if (tracePath) {
        await browser.stopTracing()
        console.log(`[profile] trace written to ${tracePath}; main-thread work per frame:`)
        console.log(formatTraceSummary(summarizeTrace(await readTrace(tracePath), (phase) => frames.get(phase))))
      }
      await board.close()
      return remote ? [pan, wheel, fit, remote] : [pan, wheel, fit]
    } finally {
      await browser.close()
      await server.close()
    }
  } catch (error) {
    console.error('[profile] failed:', error)
    return []
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

const traceCategories = ['blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'blink', 'cc', 'gpu', 'toplevel']

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

await main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
// Playwright and ws can leave handles open after a failure; the results are written by now.
process.exit(process.exitCode ?? 0)

