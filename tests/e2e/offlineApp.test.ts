import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testPng } from '../testPng'
import { createWorkshop, desktop, newPerson, phone, startE2E, waitFor, type E2E, waitForOfflineApp, workshopUrl } from './harness'

// A politician on a study trip: the app was opened once with network; then the network is gone.
// The service worker serves the app shell, the workshop opens from this device's copy, a note and a
// photo are added with quick capture, and after the network returns a colleague sees both. The
// colleague then keeps the workshop available offline and still sees the photo with no network.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const items = (page: Page) => page.evaluate(() => window.__samskapCanvas?.getItems() ?? [])

/** Resolves once the service worker is installed and controls the page (clientsClaim). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), Boolean, 'the service worker to control the page')
  // The precache holds the phone's route only; the rest of the app is cached by this page.
  await waitForOfflineApp(page)
}

/** A small RGB PNG, 96x64, so prepareImage keeps it as PNG at that size. */
function pngBuffer(w: number, h: number): Buffer {
  return testPng(w, h, (x, y) => [200, (y * 255) / h, (x * 255) / w])
}

describe('installable offline app', () => {
  it('serves the manifest and a service worker that is always revalidated', async () => {
    const manifest = await fetch(`${e2e.baseUrl}/manifest.webmanifest`)
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json')
    const body = (await manifest.json()) as { name: string; lang: string; start_url: string; display: string; icons: { sizes: string; purpose?: string }[] }
    expect(body).toMatchObject({ name: 'Samskap', lang: 'nb', start_url: '/', display: 'standalone' })
    expect(body.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable'])
    for (const icon of ['/icons/icon-192.png', '/icons/icon-512.png', '/icons/maskable-512.png']) {
      const response = await fetch(`${e2e.baseUrl}${icon}`)
      expect(response.headers.get('content-type'), icon).toBe('image/png')
    }
    const sw = await fetch(`${e2e.baseUrl}/sw.js`)
    expect(sw.status).toBe(200)
    expect(sw.headers.get('cache-control')).toBe('no-cache')
  })

  it('opens with no network, captures a note and a photo, and a colleague gets both when the network returns', async () => {
    const id = await createWorkshop(e2e, 'Studietur til Aarhus')
    const a = await newPerson(e2e, 'Ada', phone)
    const url = workshopUrl(e2e, id)

    // Online once: the workshop syncs into IndexedDB and the service worker precaches the shell.
    await a.page.goto(url)
    await a.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await a.page.getByTestId('board-canvas').waitFor()
    await waitForServiceWorker(a.page)

    // No network at all, also for the service worker: the shell must come from its cache.
    await a.context.setOffline(true)
    await a.page.reload()
    await a.page.getByTestId('connection-status').filter({ hasText: 'Frakoblet' }).waitFor()
    await a.page.getByTestId('board-canvas').waitFor()
    expect(await a.page.locator('.topbar__title').textContent()).toBe('Studietur til Aarhus')

    // Quick capture, opened by address while offline (navigation fallback for /w/<id>/capture).
    await a.page.goto(workshopUrl(e2e, id, '/capture'))
    await a.page.getByRole('heading', { name: 'Studietur til Aarhus' }).waitFor()
    await a.page.getByLabel('Sted (valgfritt)').fill('Dokk1, Aarhus')
    await a.page.getByRole('button', { name: 'Notat' }).click()
    await a.page.getByTestId('capture-text').fill('Biblioteket er et møtested for hele byen')
    await a.page.getByRole('button', { name: 'Legg til', exact: true }).click()
    await a.page.getByTestId('capture-notice').filter({ hasText: 'Notatet er lagt på «Tavle 1».' }).waitFor()

    await a.page.getByTestId('capture-file').setInputFiles({ name: 'dokk1.png', mimeType: 'image/png', buffer: pngBuffer(96, 64) })
    await a.page.getByTestId('capture-notice').filter({ hasText: 'Bildet er lagt på «Tavle 1».' }).waitFor()
    // What is waiting is visible: the document changes and the photo.
    await a.page.getByTestId('capture-waiting').filter({ hasText: '1 bilde venter på nett' }).waitFor()
    await expect(a.page.getByTestId('connection-status').textContent()).resolves.toMatch(/Frakoblet – \d+ endring(er)? ikke sendt/)

    // Still offline: the board shows both, laid out side by side in the capture grid.
    await a.page.getByRole('link', { name: 'Til workshopen' }).click()
    await a.page.getByTestId('board-canvas').waitFor()
    const offlineItems = await waitFor(() => items(a.page), (list) => list.length === 2, 'the note and the photo on A’s board')
    const note = offlineItems.find((i) => i.kind === 'note')!
    const photo = offlineItems.find((i) => i.kind === 'image')!
    expect(note).toMatchObject({ x: 0, y: 0, w: 240, h: 240 })
    // A small photo keeps its size (only larger ones are scaled down to the 320 px cell).
    expect(photo).toMatchObject({ x: 352, y: 0, w: 96, h: 64 })

    // The network returns: the changes and the photo are sent without anyone doing anything.
    await a.context.setOffline(false)
    await a.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor({ timeout: 30_000 })
    const hash = ((await a.page.evaluate((pid) => window.__samskapCanvas?.getItem(pid), photo.id)) as { hash: string }).hash
    await waitFor(async () => (await fetch(`${e2e.baseUrl}/api/images/${hash}`)).status, (s) => s === 200, 'the photo on the server', 30_000)

    const b = await newPerson(e2e, 'Bo', desktop)
    await b.page.goto(url)
    await b.page.getByTestId('board-canvas').waitFor()
    await waitFor(() => items(b.page), (list) => list.length === 2, 'both items at B', 30_000)
    const notes = await b.page.evaluate(() => window.__samskapCanvas?.getNotes() ?? [])
    expect(notes.map((n) => n.text)).toEqual(['Biblioteket er et møtested for hele byen\nSted: Dokk1, Aarhus'])
    expect(await b.page.evaluate((pid) => window.__samskapCanvas?.getItem(pid), photo.id)).toMatchObject({ kind: 'image', hash, alt: 'Foto fra Dokk1, Aarhus' })
    await waitFor(() => b.page.evaluate((pid) => window.__samskapCanvas?.getImageSource(pid) ?? null, photo.id), (s) => s === 'server', 'B drawing the photo from the server', 30_000)

    // B keeps the workshop available offline: every photo goes into the cache the service worker serves.
    await waitForServiceWorker(b.page)
    await b.page.getByTestId('offline-menu').click()
    await b.page.getByTestId('keep-offline').check()
    await b.page.getByTestId('keep-offline-status').filter({ hasText: 'Klar for bruk uten nett – 1 bilde lagret.' }).waitFor()
    const cached = await b.page.evaluate(async () => (await (await caches.open('samskap-images')).keys()).map((r) => new URL(r.url).pathname))
    expect(cached).toEqual([`/api/images/${hash}`])

    // B's home page marks it, and with no network B still opens it and sees the photo.
    await b.page.goto(e2e.baseUrl)
    await b.page.locator('.recent-item').filter({ hasText: 'Studietur til Aarhus' }).getByTestId('kept-badge').waitFor()
    await b.context.setOffline(true)
    await b.page.reload()
    await b.page.getByTestId('offline-notice').waitFor()
    await b.page.getByRole('link', { name: /Studietur til Aarhus/ }).click()
    await b.page.getByTestId('board-canvas').waitFor()
    await waitFor(() => b.page.evaluate((pid) => window.__samskapCanvas?.getImageSource(pid) ?? null, photo.id), (s) => s === 'server', 'B drawing the cached photo offline')

    await a.context.close()
    await b.context.close()
  }, 120_000)

  it('tags captures with the device position only after "Bruk posisjonen min" is tapped', async () => {
    const id = await createWorkshop(e2e, 'Befaring')
    const a = await newPerson(e2e, 'Ada', { ...phone, geolocation: { latitude: 56.15364, longitude: 10.21431 } })
    await a.page.goto(workshopUrl(e2e, id, '/capture'))
    await a.page.getByRole('button', { name: 'Notat' }).waitFor()
    const place = a.page.getByLabel('Sted (valgfritt)')
    expect(await place.inputValue()).toBe('')
    // Not granted yet: the browser refuses, the person is told to type the place, nothing else changes.
    await a.page.getByRole('button', { name: 'Bruk posisjonen min' }).click()
    await a.page.getByTestId('capture-notice').filter({ hasText: 'Skriv inn stedet i stedet.' }).waitFor()
    expect(await place.inputValue()).toBe('')
    await a.context.grantPermissions(['geolocation'])
    await a.page.getByRole('button', { name: 'Bruk posisjonen min' }).click()
    await expect.poll(() => place.inputValue()).toBe('56.1536° N, 10.2143° Ø')
    await a.context.close()
  })
})
