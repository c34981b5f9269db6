import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { createSamskapServer } from '../../server/createSamskapServer'

/** Flags for Debian's Chromium in a sandbox with no network but loopback. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface E2E {
  baseUrl: string
  browser: Browser
  dataDir: string
  close(): Promise<void>
}

/** The real server on port 0 serving the built client (`vite build` runs before the tests). */
export async function startE2E(): Promise<E2E> {
  const dataDir = await mkdtemp(join(tmpdir(), 'samskap-e2e-'))
  const server = await createSamskapServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: join(import.meta.dirname, '..', '..', 'dist'),
    logger: pino({ level: 'silent' }),
  })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs })
  return {
    baseUrl: `http://127.0.0.1:${server.port}`,
    browser,
    dataDir,
    async close() {
      await browser.close()
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export const desktop = { viewport: { width: 1280, height: 800 } }
export const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }

/** A browser context with a saved name and language, so tests skip the name prompt. */
export async function newPerson(e2e: E2E, name: string, options: Parameters<Browser['newContext']>[0] = desktop): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ ...options, locale: 'nb-NO' })
  await context.addInitScript(
    ([n]) => {
      try {
        if (!localStorage.getItem('samskap.name')) localStorage.setItem('samskap.name', n!)
      } catch {
        // about:blank has no storage
      }
    },
    [name],
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error.message))
  return { context, page }
}

/** Creates a workshop through the API, as the home page does. */
export async function createWorkshop(e2e: E2E, title = 'Innbyggerdialog'): Promise<string> {
  const response = await fetch(`${e2e.baseUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, language: 'nb', boardTitle: 'Tavle 1' }),
  })
  if (response.status !== 201) throw new Error(`create workshop: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { id: string }
  return body.id
}

/**
 * Opens a workshop page and waits until it is connected (`status`, by default the nb or en label),
 * and with `board: true` until the free canvas is drawn.
 */
export async function openWorkshop(page: Page, url: string, options: { board?: boolean; status?: RegExp } = {}): Promise<void> {
  await page.goto(url)
  await page
    .getByTestId('connection-status')
    .filter({ hasText: options.status ?? /Tilkoblet|Connected/ })
    .waitFor()
  if (options.board) await page.getByTestId('board-canvas').waitFor()
}

/** Reads until `predicate` holds (every 60 ms, up to `timeout`); the error names `what` and the last value. */
export async function waitFor<T>(read: () => Promise<T>, predicate: (value: T) => boolean, what: string, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout
  let last = await read()
  while (!predicate(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(last)}`)
    await new Promise((r) => setTimeout(r, 60))
    last = await read()
  }
  return last
}
