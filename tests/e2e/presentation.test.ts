import type { BrowserContext, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { injectAxe } from './axeAudit'
import { createWorkshopWithAccess, phone, workshopUrl, e2eForFile } from './harness'
import { wcagTags } from './axeTags'

// Presentation mode on a projector following a citizen dialogue by itself: the facilitator runs
// the session from a laptop window while a second window of theirs shows the presentation at
// 1920×1080, and a resident writes and votes on a phone. Private writing shows the count and no
// text, the reveal the notes (measured: ≥ 24 px), a vote its progress, its close the ranking as
// bars; the word cloud on the 2 key. Then axe on every view, in bokmål and English.

const SHOTS = '/tmp/presentation'
const projector = { width: 1920, height: 1080 }
const laptop = { width: 1440, height: 900 }

const files = e2eForFile(SHOTS)
const contexts = files.contexts

async function newContext(name: string, options: object, locale = 'nb-NO'): Promise<BrowserContext> {
  const context = await files.e2e.browser.newContext({ ...options, locale })
  contexts.push(context)
  await context.addInitScript(
    ([n]) => {
      try {
        if (!localStorage.getItem('samskap.name')) localStorage.setItem('samskap.name', n!)
      } catch {
        // about:blank
      }
    },
    [name],
  )
  return context
}

async function open(context: BrowserContext, url: string, viewport = laptop): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await page.setViewportSize(viewport)
  await page.goto(url)
  await page.getByTestId('connection-status').filter({ hasText: /Tilkoblet|Connected/ }).waitFor()
  return page
}

async function section(page: Page, name: string): Promise<Locator> {
  if ((await page.getByTestId('facilitation-panel').count()) === 0) await page.getByTestId('facilitation-button').click()
  const heading = page.getByRole('button', { name: new RegExp(`^${name}`) })
  const found = page.getByTestId('facilitation-panel').locator('.panel-section', { has: heading })
  const toggle = found.locator('.panel-section__toggle')
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return found
}

async function audit(page: Page, view: string): Promise<string[]> {
  await injectAxe(page)
  // The tags go in as an argument: the function runs in the page, where imports do not exist.
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    wcagTags,
  )
  return result.violations.flatMap((v) => v.nodes.map((n) => `[${view}] ${v.id}: ${v.help} — ${JSON.stringify(n.target)}`))
}

/** A picture with animations run to their end (the notes pop in, the bars grow, the words fade in). */
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}`, animations: 'disabled' })
const slow = { timeout: 15_000 }
const stageOf = (presentation: Locator) => presentation.getAttribute('data-stage')
const viewOf = (presentation: Locator) => presentation.getAttribute('data-view')

describe('presentation mode', () => {
  it('follows a session from private writing to the results by itself', async () => {
    const workshop = await createWorkshopWithAccess(files.e2e, 'Parken vår')
    const facilitator = await newContext('Kari', {})
    const control = await open(facilitator, workshopUrl(files.e2e, workshop.id))
    const screen = await open(facilitator, `${files.e2e.baseUrl}/w/${workshop.id}`, projector)

    const prompt = await section(control, 'Spørsmål på mobil')
    await prompt.getByLabel('Spørsmålet').fill('Hva ønsker du deg i parken?')
    await prompt.getByRole('button', { name: 'Lagre', exact: true }).click()
    await prompt.getByText('Spørsmålet er lagret.').waitFor()
    const timer = await section(control, 'Tidtaker')
    await timer.getByRole('button', { name: '5 min', exact: true }).click()

    // The resident joins on a phone with the code.
    const resident = await newContext('Amina', phone)
    const mobile = await resident.newPage()
    await mobile.goto(`${files.e2e.baseUrl}/join/${workshop.code}`)
    await mobile.getByRole('heading', { name: 'Hva ønsker du deg i parken?' }).waitFor()

    // The projector window presents: one button, the question, the timer, no editing tools.
    await screen.getByTestId('presentation-button').click()
    const presentation = screen.getByTestId('presentation')
    await presentation.waitFor()
    expect(await presentation.getByTestId('presentation-question').textContent()).toBe('Hva ønsker du deg i parken?')
    await expect.poll(() => presentation.getByTestId('presentation-timer').textContent()).toMatch(/[45]:\d\d/)
    expect(await stageOf(presentation)).toBe('notes')
    await presentation.getByTestId('presentation-no-notes').waitFor()
    // No editing tools: the top bar and the board are under the overlay, out of reach.
    expect(await screen.evaluate(() => [[40, 20], [960, 540], [1880, 1060]].every(([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="presentation"]') != null))).toBe(true)

    // Private writing: the count, never the text.
    const writing = await section(control, 'Skriving')
    await writing.getByRole('button', { name: 'Start skrivingen', exact: true }).click()
    await expect.poll(() => stageOf(presentation)).toBe('writing')
    await presentation.getByTestId('presentation-writing').waitFor()
    const ideas = ['Flere benker i skyggen', 'Benker ved dammen', 'Lys langs stien om kvelden']
    for (const idea of ideas) {
      await mobile.getByLabel('Skriv et notat').fill(idea)
      await mobile.getByRole('button', { name: 'Legg til' }).click()
      await mobile.getByTestId('phone-own-note').filter({ hasText: idea }).waitFor()
    }
    await expect.poll(() => presentation.getByTestId('presentation-writing-count').textContent()).toBe('3 notater er kommet inn')
    expect(await presentation.textContent()).toContain('fra 1 person')
    const html = await screen.content()
    for (const idea of ideas) expect(html).not.toContain(idea)
    await shot(screen, '1-writing-1920.png')
    await screen.setViewportSize(laptop)
    await shot(screen, '1-writing-1440.png')
    await screen.setViewportSize(projector)

    // The reveal: the notes, large.
    await writing.getByRole('button', { name: 'Vis alle notatene (3)', exact: true }).click()
    await expect.poll(() => stageOf(presentation)).toBe('notes')
    await expect.poll(() => presentation.getByTestId('presentation-note').allTextContents()).toEqual([...ideas].reverse())
    const fontSizes = await presentation.locator('.pres-note__text').evaluateAll((nodes) => nodes.map((n) => Number.parseFloat(getComputedStyle(n).fontSize)))
    for (const size of fontSizes) expect(size).toBeGreaterThanOrEqual(24)
    expect(await presentation.getByTestId('presentation-count').textContent()).toBe('3 notater')
    await shot(screen, '2-notes-1920.png')
    await screen.setViewportSize(laptop)
    await shot(screen, '2-notes-1440.png')
    await screen.setViewportSize(projector)

    // The word cloud on a key: benches twice ("benker" in two notes), the rest once.
    await screen.keyboard.press('2')
    expect(await viewOf(presentation)).toBe('cloud')
    await expect.poll(() => presentation.getByTestId('presentation-cloud-word').count(), slow).toBeGreaterThan(4)
    const words = await presentation.getByTestId('presentation-cloud-word').evaluateAll((nodes) =>
      nodes.map((n) => ({ text: n.textContent, size: Number.parseFloat(getComputedStyle(n).fontSize) })),
    )
    const benker = words.find((w) => w.text === 'benker')!
    expect(benker, JSON.stringify(words)).toBeDefined()
    for (const word of words) {
      expect(word.size).toBeGreaterThanOrEqual(24)
      if (word.text !== 'benker') expect(word.size).toBeLessThan(benker.size)
    }
    expect(words.map((w) => w.text)).not.toContain('i') // stop words and one-letter words stay out
    await shot(screen, '3-cloud-1920.png')
    await screen.setViewportSize(laptop)
    await expect.poll(() => presentation.locator('.pres-cloud__svg').getAttribute('width'), slow).toMatch(/^1[34]\d\d$/)
    await shot(screen, '3-cloud-1440.png')
    await screen.setViewportSize(projector)

    // A vote opens: the projector leaves the cloud for the vote by itself.
    const vote = await section(control, 'Avstemning')
    await vote.getByRole('button', { name: 'Start avstemningen', exact: true }).click()
    await expect.poll(() => stageOf(presentation)).toBe('voting')
    expect(await viewOf(presentation)).toBe('vote')
    await presentation.getByTestId('presentation-vote-open').waitFor()
    for (const [idea, dots] of [[ideas[2]!, 2], [ideas[0]!, 1]] as const) {
      for (let i = 0; i < dots; i++) await mobile.getByTestId('phone-vote-item').filter({ hasText: idea }).getByTestId('phone-vote-plus').click()
    }
    await expect.poll(() => presentation.getByTestId('presentation-vote-progress').textContent()).toBe('1 person har stemt, 3 prikker')
    await expect.poll(() => presentation.getByTestId('presentation-bar').count()).toBe(2)
    await shot(screen, '4-voting-1920.png')

    // The vote closes: the ranking as bars.
    await vote.getByRole('button', { name: 'Avslutt avstemningen', exact: true }).click()
    await expect.poll(() => stageOf(presentation)).toBe('results')
    await presentation.getByTestId('presentation-results').waitFor()
    await expect.poll(() => presentation.locator('.pres-bar__text').allTextContents()).toEqual([ideas[2], ideas[0]])
    expect(await presentation.locator('.pres-bar__count').first().textContent()).toContain('2')
    await shot(screen, '5-results-1920.png')
    await screen.setViewportSize(laptop)
    await shot(screen, '5-results-1440.png')

    // Results dismissed: back to the notes that were voted on. Escape leaves; focus returns.
    await vote.getByRole('button', { name: 'Fjern resultatet', exact: true }).click()
    await expect.poll(() => stageOf(presentation)).toBe('notes')
    await screen.keyboard.press('Escape')
    await presentation.waitFor({ state: 'detached' })
    expect(await screen.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('presentation-button')
  })

  it.each([
    ['nb', 'nb-NO', 'Presenter'],
    ['en', 'en-GB', 'Present'],
  ] as const)('passes axe on every view (%s)', async (language, locale, button) => {
    const workshop = await createWorkshopWithAccess(files.e2e, 'Axe')
    const context = await newContext('Kari', {}, locale)
    await context.addInitScript((lang) => localStorage.setItem('samskap.language', lang), language)
    const page = await open(context, workshopUrl(files.e2e, workshop.id), projector)
    await page.getByTestId('board-canvas').click({ position: { x: 300, y: 300 } })
    for (const text of ['Trygg skolevei', 'Trygg vei til hallen', 'Lys i parken']) {
      await page.keyboard.press('n')
      await page.keyboard.type(text)
      await page.keyboard.press('Escape')
    }
    await expect.poll(() => page.evaluate(() => window.__samskapCanvas?.getNotes().length ?? 0)).toBe(3)
    await page.getByRole('button', { name: button, exact: true }).click()
    const presentation = page.getByTestId('presentation')
    await presentation.waitFor()
    const violations: string[] = []
    for (const [key, view] of [['1', 'notes'], ['2', 'cloud'], ['3', 'vote']] as const) {
      await page.keyboard.press(key)
      expect(await viewOf(presentation)).toBe(view)
      if (view === 'cloud') await expect.poll(() => presentation.getByTestId('presentation-cloud-word').count(), slow).toBeGreaterThan(0)
      violations.push(...(await audit(page, `${language} ${view}`)))
    }
    // The arrow keys go round the views, and the announcement says which one is shown.
    await page.keyboard.press('ArrowRight')
    expect(await viewOf(presentation)).toBe('notes')
    expect(await presentation.getByTestId('presentation-announcement').textContent()).toBe(language === 'nb' ? 'Viser Notater' : 'Showing Notes')
    expect(violations).toEqual([])
  })
})
