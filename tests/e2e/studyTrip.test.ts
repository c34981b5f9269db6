import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testPng } from '../testPng'
import { createWorkshopWithAccess, phone, startE2E, waitFor, waitForOfflineApp, type E2E } from './harness'

// A study trip: the facilitator hands out a link and QR code that open quick capture; a politician
// opens it on a phone, loses the network, captures a note and a photo, and the capture page lists
// both as waiting, also after a reload, until the network returns and they are sent.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), Boolean, 'the service worker to control the page')
  // The precache holds the phone's route only; the rest of the app is cached by this page.
  await waitForOfflineApp(page)
}

const entryStates = (page: Page) =>
  page.getByTestId('capture-entry').evaluateAll((rows) => rows.map((r) => [r.querySelector('.capture-log__what')?.textContent ?? '', r.getAttribute('data-waiting')]))

describe('the study-trip link', () => {
  it('opens quick capture, which lists what was captured and what waits for the network', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Studietur til Bodø')

    // The facilitator finds the link and its QR code under "Del".
    const facilitator = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO' })
    await facilitator.addInitScript(() => localStorage.setItem('samskap.name', 'Frida'))
    const desk = await facilitator.newPage()
    await desk.goto(created.links.facilitator)
    await desk.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await desk.getByRole('button', { name: 'Del' }).click()
    const studyTrip = desk.getByTestId('study-trip')
    await studyTrip.getByTestId('study-trip-qr').waitFor()
    const link = await studyTrip.getByLabel('Lenke til hurtigregistrering').inputValue()
    expect(new URL(link).pathname).toBe(`/w/${created.id}/capture`)
    expect(new URL(link).searchParams.get('token')).toBe(new URL(created.links.participant).searchParams.get('token'))
    expect(await studyTrip.getByTestId('study-trip-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
    await desk.screenshot({ path: 'test-results/study-trip-share.png' })
    await facilitator.close()

    // A politician's phone opens it: quick capture, not the board.
    const context = await e2e.browser.newContext({ ...phone, locale: 'nb-NO' })
    const page = await context.newPage()
    await page.goto(link)
    await page.getByRole('heading', { name: 'Studietur til Bodø' }).waitFor()
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    expect(new URL(page.url()).pathname).toBe(`/w/${created.id}/capture`)
    await waitForServiceWorker(page)

    // No network: a note and a photo.
    await context.setOffline(true)
    await page.reload()
    await page.getByTestId('connection-status').filter({ hasText: 'Frakoblet' }).waitFor()
    await page.getByLabel('Sted (valgfritt)').fill('Stormen bibliotek')
    await page.getByRole('button', { name: 'Notat' }).click()
    await page.getByTestId('capture-text').fill('Åpent til 22 hver dag – folk møtes her')
    await page.getByRole('button', { name: 'Legg til', exact: true }).click()
    await page.getByTestId('capture-file').setInputFiles({ name: 'stormen.png', mimeType: 'image/png', buffer: testPng(96, 64, (x, y) => [40, (y * 255) / 64, (x * 255) / 96]) })
    await page.getByTestId('capture-notice').filter({ hasText: 'Bildet er lagt på «Tavle 1».' }).waitFor()

    const waiting = [
      ['Foto fra Stormen bibliotek', 'true'],
      ['Åpent til 22 hver dag – folk møtes her', 'true'],
    ]
    await expect.poll(() => entryStates(page)).toEqual(waiting)
    expect(await page.getByTestId('capture-log-summary').textContent()).toBe('2 registrert · 2 venter på nett')
    await page.screenshot({ path: 'test-results/study-trip-capture-offline.png', fullPage: true })

    // Still there after a reload without network: the list is kept on the phone.
    await page.reload()
    await page.getByTestId('connection-status').filter({ hasText: 'Frakoblet' }).waitFor()
    await expect.poll(() => entryStates(page)).toEqual(waiting)

    // The network returns: both are sent, the photo's bytes too.
    await context.setOffline(false)
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor({ timeout: 30_000 })
    await expect
      .poll(() => entryStates(page), { timeout: 30_000 })
      .toEqual(waiting.map(([what]) => [what, 'false']))
    expect(await page.getByTestId('capture-log-summary').textContent()).toBe('2 registrert · alt er sendt')
    await page.screenshot({ path: 'test-results/study-trip-capture-sent.png', fullPage: true })
    await context.close()
  }, 120_000)
})
