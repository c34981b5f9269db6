import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { testWorkshop } from '../../shared/export/testWorkshop'
import { toWorkshopExport } from '../../shared/export/workshopJson'
import { newPerson, phone, rememberWorkshop, startE2E, type E2E, workshopUrl } from './harness'

// Chrome must not eat the screen: from 1280 px the top bar is one row with the language in it, a
// structured board's content starts within 200 px of the top at 1440 × 900, and each board has one
// switch for its views and its outline. Screenshots of every board as a projector (1920 × 1080) and
// a phone (390 × 844) show it go to test-results/.

let e2e: E2E
let id: string
beforeAll(async () => {
  e2e = await startE2E()
  const response = await fetch(`${e2e.baseUrl}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(toWorkshopExport(testWorkshop(), 'seed', new Date())),
  })
  const created = (await response.json()) as CreatedWorkshop
  rememberWorkshop(created)
  id = created.id
})
afterAll(async () => {
  await e2e?.close()
})

const boards = [
  { tab: 'Lerret', content: 'board-canvas', slug: 'canvas' },
  { tab: 'Interessenter', content: 'stakeholder-map-canvas', slug: 'map' },
  { tab: 'Involvering', content: 'involvement-matrix', slug: 'matrix' },
  { tab: 'Utfordringer', content: 'lane-challenge', slug: 'challenges' },
] as const

/** The vertical centres of everything visible in the top bar's row (title, logo, each tool, the language). */
function topBarCentres(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const row = document.querySelector('.topbar__row')!
    const parts = [...row.children, ...(row.querySelector('.topbar__tools')?.children ?? [])].filter((e) => !e.classList.contains('topbar__tools'))
    return parts
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => r.top + r.height / 2)
  })
}

async function open(page: Page): Promise<void> {
  await page.goto(workshopUrl(e2e, id))
  await page.getByTestId('connection-status').filter({ hasText: /Tilkoblet/ }).waitFor()
  await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(boards.map((b) => b.tab))
}

describe('chrome that leaves the screen to the board', () => {
  it.each([1280, 1440, 1920])('keeps the top bar to one row, the language in it, at %i px', async (width) => {
    const { context, page } = await newPerson(e2e, 'Kari', { viewport: { width, height: 900 } })
    await open(page)
    const centres = await topBarCentres(page)
    expect(centres.length).toBeGreaterThan(4)
    expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(12)
    const language = await page.locator('.topbar__row .language-switch').boundingBox()
    expect(language).not.toBeNull()
    await context.close()
  })

  it('starts every structured board within 200 px of the top at 1440 × 900, under one switch', async () => {
    const { context, page } = await newPerson(e2e, 'Kari', { viewport: { width: 1440, height: 900 } })
    await open(page)
    for (const board of boards.slice(1)) {
      await page.getByRole('tab', { name: board.tab }).click()
      const content = page.getByTestId(board.content)
      await content.waitFor()
      expect((await content.boundingBox())!.y, board.tab).toBeLessThanOrEqual(200)
      // One switch per board, the outline its last option: no second "Tavle" toggle.
      expect(await page.getByTestId('board-view-switch').count(), board.tab).toBe(1)
      expect(await page.getByTestId('board-mode-outline').count(), board.tab).toBe(1)
    }
    // The how-to waits behind "?" and opens over the board, not above it.
    await page.getByTestId('board-help-button').click()
    await page.getByTestId('board-help').waitFor()
    expect((await page.getByTestId('lane-challenge').boundingBox())!.y).toBeLessThanOrEqual(200)
    await page.keyboard.press('Escape')
    await page.getByTestId('board-help').waitFor({ state: 'hidden' })
    await context.close()
  })

  it.each([
    ['projector', { viewport: { width: 1920, height: 1080 } }],
    ['phone', phone],
  ] as const)('draws every board on a %s (screenshots in test-results/)', async (name, options) => {
    const { context, page } = await newPerson(e2e, 'Kari', options)
    await open(page)
    for (const board of boards) {
      await page.getByRole('tab', { name: board.tab }).click()
      await page.getByTestId(board.content).waitFor()
      await page.screenshot({ path: `test-results/chrome-${name}-${board.slug}.png` })
      // No button in the board's row is cut: a row too long scrolls, its buttons keep their labels.
      const cut = await page.locator('.board-chrome button').evaluateAll((buttons) => buttons.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => b.textContent))
      expect(cut, board.tab).toEqual([])
      // The view switch is one row, also the map's four views on a 390-px phone.
      const rows = await page.getByTestId('board-view-switch').locator('button').evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size)
      expect(rows, board.tab).toBe(1)
      const switchBox = await page.getByTestId('board-view-switch').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }))
      expect(switchBox.scroll, board.tab).toBeLessThanOrEqual(switchBox.client)
    }
    await context.close()
  })
})
