import { mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { WebSocket } from 'ws'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { createSamskapServer, type SamskapServerOptions } from '../../server/createSamskapServer'
import { SYNC_PATH } from '../../shared/protocol'
import type { CreatedWorkshop } from '../../shared/access'

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

/**
 * The real server on port 0 serving the built client (`vite build` runs before the tests);
 * `options` reach createSamskapServer (sign-in settings, retention).
 */
export async function startE2E(options: Partial<SamskapServerOptions> = {}): Promise<E2E> {
  const dataDir = await mkdtemp(join(tmpdir(), 'samskap-e2e-'))
  const server = await createSamskapServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: join(import.meta.dirname, '..', '..', 'dist'),
    logger: pino({ level: 'silent' }),
    ...options,
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

const created = new Map<string, CreatedWorkshop>()

/** Creates a workshop through the API, as the home page does. */
export async function createWorkshop(e2e: E2E, title = 'Innbyggerdialog'): Promise<string> {
  return (await createWorkshopWithAccess(e2e, title)).id
}

/** Creates a workshop and returns the API's whole answer: code, facilitator/participant/observer links. */
export async function createWorkshopWithAccess(e2e: E2E, title = 'Innbyggerdialog'): Promise<CreatedWorkshop> {
  const response = await fetch(`${e2e.baseUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, language: 'nb', boardTitle: 'Tavle 1' }),
  })
  if (response.status !== 201) throw new Error(`create workshop: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as CreatedWorkshop
  created.set(body.id, body)
  return body
}

/** The facilitator token of a workshop made with `createWorkshop`, for programs that talk to the server directly. */
export function facilitatorToken(id: string): string {
  const workshop = created.get(id)
  if (!workshop) throw new Error(`workshop ${id} was not made by this harness`)
  return workshop.token
}

/** Lets `workshopUrl` build links for a workshop made some other way (an import). */
export function rememberWorkshop(workshop: CreatedWorkshop): void {
  created.set(workshop.id, workshop)
}

/** The token a page's browser keeps for a workshop (after it created or opened it). */
export async function storedToken(page: Page, workshopId: string): Promise<string> {
  const token = await page.evaluate((id) => {
    const entries = JSON.parse(localStorage.getItem('samskap.access') ?? '[]') as { workshopId: string; token: string }[]
    return entries.find((entry) => entry.workshopId === id)?.token ?? null
  }, workshopId)
  if (!token) throw new Error(`the page keeps no token for ${workshopId}`)
  return token
}

/**
 * The facilitator's link to a workshop made with `createWorkshop` (`path` e.g. '/capture'). The app
 * moves the token into storage, so later visits in the same browser context need only `/w/<id>`.
 */
export function workshopUrl(e2e: E2E, id: string, path = ''): string {
  const workshop = created.get(id)
  if (!workshop) throw new Error(`workshop ${id} was not made by this harness`)
  return `${e2e.baseUrl}/w/${id}${path}?token=${encodeURIComponent(workshop.token)}`
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

/**
 * Resolves once every script and stylesheet of the build is in this browser's caches (the service
 * worker's precache, or the app cache a board page fills: client/src/offline/warmAppCache.ts), so
 * any page opens offline from here on.
 */
export async function waitForOfflineApp(page: Page): Promise<void> {
  await waitFor(
    () =>
      page.evaluate(async () => {
        const urls = (await (await fetch('/offline-assets.json', { cache: 'no-cache' })).json()) as string[]
        const found = await Promise.all(urls.map(async (url) => (await caches.match(url)) !== undefined))
        return found.every(Boolean)
      }),
    Boolean,
    'every script of the build to be cached',
  )
}

/**
 * The server and browser of a test file: started before its tests, closed after them with every
 * browser context the file put in `contexts`; `shots`, the screenshot folder, is made first.
 */
export function e2eForFile(shots?: string): { readonly e2e: E2E; readonly contexts: BrowserContext[] } {
  let started: E2E | undefined
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    if (shots) mkdirSync(shots, { recursive: true })
    started = await startE2E()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await started?.close()
  })
  return {
    get e2e(): E2E {
      if (!started) throw new Error('the e2e server is not started yet (use it inside a test or a hook)')
      return started
    },
    contexts,
  }
}

/** The facilitator's own program on a workshop: the app's store in Node, holding the facilitator's link. */
export function facilitatorProgram(e2e: E2E, created: CreatedWorkshop, userName: string): WorkshopStore {
  return new WorkshopStore({
    workshopId: created.id,
    serverUrl: e2e.baseUrl.replace(/^http/, 'ws') + SYNC_PATH,
    userName,
    token: created.token,
    persistLocally: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
}
