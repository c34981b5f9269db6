import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { desktop, startE2E, storedToken, type E2E } from './harness'

// Which language a person sees. Precedence (client/src/i18n/i18n.ts, detectLanguage):
// their own saved choice → the workshop's language (inside a workshop) → the browser's languages → nb.

let e2e: E2E
const contexts: BrowserContext[] = []
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  for (const context of contexts) await context.close()
  await e2e?.close()
})

/** A person whose browser asks for `locale`, with a name (so no name prompt) and optionally a saved language. */
async function person(locale: string, name: string, savedLanguage?: string): Promise<Page> {
  const context = await e2e.browser.newContext({ ...desktop, locale })
  contexts.push(context)
  await context.addInitScript(
    ([n, lng]) => {
      try {
        if (!localStorage.getItem('samskap.name')) localStorage.setItem('samskap.name', n!)
        if (lng && !localStorage.getItem('samskap.language')) localStorage.setItem('samskap.language', lng)
      } catch {
        // about:blank has no storage
      }
    },
    [name, savedLanguage ?? ''],
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error.message))
  return page
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang)

describe('languages', () => {
  it('a Swedish browser gets Swedish, and the switch changes to nynorsk and remembers it', async () => {
    const page = await person('sv-SE', 'Anna')
    await page.goto(e2e.baseUrl)
    await page.getByRole('heading', { name: 'Tänk högt – tillsammans' }).waitFor()
    expect(await htmlLang(page)).toBe('sv')
    await expect.poll(() => page.getByRole('button', { name: 'Skapa workshop' }).count()).toBe(1)

    const languageSwitch = page.getByTestId('language-switch')
    expect(await languageSwitch.inputValue()).toBe('sv')
    // Every language is offered, each named in itself and marked with its own lang.
    const options = await languageSwitch.locator('option').evaluateAll((els) => els.map((el) => `${el.getAttribute('lang')}:${el.textContent}`))
    expect(options).toEqual(['nb:Norsk bokmål', 'nn:Norsk nynorsk', 'da:Dansk', 'sv:Svenska', 'en:English'])

    await languageSwitch.selectOption('nn')
    await page.getByRole('heading', { name: 'Tenk høgt – saman' }).waitFor()
    expect(await htmlLang(page)).toBe('nn')
    await expect.poll(() => page.getByRole('button', { name: 'Opprett workshop' }).count()).toBe(1)
    await expect.poll(() => page.getByLabel('Kva skal workshopen heite?').count()).toBe(1)

    // The choice is the person's own: it outlives a reload although the browser still says Swedish.
    await page.reload()
    await page.getByRole('heading', { name: 'Tenk høgt – saman' }).waitFor()
    expect(await languageSwitch.inputValue()).toBe('nn')
  })

  it('a workshop created in Danish opens in Danish for an English-only browser, unless that person chose a language', async () => {
    // A Danish facilitator creates the workshop from the home page: it takes her UI language.
    const facilitator = await person('da-DK', 'Mette')
    await facilitator.goto(e2e.baseUrl)
    await facilitator.getByLabel('Hvad skal workshoppen hedde?').fill('Verdensmål i Gladsaxe')
    await facilitator.getByRole('button', { name: 'Opret workshop' }).click()
    await facilitator.waitForURL(/\/w\/[^/]+/)
    await facilitator.getByTestId('connection-status').filter({ hasText: 'Forbundet' }).waitFor()
    const workshopId = new URL(facilitator.url()).pathname.split('/')[2]!
    const url = `${e2e.baseUrl}/w/${workshopId}?token=${await storedToken(facilitator, workshopId)}`

    // A participant whose browser speaks only English, and who never picked a language, sees Danish.
    const participant = await person('en-US', 'John')
    expect(await participant.evaluate(() => navigator.languages)).toEqual(['en-US'])
    await participant.goto(url)
    await participant.getByTestId('connection-status').filter({ hasText: 'Forbundet' }).waitFor()
    expect(await htmlLang(participant)).toBe('da')
    await expect.poll(() => participant.getByRole('button', { name: 'Tilføj tavle' }).count()).toBeGreaterThan(0)
    // Nothing was saved for them: the home page, outside any workshop, is in English on a fresh visit.
    expect(await participant.evaluate(() => localStorage.getItem('samskap.language'))).toBeNull()

    // Their own choice always wins over the workshop's language.
    await participant.getByTestId('language-switch').selectOption('en')
    await participant.getByTestId('connection-status').filter({ hasText: 'Connected' }).waitFor()
    await participant.reload()
    await participant.getByTestId('connection-status').filter({ hasText: 'Connected' }).waitFor()
    expect(await htmlLang(participant)).toBe('en')

    // Someone who had already chosen English before ever seeing the workshop gets English too.
    const chose = await person('en-US', 'Jane', 'en')
    await chose.goto(url)
    await chose.getByTestId('connection-status').filter({ hasText: 'Connected' }).waitFor()
    expect(await htmlLang(chose)).toBe('en')
    await expect.poll(() => chose.getByRole('button', { name: 'Add board' }).count()).toBeGreaterThan(0)

    // An English-only browser on the home page itself gets English.
    const visitor = await person('en-US', 'Sam')
    await visitor.goto(e2e.baseUrl)
    await visitor.getByRole('heading', { name: 'Think out loud – together' }).waitFor()
  })
})
