import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createWorkshopWithAccess, newPerson, openWorkshop, phone, waitFor, workshopUrl, e2eForFile } from './harness'
import { obscuredFocus, undersizedTargets } from './targetAudit'

// WCAG 2.2 AA on each main view, measured: every target at least 24×24 CSS px or spaced so
// (2.5.8), and no focused element hidden under a sticky header, toolbar, panel or toast (2.4.11).
// The board (a note selected, so its toolbar shows), the facilitation panel, the presentation on a
// projector, the phone page and the full board on a phone.

const SHOTS = '/tmp/targets'
const desktop = { viewport: { width: 1440, height: 900 } }
const projector = { viewport: { width: 1920, height: 1080 } }

const files = e2eForFile(SHOTS)
const contexts = files.contexts

async function pageIn(options: object, name = 'Kari'): Promise<Page> {
  const { context, page } = await newPerson(files.e2e, name, options)
  contexts.push(context)
  return page
}

async function check(page: Page, view: string): Promise<string[]> {
  await page.screenshot({ path: `${SHOTS}/${view.replace(/\W+/g, '-')}.png` })
  return [...(await undersizedTargets(page, view)), ...(await obscuredFocus(page, view))]
}

async function selectNewNote(page: Page, text: string) {
  await page.getByTestId('board-canvas').click({ position: { x: 40, y: 40 } })
  await page.keyboard.press('n')
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  const [note] = await waitFor(() => page.evaluate(() => window.__samskapCanvas?.getNotes() ?? []), (list) => list.length > 0 && list[0]!.text !== '', 'a note')
  const rect = await page.evaluate((id) => window.__samskapCanvas?.noteScreenRect(id) ?? null, note!.id)
  await page.mouse.click(rect!.x + rect!.w / 2, rect!.y + rect!.h / 2)
  await page.getByRole('toolbar', { name: 'Valgt innhold' }).waitFor()
}

describe('target size and focus on the main views', () => {
  it('board, facilitation panel and presentation on a desktop and a projector', async () => {
    const workshop = await createWorkshopWithAccess(files.e2e, 'Mål og fokus')
    const page = await pageIn(desktop)
    await openWorkshop(page, workshopUrl(files.e2e, workshop.id), { board: true })
    await selectNewNote(page, 'Flere benker ved biblioteket')
    const found = await check(page, 'board 1440')

    await page.keyboard.press('Escape')
    await page.getByTestId('facilitation-button').click()
    await page.getByTestId('facilitation-panel').waitFor()
    found.push(...(await check(page, 'facilitation 1440')))

    // The projector window: a second window of the facilitator's browser (the token is kept there).
    const screen = await page.context().newPage()
    await screen.setViewportSize(projector.viewport)
    await openWorkshop(screen, `${files.e2e.baseUrl}/w/${workshop.id}`)
    await screen.getByTestId('presentation-button').click()
    await screen.getByTestId('presentation').waitFor()
    found.push(...(await check(screen, 'presentation 1920')))
    expect(found).toEqual([])
  })

  it('the phone page and the full board on a phone', async () => {
    const workshop = await createWorkshopWithAccess(files.e2e, 'Mål og fokus på mobil')
    const page = await pageIn(phone)
    await page.goto(workshop.links.participant)
    await page.getByTestId('phone-question').waitFor()
    const found = await check(page, 'phone page 390')

    const board = await pageIn(phone)
    await openWorkshop(board, workshopUrl(files.e2e, workshop.id), { board: true })
    await selectNewNote(board, 'Lys i parken')
    found.push(...(await check(board, 'board 390')))
    expect(found).toEqual([])
  })

  it('the checks find what they look for: crowded small targets, a focused button under a fixed header', async () => {
    const page = await pageIn(desktop)
    await page.setContent(`
      <header style="position: fixed; top: 0; left: 0; right: 0; height: 80px; background: #fff; z-index: 2">Header</header>
      <button data-testid="under" style="position: absolute; top: 20px; left: 300px; width: 44px; height: 44px">under</button>
      <main style="padding-top: 100px">
        <button style="width: 16px; height: 16px; padding: 0">a</button><button style="width: 16px; height: 16px; padding: 0">b</button>
        <p>A sentence with <a href="#x">an inline link</a> in it.</p>
        <button style="width: 16px; height: 16px; padding: 0; margin-left: 40px">alone</button>
      </main>`)
    expect(await undersizedTargets(page, 'sample')).toEqual([
      '[sample] target smaller than 24×24 and crowded: button "a" 16×16',
      '[sample] target smaller than 24×24 and crowded: button "b" 16×16',
    ])
    expect(await obscuredFocus(page, 'sample')).toEqual(['[sample] focus hidden: button#under "under" under header.'])
  })
})
