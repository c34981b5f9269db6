import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Manifest } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkshopWithAccess, startE2E, waitFor, type E2E } from './harness'

// Every visitor's browser installs the service worker, and the worker downloads its whole precache
// at once: on a resident's phone on a hall's wifi that must be the phone's and join's routes only,
// at most 300 KB as sent (client/src/offline/offlineAssetsPlugin.ts). The board's chunks are cached
// when fetched, and all at once by the pages beyond the phone's (offlineApp and studyTrip tests).

const BUDGET_BYTES = 300_000
const dist = join(import.meta.dirname, '..', '..', 'dist')

let manifest: Manifest
let e2e: E2E
beforeAll(async () => {
  const path = join(dist, '.vite', 'manifest.json')
  if (!existsSync(path)) throw new Error('dist/.vite/manifest.json is missing: run `vite build` first')
  manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** The precache list the build wrote into the worker (Workbox's `precacheAndRoute([...])`). */
function precachedUrls(): string[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8')
  const urls = [...sw.matchAll(/\{url:"([^"]+)",revision:/g)].map((m) => m[1]!)
  if (urls.length === 0) throw new Error('no precache entries found in dist/sw.js')
  return urls
}

/** What the worker's install downloads besides its list: itself and the Workbox runtime it imports. */
function workerFiles(): string[] {
  return ['sw.js', ...readdirSync(dist).filter((file) => /^workbox-[\w-]+\.js$/.test(file))]
}

/** Bytes as sent: the gzipped copy the server sends when the build wrote one, else the file. */
function sentSize(file: string): number {
  const copy = join(dist, `${file}.gz`)
  return existsSync(copy) ? readFileSync(copy).length : readFileSync(join(dist, file)).length
}

/** The phone's and join's files by the chunk graph: the entry, both pages, their imports and styles, every language's phone strings. */
function phoneAndJoinFiles(): Set<string> {
  const files = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk) throw new Error(`manifest has no ${key}`)
    if (files.has(chunk.file)) return
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  const roots = Object.keys(manifest).filter(
    (key) => manifest[key]!.isEntry === true || key === 'src/phone/PhonePage.tsx' || key === 'src/join/JoinPage.tsx' || /samskap-locale:[a-z]{2}:core$/.test(key),
  )
  expect(roots.length, 'the entry, the two pages and five languages').toBe(1 + 2 + 5)
  for (const root of roots) visit(root)
  return files
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

describe('what the service worker precaches', () => {
  it(`is the phone's and join's routes, at most ${kb(BUDGET_BYTES)} as sent`, () => {
    // The icons and the web manifest are listed twice (the PWA manifest's and the glob's); the worker fetches each once.
    const urls = [...new Set(precachedUrls())]
    const sizes = [...urls, ...workerFiles()].map((file) => ({ file, bytes: sentSize(file) })).sort((a, b) => b.bytes - a.bytes)
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0)
    console.log(
      `[phone precache] ${kb(total)} of ${kb(BUDGET_BYTES)} (${urls.length} files and the worker):\n` +
        sizes.map((s) => `  ${kb(s.bytes).padStart(9)}  ${s.file}`).join('\n'),
    )
    // Everything the two routes load opens offline…
    for (const file of phoneAndJoinFiles()) expect(urls, file).toContain(file)
    expect(urls).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest']))
    // …and nothing of the board's: the canvas, the board page, capture, the home page, all strings.
    const board = ['src/app/WorkshopPage.tsx', 'src/capture/CapturePage.tsx', 'src/app/HomePage.tsx'].map((key) => manifest[key]?.file)
    expect(board.every((file) => file !== undefined)).toBe(true)
    for (const file of board) expect(urls).not.toContain(file)
    for (const url of urls) expect(url).not.toMatch(/canvasLibraries|_full-/)
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES)
  })

  it('lists every script and stylesheet for the pages that cache the rest', () => {
    const listed = JSON.parse(readFileSync(join(dist, 'offline-assets.json'), 'utf8')) as string[]
    const built = readdirSync(join(dist, 'assets'))
      .filter((file) => /\.(js|css)$/.test(file))
      .map((file) => `/assets/${file}`)
      .sort()
    expect(listed).toEqual(built)
  })

  it('opens the phone page offline from the precache alone, and fills no other cache', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Forhåndslagret')
    const joined = (await (
      await fetch(`${e2e.baseUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: created.code }) })
    ).json()) as { token: string; participantId: string }
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'nb-NO' })
    await context.addInitScript(
      ([id, token, participantId]) => {
        localStorage.setItem('samskap.access', JSON.stringify([{ workshopId: id, token, role: 'participant', participantId }]))
        localStorage.setItem('samskap.name', 'Kari')
      },
      [created.id, joined.token, joined.participantId],
    )
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/w/${created.id}/phone`)
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), Boolean, 'the service worker to control the page')
    // Scripts come from the precache: the worker's cache for the rest holds nothing of the phone's.
    const appCacheEntries = await page.evaluate(async () => ((await caches.has('samskap-app')) ? (await (await caches.open('samskap-app')).keys()).length : 0))
    expect(appCacheEntries).toBe(0)

    await context.setOffline(true)
    await page.reload()
    await page.getByTestId('connection-status').filter({ hasText: 'Frakoblet' }).waitFor()
    await page.getByLabel('Skriv et notat').fill('Skrevet uten nett')
    await context.close()
  })
})
