import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { audit } from './axeAudit'
import { createWorkshop, newPerson, startE2E, type E2E, workshopUrl } from './harness'

// axe-core's WCAG 2.0/2.1/2.2 A and AA rules in real Chromium on every page and view, at desktop and
// phone widths, in bokmål and English. A violation is reported by view, rule, element and help
// text, so the failure message alone says what to fix. Plus reflow (320 px, 200 % zoom) and
// reduced motion, which axe does not check.

let e2e: E2E
let workshopAddress = ''
beforeAll(async () => {
  e2e = await startE2E()
  workshopAddress = workshopUrl(e2e, await createWorkshop(e2e, 'Tilgjengelighet'))
})
afterAll(async () => {
  await e2e?.close()
})

const desktop = { viewport: { width: 1440, height: 900 } }
const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }

async function openWorkshop(page: Page, url = workshopAddress): Promise<void> {
  await page.goto(url)
  await page.getByTestId('connection-status').filter({ hasText: /Tilkoblet|Connected/ }).waitFor()
}

let furnished: Promise<void> | null = null
/** Once, inside the first test that needs it (expect.poll works only in a test). */
function furnishWorkshop(): Promise<void> {
  furnished ??= furnish()
  return furnished
}

/** A few notes on the free canvas, the workshop kit and one stakeholder. */
async function furnish(): Promise<void> {
  const { context, page } = await newPerson(e2e, 'Kari', desktop)
  await openWorkshop(page)
  await page.getByTestId('board-canvas').click({ position: { x: 60, y: 60 } })
  for (const text of ['Trygg skolevei', 'Flere benker', 'Lys i parken']) {
    await page.keyboard.press('n')
    await page.keyboard.type(text)
    await page.keyboard.press('Escape')
  }
  await expect.poll(() => page.evaluate(() => window.__samskapCanvas?.getNotes().length ?? 0)).toBe(3)
  await page.getByRole('button', { name: 'Legg til tavle' }).first().click()
  await page.getByRole('button', { name: /Workshop-pakke/ }).click()
  await expect.poll(() => page.getByRole('tab').count()).toBe(4)
  await page.getByTestId('stakeholder-map-canvas').waitFor()
  await page.getByRole('button', { name: 'Ny interessent' }).click()
  const panel = page.getByTestId('stakeholder-panel')
  await panel.getByLabel('Navn').fill('Frivilligsentralen')
  await panel.getByLabel('Navn').press('Enter')
  await context.close()
}

async function newViewer(browser: Browser, language: 'nb' | 'en', device: object, name: string | null) {
  const context = await browser.newContext({ ...device, locale: language === 'nb' ? 'nb-NO' : 'en-GB' })
  await context.addInitScript(
    ([lng, n]) => {
      try {
        localStorage.setItem('samskap.language', lng!)
        if (n) localStorage.setItem('samskap.name', n)
      } catch {
        // about:blank has no storage
      }
    },
    [language, name],
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[axe ${language}] page error:`, error.message))
  return { context, page }
}

async function selectTab(page: Page, index: number): Promise<void> {
  await page.getByRole('tab').nth(index).click()
  await expect.poll(() => page.getByRole('tab').nth(index).getAttribute('aria-selected')).toBe('true')
}

/** The board's HTML outline twin (client/src/outline), then back to the drawn board. */
async function auditOutline(page: Page, view: string): Promise<string[]> {
  await page.getByTestId('board-mode-outline').click()
  await page.getByTestId('board-outline').waitFor()
  const found = await audit(page, `${view} outline`)
  await page.getByTestId('board-mode-canvas').click()
  await page.getByTestId('board-outline').waitFor({ state: 'detached' })
  return found
}

/** Every page and view, in one language at one size; returns all violations found. */
async function auditEverything(language: 'nb' | 'en', device: object): Promise<string[]> {
  await furnishWorkshop()
  const found: string[] = []
  // The name dialog: a first visit without a saved name.
  {
    const { context, page } = await newViewer(e2e.browser, language, device, null)
    await page.goto(workshopAddress)
    await page.getByRole('dialog').waitFor()
    found.push(...(await audit(page, 'name dialog')))
    await context.close()
  }
  const { context, page } = await newViewer(e2e.browser, language, device, 'Ola')
  await page.goto(e2e.baseUrl)
  await page.locator('.home').waitFor()
  found.push(...(await audit(page, 'home')))

  await page.goto(`${e2e.baseUrl}/accessibility`)
  await page
    .locator('.statement h1')
    .waitFor({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      throw new Error(`no statement at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 300)}`, { cause: error })
    })
  found.push(...(await audit(page, 'accessibility statement')))

  await openWorkshop(page)
  await selectTab(page, 0)
  await page.getByTestId('board-canvas').waitFor()
  await expect.poll(() => page.evaluate(() => window.__samskapCanvas?.getNotes().length ?? 0)).toBe(3)
  found.push(...(await audit(page, 'free canvas')))
  found.push(...(await auditOutline(page, 'free canvas')))

  await page.locator('.people__button').click()
  found.push(...(await audit(page, 'people popover')))
  await page.keyboard.press('Escape')
  // On a phone "Del" sits in the top bar's "Mer" menu: audit the open menu too.
  const more = page.getByTestId('more-menu-button')
  const narrow = await more.isVisible()
  if (narrow) {
    await more.click()
    found.push(...(await audit(page, 'more menu')))
  }
  await page.locator('.share__button').click()
  found.push(...(await audit(page, 'share popover')))
  await page.keyboard.press('Escape')
  if (narrow) await page.keyboard.press('Escape')
  await page.locator('.add-board').first().click()
  found.push(...(await audit(page, 'add-board menu')))
  await page.keyboard.press('Escape')
  await page.locator('.board-menu > button').click()
  found.push(...(await audit(page, 'board menu')))
  await page.locator('.board-menu .menu-item--danger').click()
  await page.getByRole('alertdialog').or(page.getByRole('dialog')).first().waitFor()
  found.push(...(await audit(page, 'delete dialog')))
  await page.keyboard.press('Escape')

  await selectTab(page, 1)
  await page.getByTestId('stakeholder-map').waitFor()
  const layouts = page.getByTestId('board-view-switch').locator('button:not([data-testid="board-mode-outline"])')
  for (let i = 0; i < (await layouts.count()); i++) {
    await layouts.nth(i).click()
    await expect.poll(() => layouts.nth(i).getAttribute('aria-pressed')).toBe('true')
    found.push(...(await audit(page, `stakeholder map, layout ${i + 1}`)))
  }
  found.push(...(await auditOutline(page, 'stakeholder map')))

  await selectTab(page, 2)
  await page.getByTestId('matrix-summary').waitFor()
  found.push(...(await audit(page, 'involvement matrix')))
  found.push(...(await auditOutline(page, 'involvement matrix')))

  await selectTab(page, 3)
  await page.getByTestId('challenge-board').waitFor()
  await page.getByTestId('board-mode-canvas').click()
  found.push(...(await audit(page, 'challenge board lanes')))
  await page.getByTestId('view-actions').click()
  found.push(...(await audit(page, 'challenge board actions')))
  found.push(...(await auditOutline(page, 'challenge board')))

  await context.close()
  return found
}

describe('axe-core, WCAG 2.2 A and AA', () => {
  it.each([
    ['nb', 'desktop', desktop],
    ['nb', 'phone', phone],
    ['en', 'desktop', desktop],
    ['en', 'phone', phone],
  ] as const)('%s at %s width: no violations on any page or view', async (language, _size, device) => {
    expect(await auditEverything(language, device)).toEqual([])
  })
})

describe('reflow and motion', () => {
  /** Content wider than the viewport forces two-dimensional scrolling (WCAG 1.4.10). */
  async function overflow(page: Page): Promise<number> {
    return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  }

  it.each([
    ['320 px wide', { viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true }],
    // 200 % zoom of a 1280 px window lays out like a 640 px one at twice the pixels.
    ['200 % zoom', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
  ] as const)('home, statement and workshop shell scroll only vertically at %s', async (_name, device) => {
    await furnishWorkshop()
    const { context, page } = await newViewer(e2e.browser, 'nb', device, 'Ola')
    await page.goto(e2e.baseUrl)
    await page.locator('.home').waitFor()
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    await page.goto(`${e2e.baseUrl}/accessibility`)
    await page.locator('.statement h1').waitFor()
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    await openWorkshop(page)
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `test-results/e2e-axe-reflow-${device.viewport.width}.png` })
    await context.close()
  })

  it('with reduced motion asked for, nothing on the home page or workshop animates for long', async () => {
    const { context, page } = await newViewer(e2e.browser, 'nb', desktop, 'Ola')
    await page.emulateMedia({ reducedMotion: 'reduce' })
    const longest = async () =>
      page.evaluate(() => {
        let max = 0
        for (const el of document.querySelectorAll('*')) {
          const style = getComputedStyle(el)
          for (const [durations, iterations] of [
            [style.animationDuration, style.animationIterationCount],
            [style.transitionDuration, '1'],
          ] as const) {
            if (style.animationName === 'none' && durations === style.animationDuration) continue
            for (const d of durations.split(',')) {
              const ms = d.trim().endsWith('ms') ? parseFloat(d) : parseFloat(d) * 1000
              max = Math.max(max, iterations.includes('infinite') ? Infinity : ms)
            }
          }
        }
        return max
      })
    await page.goto(e2e.baseUrl)
    await page.locator('.home').waitFor()
    expect(await longest()).toBeLessThanOrEqual(10)
    await openWorkshop(page)
    expect(await longest()).toBeLessThanOrEqual(10)
    await context.close()
  })
})
