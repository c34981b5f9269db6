import { mkdirSync } from 'node:fs'
import WebSocket from 'ws'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { SYNC_PATH } from '../../shared/protocol'
import { audit } from './axeAudit'
import { createWorkshopWithAccess, desktop, phone, startE2E, waitFor, type E2E } from './harness'

// The privacy statement in every language (axe at desktop and phone width), the operator's
// settings on it or plainly their absence, the links from the join and phone pages, and a resident
// deleting their notes and nickname from the phone while the facilitator watches.

const SHOTS = '/tmp/privacy'
const wide = { viewport: { width: 1440, height: 900 } }
const settings = { controller: 'Bodø kommune, Kongens gate 1, 8006 Bodø', contact: 'personvernombud@bodo.kommune.no', retentionDays: 180 }

let e2e: E2E
const contexts: BrowserContext[] = []
const stores: WorkshopStore[] = []
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  e2e = await startE2E({ privacy: settings })
})
afterAll(async () => {
  for (const store of stores) store.destroy()
  for (const context of contexts) await context.close()
  await e2e?.close()
})

async function browser(device: object, language?: string): Promise<Page> {
  const context = await e2e.browser.newContext({ ...device, locale: 'nb-NO' })
  contexts.push(context)
  if (language) {
    await context.addInitScript((lng) => {
      try {
        localStorage.setItem('samskap.language', lng)
      } catch {
        // about:blank has no storage
      }
    }, language)
  }
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('[privacy] page error:', error.message))
  return page
}

/** What each language must say (its heading, the retention of 180 days, its complaint authority). */
const expected = {
  nb: { heading: 'Personvernerklæring', retention: '180 dager', authority: 'Datatilsynet' },
  nn: { heading: 'Personvernerklæring', retention: '180 dagar', authority: 'Datatilsynet' },
  da: { heading: 'Privatlivspolitik', retention: '180 dage', authority: 'Datatilsynet' },
  sv: { heading: 'Integritetspolicy', retention: '180 dagar', authority: 'Integritetsskyddsmyndigheten (IMY)' },
  en: { heading: 'Privacy statement', retention: '180 days', authority: 'Datatilsynet' },
} as const

describe('the privacy statement', () => {
  it.each(Object.keys(expected) as (keyof typeof expected)[])('in %s: the settings, the retention and no axe violation at desktop and phone width', async (language) => {
    const want = expected[language]
    for (const [size, device] of [
      ['desktop', wide],
      ['phone', phone],
    ] as const) {
      const page = await browser(device, language)
      await page.goto(`${e2e.baseUrl}/privacy`)
      await page.getByRole('heading', { level: 1, name: want.heading }).waitFor()
      await page.getByTestId('privacy-retention').filter({ hasText: want.retention }).waitFor()
      expect(await page.locator('html').getAttribute('lang')).toBe(language)
      expect(await page.getByTestId('privacy-controller').textContent()).toContain(settings.controller)
      expect(await page.getByRole('link', { name: settings.contact }).getAttribute('href')).toBe(`mailto:${settings.contact}`)
      expect(await page.getByRole('link', { name: want.authority, exact: true }).count()).toBe(1)
      expect(await audit(page, `privacy ${language} ${size}`)).toEqual([])
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0)
      if (language === 'nb' || language === 'sv') await page.screenshot({ path: `${SHOTS}/privacy-${language}-${size}.png`, fullPage: true })
      await page.context().close()
    }
  })

  it('says plainly when the operator has named no one, and when the settings cannot be fetched', async () => {
    const page = await browser(desktop, 'nb')
    await page.route('**/api/privacy', (route) => route.fulfill({ json: { controller: '', contact: '', retentionDays: 365 } }))
    await page.goto(`${e2e.baseUrl}/privacy`)
    await page.getByTestId('privacy-retention').filter({ hasText: '365 dager' }).waitFor()
    expect(await page.getByTestId('privacy-controller').textContent()).toMatch(/har ikke fylt inn navnet sitt/)
    expect(await page.getByTestId('privacy-contact').textContent()).toMatch(/ikke oppgitt noen kontakt/)

    await page.unroute('**/api/privacy')
    await page.route('**/api/privacy', (route) => route.abort())
    await page.reload()
    await page.getByRole('status').filter({ hasText: 'Fikk ikke hentet kommunens opplysninger' }).waitFor()
    expect(await page.getByTestId('privacy-retention').textContent()).toMatch(/fikk vi ikke hentet/)
    expect(await audit(page, 'privacy without settings')).toEqual([])
  })

  it('is linked from the join page', async () => {
    const page = await browser(phone)
    await page.goto(`${e2e.baseUrl}/join`)
    await page.getByRole('link', { name: 'Personvern' }).click()
    await page.getByRole('heading', { level: 1, name: 'Personvernerklæring' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/privacy')
  })
})

describe('a resident deletes their notes and nickname', () => {
  it('from the phone page, after confirming: their notes leave the board and their name leaves the people list; others’ stay', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Torget vårt')
    // The facilitator, as a program with the app's own store, watching the board and who is here.
    const facilitator = new WorkshopStore({
      workshopId: created.id,
      serverUrl: e2e.baseUrl.replace(/^http/, 'ws') + SYNC_PATH,
      userName: 'Fasilitator',
      token: created.token,
      persistLocally: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    stores.push(facilitator)
    await waitFor(async () => facilitator.getConnection().status, (s) => s === 'connected', 'the facilitator connected')
    const boardId = facilitator.getBoards()[0]!.id
    const notes = () => facilitator.getItemsOfKind(boardId, 'note').map((n) => n.text).sort()
    const names = () => facilitator.getPeers().map((p) => p.name).sort()

    const residents: Page[] = []
    for (const [name, ideas] of [
      ['Amina', ['Flere benker', 'Lys langs elva']],
      ['Ola', ['Badeplass']],
    ] as const) {
      const page = await browser(phone)
      await page.goto(`${e2e.baseUrl}/join/${created.code}`)
      // The code in the address joins at once; the nickname is set from the phone page.
      await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
      await page.getByRole('button', { name: 'Endre navn' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Navn').fill(name)
      await dialog.getByRole('button', { name: 'Lagre' }).click()
      for (const idea of ideas) {
        await page.getByLabel('Skriv et notat').fill(idea)
        await page.getByRole('button', { name: 'Legg til' }).click()
        await page.getByTestId('phone-board-note').filter({ hasText: idea }).waitFor()
      }
      residents.push(page)
    }
    const [amina, ola] = residents as [Page, Page]
    await expect.poll(notes).toEqual(['Badeplass', 'Flere benker', 'Lys langs elva'])
    await expect.poll(names).toEqual(['Amina', 'Ola'])
    await amina.getByRole('link', { name: 'Personvern' }).waitFor()

    // Asked first; keeping them changes nothing.
    await amina.getByTestId('phone-erase').click()
    const confirm = amina.getByRole('alertdialog', { name: 'Slette notatene og kallenavnet ditt?' })
    await confirm.waitFor()
    await amina.screenshot({ path: `${SHOTS}/phone-erase-confirm.png` })
    expect(await audit(amina, 'erase confirmation')).toEqual([])
    await confirm.getByRole('button', { name: 'Behold' }).click()
    await confirm.waitFor({ state: 'detached' })
    expect(notes()).toEqual(['Badeplass', 'Flere benker', 'Lys langs elva'])

    await amina.getByTestId('phone-erase').click()
    await confirm.getByRole('button', { name: 'Slett', exact: true }).click()
    await amina.getByTestId('phone-erase-done').filter({ hasText: '2 notater er slettet' }).waitFor()
    await amina.screenshot({ path: `${SHOTS}/phone-erase-done.png`, fullPage: true })

    // Gone from the board everywhere, Ola's note stays; the name is gone from the people list and the phone.
    await expect.poll(notes).toEqual(['Badeplass'])
    await waitFor(() => ola.getByTestId('phone-board-note').allTextContents(), (texts) => texts.length === 1 && texts[0]!.includes('Badeplass'), 'Ola sees only his note')
    await expect.poll(names).not.toContain('Amina')
    expect(names()).toContain('Ola')
    expect(names().some((name) => /^Gjest \d+$/.test(name))).toBe(true)
    expect(await amina.evaluate(() => localStorage.getItem('samskap.name'))).toBeNull()
    expect(await amina.getByText(/Du skriver som «Gjest \d+»/).count()).toBe(1)
  })
})
