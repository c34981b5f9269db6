import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Manifest } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkshopWithAccess, startE2E, type E2E } from './harness'

// Residents join on their own phones, often old ones on a hall's wifi: the phone page must load
// with at most 150 KB of gzipped JavaScript. This walks the build's chunk graph (vite's manifest)
// from phone.html's scripts through what the phone route imports, statically and lazily, gzips
// each file as the server sends it, and checks the sum; then opens the page in Chromium and checks
// that it asks for exactly those scripts and nothing of the board.
//
// The phone's store (client/src/store/PhoneStore.ts) reads notes and cards only and writes through
// commands, so the route holds neither the board's write path nor the other kinds' validators
// and migrations; eslint.config.js keeps the modules that hold them out of the phone's imports.
// Back under 150 KB on 2026-12-06: 149.63 KB in Swedish, the largest (150.4–150.5 before), since the
// bundler is told lib0's schema builders are pure (vite.config.ts, `manualPureFunctions`): yjs's
// logging imports lib0/dom.js, whose top-level schemas kept lib0/schema.js in every page. The
// budget is the route as it is now; the next cut is a phone-side reader of cards (the phone needs
// their text and lane, not the action fields and their calendar-day check). 148.26 KB (sv) later
// that day, with the phone's load path a little larger (LocalCopy.ts, whenPageIsIdle.ts,
// withoutUpdateEvents.ts): yjs's two warnings go through client/src/lib/yjsLogging.ts instead of
// lib0/logging with its DOM console (vite.config.ts, `resolve.alias`). 148.28 KB (sv) with the note box
// in phone.html (client/src/phone/phoneShell.ts) and React adopting it: the route no longer loads
// registerSW.js (the page registers the worker after its first sync), and Vite's modulepreload
// polyfill (for Safari before 17) moved from the entry into phone.html's inline script, which is
// not counted here: ~1 KB gzipped inside the HTML, with the five languages' strings of the box.
const BUDGET_BYTES = 148_290
const dist = join(import.meta.dirname, '..', '..', 'dist')
/** The phone page's own lazy chunk: App.tsx loads it for `/w/<id>/phone`. */
const PHONE_PAGE = 'src/phone/PhonePage.tsx'
/** The strings for the phone (i18n/languages.ts, `coreStrings`): one language's is loaded. */
const localeCore = (language: string) => `samskap-locale:${language}:core`

let manifest: Manifest
let e2e: E2E
beforeAll(async () => {
  const path = join(dist, '.vite', 'manifest.json')
  if (!existsSync(path)) throw new Error('dist/.vite/manifest.json is missing: run `vite build` first (build.manifest is on in vite.config.ts)')
  manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/**
 * The scripts the phone route's page loads itself (phone.html): those it names in a <script>, and the
 * entry its box's inline script starts once the box is painted (client/src/phone/phoneShell.ts). The
 * page registers the service worker later, from its chunk.
 */
function scriptsOfPhoneHtml(): string[] {
  const html = readFileSync(join(dist, 'phone.html'), 'utf8')
  const named = [...html.matchAll(/<script\b[^>]*\bsrc="\/([^"]+)"/g)].map((m) => m[1]!)
  const started = [...html.matchAll(/,"\/(assets\/[^"]+\.js)"\)<\/script>/g)].map((m) => m[1]!)
  return [...named, ...started]
}

function chunkKey(predicate: (key: string) => boolean, what: string): string {
  const key = Object.keys(manifest).find(predicate)
  if (!key) throw new Error(`no chunk for ${what} in the manifest`)
  return key
}

/** A chunk and every chunk it imports statically, recursively (what the browser must fetch before running it). */
function withStaticImports(key: string, into: Set<string> = new Set()): Set<string> {
  const chunk = manifest[key]
  if (!chunk) throw new Error(`manifest has no ${key}`)
  if (into.has(chunk.file)) return into
  into.add(chunk.file)
  for (const imported of chunk.imports ?? []) withStaticImports(imported, into)
  return into
}

/** Every script the phone page loads in `language`: phone.html's, the entry's imports, the page's chunk and its imports, the strings. */
function phoneRouteFiles(language: string): Set<string> {
  const entry = chunkKey((key) => manifest[key]!.isEntry === true, 'the entry')
  const entryFile = manifest[entry]!.file
  const html = scriptsOfPhoneHtml()
  expect(html, 'phone.html loads the entry the manifest names').toContain(entryFile)
  const files = new Set(html)
  withStaticImports(entry, files)
  // The lazy chunks the phone route loads: App.tsx's page loader and the language's strings.
  expect(manifest[entry]!.dynamicImports ?? []).toEqual(expect.arrayContaining([PHONE_PAGE]))
  withStaticImports(PHONE_PAGE, files)
  withStaticImports(chunkKey((key) => key.endsWith(localeCore(language)), `the ${language} strings`), files)
  return files
}

function gzippedSize(file: string): number {
  // The build writes the copy the server sends (vite.config.ts, `precompress`); a file without one is measured the same way.
  const copy = join(dist, `${file}.gz`)
  return existsSync(copy) ? readFileSync(copy).length : gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

describe('the phone page’s download budget', () => {
  it(`loads at most ${kb(BUDGET_BYTES)} of gzipped JavaScript, in every language`, () => {
    const languages = Object.keys(manifest)
      .map((key) => /samskap-locale:([a-z]{2}):core$/.exec(key)?.[1])
      .filter((l): l is string => l !== undefined)
    expect(languages.sort()).toEqual(['da', 'en', 'nb', 'nn', 'sv'])
    const totals = languages.map((language) => {
      const files = [...phoneRouteFiles(language)]
      const sizes = files.map((file) => ({ file, bytes: gzippedSize(file) })).sort((a, b) => b.bytes - a.bytes)
      return { language, total: sizes.reduce((sum, s) => sum + s.bytes, 0), sizes }
    })
    const worst = totals.reduce((a, b) => (b.total > a.total ? b : a))
    console.log(
      `[phone budget] ${kb(worst.total)} of ${kb(BUDGET_BYTES)} gzipped JavaScript (${worst.language}, the largest):\n` +
        worst.sizes.map((s) => `  ${kb(s.bytes).padStart(9)}  ${s.file}`).join('\n'),
    )
    // Nothing of the board may creep in: the canvas, the board views and the exports are their own chunks.
    for (const file of worst.sizes.map((s) => s.file)) expect(file).not.toMatch(/WorkshopPage|workshopExports|CapturePage|HomePage/)
    expect(worst.total).toBeLessThanOrEqual(BUDGET_BYTES)
  })

  it('asks for exactly those scripts when the phone page opens in Chromium, gzipped', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Budsjett')
    const joined = (await (
      await fetch(`${e2e.baseUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: created.code }) })
    ).json()) as { token: string; participantId: string }
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'nb-NO' })
    // As after joining: the personal token in storage and a name, so the page opens straight away.
    await context.addInitScript(
      ([id, token, participantId]) => {
        localStorage.setItem('samskap.access', JSON.stringify([{ workshopId: id, token, role: 'participant', participantId }]))
        localStorage.setItem('samskap.name', 'Kari')
      },
      [created.id, joined.token, joined.participantId],
    )
    const page = await context.newPage()
    const scripts = new Map<string, string | undefined>()
    page.on('response', (response) => {
      const url = new URL(response.url())
      if (url.origin === e2e.baseUrl && url.pathname.endsWith('.js')) scripts.set(url.pathname.slice(1), response.headers()['content-encoding'])
    })
    await page.goto(`${e2e.baseUrl}/w/${created.id}/phone`)
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await page.getByLabel('Skriv et notat').waitFor()
    await page.waitForLoadState('networkidle')
    expect([...scripts.keys()].sort()).toEqual([...phoneRouteFiles('nb')].sort())
    // Sent as measured: every script that has a gzipped copy arrives gzipped.
    for (const [file, encoding] of scripts) if (existsSync(join(dist, `${file}.gz`))) expect(encoding, file).toBe('gzip')
    await context.close()
  })
})
