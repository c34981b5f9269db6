import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SYNC_PATH } from '../../shared/protocol'
import type { CreatedWorkshop } from '../../shared/access'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { audit } from './axeAudit'
import { createWorkshopWithAccess, e2eForFile, waitFor } from './harness'

// The phone page's note box is in the HTML (phone.html, client/src/phone/phoneShell.ts): a resident
// on a slow phone types before the app's scripts have arrived. The scripts are held back here (route
// interception) to be sure of it; released, React takes over the text, the caret and the focus
// (staticNoteBox.ts), and a note becomes exactly one note at the facilitator's, "add" tapped early too.

const SHOTS = '/tmp/phone-shell'
const files = e2eForFile(SHOTS)
const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }

/** The facilitator, as a program: the same store their page uses. */
async function facilitatorFor(created: CreatedWorkshop): Promise<WorkshopStore> {
  const store = new WorkshopStore({
    workshopId: created.id,
    serverUrl: files.e2e.baseUrl.replace(/^http/, 'ws') + SYNC_PATH,
    userName: 'Fasilitator',
    token: created.token,
    persistLocally: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  await waitFor(async () => store.getConnection().status, (s) => s === 'connected', 'the facilitator connected')
  return store
}

const noteTexts = (store: WorkshopStore, boardId: string) =>
  store
    .getItemsOfKind(boardId, 'note')
    .map((n) => n.text)
    .sort()

/** A resident's phone that has joined (token and name stored), in `locale`; `language` as if chosen in the switch. */
async function residentPhone(created: CreatedWorkshop, locale: string, language?: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const joined = (await (
    await fetch(`${files.e2e.baseUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: created.code }) })
  ).json()) as { token: string; participantId: string }
  const context = await files.e2e.browser.newContext({ ...phone, locale })
  files.contexts.push(context)
  await context.addInitScript(
    ([id, token, participantId, chosen]) => {
      localStorage.setItem('samskap.access', JSON.stringify([{ workshopId: id, token, role: 'participant', participantId }]))
      localStorage.setItem('samskap.name', 'Kari')
      if (chosen) localStorage.setItem('samskap.language', chosen)
    },
    [created.id, joined.token, joined.participantId, language ?? ''],
  )
  const page = await context.newPage()
  // A refused inline script (the policy's hash) or a page error is a failure, not noise.
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  return { context, page, problems }
}

/** Holds every script of the app until `release` is called. */
async function holdScripts(page: Page): Promise<{ release(): void; held(): number }> {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  let held = 0
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    held++
    await released
    await route.continue()
  })
  return { release, held: () => held }
}

const shell = (page: Page) => page.locator('#phone-shell')
const reactBox = (page: Page) => page.getByTestId('phone-note-text')

describe('the note box in the phone page’s HTML', () => {
  it('takes text before the scripts run; React keeps the text, the caret and the focus, and the note arrives once', async () => {
    const created = await createWorkshopWithAccess(files.e2e, 'Før skriptene')
    const facilitator = await facilitatorFor(created)
    const boardId = facilitator.getBoards()[0]!.id
    const { page, problems } = await residentPhone(created, 'nb-NO')
    const scripts = await holdScripts(page)
    await page.goto(`${files.e2e.baseUrl}/w/${created.id}/phone`, { waitUntil: 'commit' })

    const box = page.getByLabel('Skriv et notat')
    await box.fill('Benker ved lekeplassen')
    // The caret after "Benker ", as if the resident had tapped there.
    await box.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(7, 7))
    expect(scripts.held(), 'the app’s scripts are still held').toBeGreaterThan(0)
    expect(await page.getByTestId('connection-status').count(), 'no React page yet').toBe(0)
    expect(await page.getByRole('button', { name: 'Legg til' }).isEnabled()).toBe(true)
    expect(await audit(page, 'shell')).toEqual([])
    await page.screenshot({ path: `${SHOTS}/shell-390.png` })
    const before = { box: await box.boundingBox(), add: await page.getByRole('button', { name: 'Legg til' }).boundingBox() }

    scripts.release()
    await shell(page).waitFor({ state: 'detached' })
    // Nothing moved: React's box and button stand where the HTML's did.
    expect({ box: await reactBox(page).boundingBox(), add: await page.getByRole('button', { name: 'Legg til' }).boundingBox() }).toEqual(before)
    // The same text, caret and focus in React's box, without a keystroke between.
    expect(await reactBox(page).inputValue()).toBe('Benker ved lekeplassen')
    expect(await reactBox(page).evaluate((element: HTMLTextAreaElement) => [document.activeElement === element, element.selectionStart, element.selectionEnd])).toEqual([
      true,
      7,
      7,
    ])
    await page.screenshot({ path: `${SHOTS}/adopted-390.png` })
    await page.keyboard.type('gode ')
    expect(await reactBox(page).inputValue()).toBe('Benker gode ved lekeplassen')

    await page.getByRole('button', { name: 'Legg til' }).click()
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await waitFor(async () => noteTexts(facilitator, boardId), (texts) => texts.length > 0, 'the note at the facilitator')
    expect(noteTexts(facilitator, boardId)).toEqual(['Benker gode ved lekeplassen'])
    expect(await reactBox(page).inputValue()).toBe('')
    await page.screenshot({ path: `${SHOTS}/synced-390.png` })
    expect(await audit(page, 'synced')).toEqual([])
    expect(problems).toEqual([])
    facilitator.destroy()
  })

  it('keeps an "add" tapped before the app is there, shows it sending, and sends the note exactly once', async () => {
    const created = await createWorkshopWithAccess(files.e2e, 'Tidlig trykk')
    const facilitator = await facilitatorFor(created)
    const boardId = facilitator.getBoards()[0]!.id
    const { page, problems } = await residentPhone(created, 'nb-NO')
    const scripts = await holdScripts(page)
    await page.goto(`${files.e2e.baseUrl}/w/${created.id}/phone`, { waitUntil: 'commit' })

    const box = page.getByLabel('Skriv et notat')
    // Disabled by the box's script, which runs right after the markup is parsed: nothing to add yet.
    await expect.poll(() => page.getByRole('button', { name: 'Legg til' }).isDisabled()).toBe(true)
    await box.fill('Mer lys i parken')
    await page.getByRole('button', { name: 'Legg til' }).click()
    // Still the HTML's page: the button says it is sending and the text can no longer change under it.
    await page.getByRole('button', { name: 'Sender …' }).waitFor()
    expect(await page.getByRole('button', { name: 'Sender …' }).isDisabled()).toBe(true)
    expect(await box.evaluate((element: HTMLTextAreaElement) => element.readOnly)).toBe(true)
    // A second tap while waiting sends nothing more.
    await page.getByRole('button', { name: 'Sender …' }).click({ force: true })
    expect(await shell(page).count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/shell-sending-390.png` })

    scripts.release()
    await shell(page).waitFor({ state: 'detached' })
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await waitFor(async () => noteTexts(facilitator, boardId), (texts) => texts.length > 0, 'the early note at the facilitator')
    await waitFor(() => page.getByTestId('phone-own-note').count(), (n) => n === 0, 'nothing left waiting on the phone')
    expect(noteTexts(facilitator, boardId)).toEqual(['Mer lys i parken'])
    expect(await reactBox(page).inputValue()).toBe('')
    expect(problems).toEqual([])
    facilitator.destroy()
  })

  it('is in the resident’s language before the scripts run: the browser’s, or the one they chose', async () => {
    const created = await createWorkshopWithAccess(files.e2e, 'Språk')
    for (const [locale, chosen, label, lang] of [
      ['en-GB', undefined, 'Write a note', 'en'],
      ['en-GB', 'da', 'Skriv en note', 'da'],
      ['nn-NO', undefined, 'Skriv eit notat', 'nn'],
      ['de-DE', undefined, 'Skriv et notat', 'nb'],
    ] as const) {
      const { context, page, problems } = await residentPhone(created, locale, chosen)
      const scripts = await holdScripts(page)
      await page.goto(`${files.e2e.baseUrl}/w/${created.id}/phone`, { waitUntil: 'commit' })
      await page.getByLabel(label).fill('Hei')
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
      if (locale === 'en-GB' && !chosen) await page.screenshot({ path: `${SHOTS}/shell-en-390.png` })
      scripts.release()
      await shell(page).waitFor({ state: 'detached' })
      // React's box has the same name, and the text stayed.
      expect(await page.getByLabel(label).inputValue()).toBe('Hei')
      expect(problems).toEqual([])
      await context.close()
    }
  })

  it('opens with the box in the HTML from the service worker too, offline', async () => {
    const created = await createWorkshopWithAccess(files.e2e, 'Varm')
    const { context, page, problems } = await residentPhone(created, 'nb-NO')
    const url = `${files.e2e.baseUrl}/w/${created.id}/phone`
    await page.goto(url)
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    // Registered by the page once it has synced (phone.html has no registration script).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), Boolean, 'the worker controlling the page')

    await context.setOffline(true)
    const response = await page.goto(url, { waitUntil: 'commit' })
    expect(response?.fromServiceWorker()).toBe(true)
    expect(await response?.text()).toContain('id="phone-shell"')
    await page.getByLabel('Skriv et notat').fill('Skrevet uten nett')
    await page.getByTestId('connection-status').waitFor()
    expect(await reactBox(page).inputValue()).toBe('Skrevet uten nett')
    expect(await shell(page).count()).toBe(0)
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|WebSocket/.test(p))).toEqual([])
    await context.setOffline(false)
  })
})
