import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SYNC_PATH } from '../../shared/protocol'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { createWorkshopWithAccess, startE2E, waitFor, type E2E } from './harness'

// A resident opens the phone page again (warm: the app from the service worker, the workshop from
// the copy in IndexedDB) and starts typing at once. The copy is read only once the page is painted
// and the typing pauses (client/src/store/whenPageIsIdle.ts), and applied without the whole
// update being encoded again (withoutUpdateEvents.ts). What was typed meanwhile must become exactly
// one note, through an outage too, and what is still being typed must stay in the box.

const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: 'nb-NO' }

let e2e: E2E
let context: BrowserContext | undefined
let facilitator: WorkshopStore | undefined
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  facilitator?.destroy()
  await context?.close()
  await e2e?.close()
})

const noteTexts = (store: WorkshopStore, boardId: string) =>
  store
    .getItemsOfKind(boardId, 'note')
    .map((n) => n.text)
    .sort()

const connection = (page: Page) => page.getByTestId('connection-status')

describe('the phone page opened again, before its stored copy is read', () => {
  it('keeps a note typed at once, sends it exactly once after an outage, and keeps the half-typed text', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Andre gang')
    facilitator = new WorkshopStore({
      workshopId: created.id,
      serverUrl: e2e.baseUrl.replace(/^http/, 'ws') + SYNC_PATH,
      userName: 'Fasilitator',
      token: created.token,
      persistLocally: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    const store = facilitator
    await waitFor(async () => store.getConnection().status, (s) => s === 'connected', 'the facilitator connected')
    const boardId = store.getBoards()[0]!.id
    for (let i = 0; i < 40; i++) store.createNote(boardId, { text: `Tidligere notat ${i}` })

    context = await e2e.browser.newContext(phone)
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error('[phone] page error:', error.message))
    await page.goto(`${e2e.baseUrl}/join/${created.code}`)
    await page.waitForURL(`${e2e.baseUrl}/w/${created.id}/phone`)
    await connection(page).filter({ hasText: 'Tilkoblet' }).waitFor()
    await page.getByText('Tidligere notat 39').waitFor()
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    // y-indexeddb writes what arrived in the background; the copy is there once a fresh read has the notes.
    await waitFor(
      () =>
        page.evaluate(
          (name) =>
            new Promise<number>((resolve) => {
              const open = indexedDB.open(name)
              open.onsuccess = () => {
                const db = open.result
                const count = db.transaction('updates').objectStore('updates').count()
                count.onsuccess = () => (db.close(), resolve(count.result))
                count.onerror = () => (db.close(), resolve(0))
              }
              open.onerror = () => resolve(0)
            }),
          `samskap:${created.id}`,
        ),
      (n) => n > 0,
      'the copy in IndexedDB',
    )

    // Again, with the sync socket held (open, nothing answers): the page has only its copy.
    let hold = true
    const held: { close(): Promise<void> }[] = []
    await page.routeWebSocket(/\/sync/, (socket) => {
      if (hold) held.push(socket)
      else socket.connectToServer()
    })
    await page.reload({ waitUntil: 'commit' })
    const box = page.getByLabel('Skriv et notat')
    await box.fill('Skrevet med en gang')
    await page.getByRole('button', { name: 'Legg til' }).click()
    await page.getByTestId('phone-note-status').filter({ hasText: 'Notatet er lagret på telefonen' }).waitFor()
    await box.fill('Halvskrevet')
    // The copy is read once the typing pauses: the question and the notes come from it, unsynced.
    await page.getByTestId('phone-question').waitFor()
    await page.getByText('Tidligere notat 39').waitFor()
    expect(await connection(page).textContent()).not.toContain('Tilkoblet')
    await page.screenshot({ path: '/tmp/phone/before-copy-warm-390.png' })

    // The network goes before the socket is let through, and comes back.
    await context.setOffline(true)
    hold = false
    for (const socket of held) await socket.close()
    await connection(page).filter({ hasText: 'Frakoblet' }).waitFor()
    await context.setOffline(false)
    await connection(page).filter({ hasText: 'Tilkoblet' }).waitFor()
    await waitFor(async () => noteTexts(store, boardId).filter((t) => t === 'Skrevet med en gang').length, (n) => n === 1, 'the note at the facilitator')
    await waitFor(() => page.getByTestId('phone-own-note').count(), (n) => n === 0, 'the waiting list empty')
    // Exactly one: the 40 earlier notes and this one, nothing twice, the half-typed text not sent.
    expect(noteTexts(store, boardId)).toEqual([...Array.from({ length: 40 }, (_, i) => `Tidligere notat ${i}`), 'Skrevet med en gang'].sort())
    expect(await box.inputValue()).toBe('Halvskrevet')
  })
})
