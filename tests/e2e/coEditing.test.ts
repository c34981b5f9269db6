import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createWorkshop, newPerson, openWorkshop, phone, startE2E, type E2E, workshopUrl } from './harness'

// Two people in real Chromium co-edit one workshop through the real server: create, edit, move,
// delete, see each other's cursor; one goes offline, edits, and the other sees it after reconnect.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

type NoteView = { id: string; text: string; x: number; y: number; color: string }

function notes(page: Page): Promise<NoteView[]> {
  return page.evaluate(() => window.__samskapCanvas?.getNotes() ?? [])
}

async function waitForNotes(page: Page, predicate: (notes: NoteView[]) => boolean, what: string): Promise<NoteView[]> {
  const deadline = Date.now() + 15_000
  let last: NoteView[] = []
  while (Date.now() < deadline) {
    last = await notes(page)
    if (predicate(last)) return last
    await page.waitForTimeout(50)
  }
  throw new Error(`timed out waiting for ${what}; notes were ${JSON.stringify(last)}`)
}

async function noteCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  const rect = await page.evaluate((noteId) => window.__samskapCanvas?.noteScreenRect(noteId) ?? null, id)
  if (!rect) throw new Error(`note ${id} is not on screen`)
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
}

describe('two people co-edit a workshop', () => {
  it('creating a workshop from the home page opens it with a first board', async () => {
    const { context, page } = await newPerson(e2e, 'Kari')
    await page.goto(e2e.baseUrl)
    await page.getByRole('textbox', { name: 'Hva skal workshopen hete?' }).fill('Nærmiljøet vårt 2030')
    await page.getByRole('button', { name: 'Opprett workshop' }).click()
    await page.waitForURL(/\/w\/[A-Za-z0-9_-]{16,}/)
    await expectVisible(page.getByRole('tab', { name: 'Tavle 1' }))
    await expectVisible(page.getByText('Nærmiljøet vårt 2030').first())
    await context.close()
  })

  it('create, edit, move and delete are seen by the other person, with cursors', async () => {
    const id = await createWorkshop(e2e, 'Samarbeid')
    const kari = await newPerson(e2e, 'Kari')
    const ola = await newPerson(e2e, 'Ola')
    const url = workshopUrl(e2e, id)
    await openWorkshop(kari.page, url, { board: true })
    await openWorkshop(ola.page, url, { board: true })

    // Create: the N key puts a note in the middle of Kari's view and opens its text box.
    await kari.page.getByTestId('board-canvas').click({ position: { x: 50, y: 50 } })
    await kari.page.keyboard.press('n')
    await kari.page.keyboard.type('Flere benker langs elva')
    await kari.page.keyboard.press('Escape')
    const [created] = await waitForNotes(ola.page, (n) => n.length === 1 && n[0]!.text === 'Flere benker langs elva', 'Kari’s note at Ola')
    expect(created).toBeDefined()

    // Edit in place: double-click the note, replace the text.
    const centre = await noteCentre(kari.page, created!.id)
    await kari.page.mouse.dblclick(centre.x, centre.y)
    await kari.page.keyboard.press('ControlOrMeta+A')
    await kari.page.keyboard.type('Benker og lys langs elva')
    await kari.page.keyboard.press('Escape')
    await waitForNotes(ola.page, (n) => n[0]?.text === 'Benker og lys langs elva', 'the edited text at Ola')

    // Move: Ola drags the note 200 px right; Kari sees the new position.
    const before = (await notes(ola.page))[0]!
    const from = await noteCentre(ola.page, created!.id)
    await ola.page.mouse.move(from.x, from.y)
    await ola.page.mouse.down()
    await ola.page.mouse.move(from.x + 100, from.y + 40, { steps: 5 })
    await ola.page.mouse.move(from.x + 200, from.y + 80, { steps: 5 })
    await ola.page.mouse.up()
    const scale = (await ola.page.evaluate(() => window.__samskapCanvas!.getCamera())).scale
    const moved = await waitForNotes(kari.page, (n) => n[0] !== undefined && n[0].x !== before.x, 'the move at Kari')
    expect(moved[0]!.x - before.x).toBeCloseTo(200 / scale, 0)
    expect(moved[0]!.y - before.y).toBeCloseTo(80 / scale, 0)

    // Cursor: Ola hovers over the canvas; Kari's presence shows Ola's cursor on this board.
    await ola.page.mouse.move(300, 400)
    await ola.page.mouse.move(320, 420)
    await kari.page.waitForFunction(() => window.__samskapCanvas?.getPeerCursors().some((c) => c.name === 'Ola'))
    await kari.page.waitForFunction(() => document.querySelector('[data-testid="people-button"]')?.textContent?.includes('2'))
    await kari.page.getByTestId('people-button').click()
    await expectVisible(kari.page.getByRole('list', { name: 'Folk her' }).getByText('Ola'))
    await kari.page.screenshot({ path: 'test-results/e2e-kari-sees-ola.png' })

    // Delete: Kari selects the note and presses Delete; it disappears for Ola.
    await kari.page.keyboard.press('Escape')
    const target = await noteCentre(kari.page, created!.id)
    await kari.page.mouse.click(target.x, target.y)
    await kari.page.keyboard.press('Delete')
    await waitForNotes(ola.page, (n) => n.length === 0, 'the delete at Ola')

    // Undo brings back only Kari's own change.
    await kari.page.keyboard.press('ControlOrMeta+Z')
    await waitForNotes(ola.page, (n) => n.length === 1, 'the undone delete at Ola')

    await kari.context.close()
    await ola.context.close()
  })

  it('edits made offline reach the other person after reconnecting', async () => {
    const id = await createWorkshop(e2e, 'Studietur')
    const kari = await newPerson(e2e, 'Kari', phone)
    const ola = await newPerson(e2e, 'Ola')
    const url = workshopUrl(e2e, id)
    await openWorkshop(kari.page, url, { board: true })
    await openWorkshop(ola.page, url, { board: true })

    await kari.context.setOffline(true)
    const status = kari.page.getByTestId('connection-status')
    await status.filter({ hasText: /Frakoblet/ }).waitFor()

    // The toolbar button creates a note in the middle of the view; type and close.
    await kari.page.getByRole('button', { name: /Ny lapp/ }).click()
    await kari.page.keyboard.type('Skrevet uten nett')
    await kari.page.keyboard.press('Escape')
    await status.filter({ hasText: /ikke sendt/ }).waitFor()
    expect(await status.textContent()).toMatch(/[1-9]\d* endring/)
    await kari.page.screenshot({ path: 'test-results/e2e-offline-phone.png' })

    // While Kari is offline, Ola sees nothing of it.
    await ola.page.waitForTimeout(500)
    expect(await notes(ola.page)).toEqual([])

    await kari.context.setOffline(false)
    await status.filter({ hasText: /Tilkoblet/ }).waitFor({ timeout: 20_000 })
    await waitForNotes(ola.page, (n) => n.some((note) => note.text === 'Skrevet uten nett'), 'the offline note at Ola')

    // And it survives a reload from the server for a third, fresh person.
    const per = await newPerson(e2e, 'Per')
    await openWorkshop(per.page, url, { board: true })
    await waitForNotes(per.page, (n) => n.some((note) => note.text === 'Skrevet uten nett'), 'the note for a newcomer')

    await per.context.close()
    await kari.context.close()
    await ola.context.close()
  })
})

async function expectVisible(locator: ReturnType<Page['getByText']>): Promise<void> {
  await locator.waitFor({ state: 'visible' })
  expect(await locator.isVisible()).toBe(true)
}
