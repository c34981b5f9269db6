import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { e2eForFile, waitFor } from './harness'

// The whole session, in real browsers only: a facilitator on a laptop creates the workshop
// from the home page, shows the join screen, and three residents on phones join by typing the code.
// They write in private, the facilitator reveals, everyone votes, and the facilitator sees the
// ranking. Nobody's private note reaches another phone before the reveal.

const SHOTS = '/tmp/dialogue'
const laptop = { viewport: { width: 1280, height: 800 } }
const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }

const files = e2eForFile(SHOTS)
const contexts = files.contexts

async function browser(name: string, options: object): Promise<Page> {
  const context = await files.e2e.browser.newContext({ ...options, locale: 'nb-NO' })
  contexts.push(context)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error.message))
  return page
}

/** A section of the facilitation panel, opened if it is closed. */
async function section(page: Page, name: string): Promise<Locator> {
  const heading = page.getByRole('button', { name: new RegExp(`^${name}`) })
  const found = page.getByTestId('facilitation-panel').locator('.panel-section', { has: heading })
  const toggle = found.locator('.panel-section__toggle')
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return found
}

const boardNotes = (page: Page) => page.getByTestId('phone-board-note')
const canvasNotes = (page: Page) => page.evaluate(() => (window.__samskapCanvas?.getNotes() ?? []).map((n) => n.text).sort())

describe('a citizen dialogue', () => {
  it('a facilitator and three residents on phones: join by code, write in private, reveal, vote, ranking', async () => {
    // The facilitator creates the workshop as a new user would, from the home page.
    const facilitator = await browser('facilitator', laptop)
    await facilitator.goto(files.e2e.baseUrl)
    await facilitator.getByLabel('Hva skal workshopen hete?').fill('Parken vår – innbyggerdialog')
    await facilitator.getByRole('button', { name: 'Opprett workshop' }).click()
    await facilitator.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await facilitator.getByTestId('board-canvas').waitFor()
    // The name prompt of a first visit.
    const nameDialog = facilitator.getByRole('dialog', { name: 'Hva vil du kalle deg?' })
    await nameDialog.getByLabel('Navn').fill('Kari Fasilitator')
    await nameDialog.getByRole('button', { name: 'Bli med' }).click()

    // The question residents will see, then the join screen on the projector.
    await facilitator.getByTestId('facilitation-button').click()
    const prompt = await section(facilitator, 'Spørsmål på mobil')
    await prompt.getByLabel('Spørsmålet').fill('Hva ønsker du deg i parken?')
    await prompt.getByRole('button', { name: 'Lagre', exact: true }).click()
    await prompt.getByText('Spørsmålet er lagret.').waitFor()
    await section(facilitator, 'Bli med')
    await facilitator.getByRole('button', { name: 'Vis kode og QR på storskjermen', exact: true }).click()
    const screen = facilitator.getByTestId('join-screen')
    await screen.getByRole('img', { name: /^QR-kode/ }).waitFor()
    const code = (await screen.getByTestId('join-screen-code').textContent())!.trim()
    expect(code).toMatch(/^[2-9A-Z]{3} [2-9A-Z]{3}$/)
    await facilitator.screenshot({ path: `${SHOTS}/join-screen.png` })

    // Three residents type the code off the projector, as people do.
    const residents = [
      { name: 'Amina', idea: 'Flere benker i skyggen' },
      { name: 'Ola', idea: 'Lys langs gangstien om kvelden' },
      { name: 'Per', idea: 'Badeplass ved dammen' },
    ]
    const phones: Page[] = []
    for (const [index, resident] of residents.entries()) {
      const page = await browser(resident.name, phone)
      await page.goto(`${files.e2e.baseUrl}/join`)
      await page.getByLabel('Kode', { exact: true }).fill(index === 1 ? code.toLowerCase() : code)
      await page.getByLabel('Kallenavn (valgfritt)').fill(resident.name)
      await page.getByRole('button', { name: 'Bli med' }).click()
      await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
      await page.getByRole('heading', { name: 'Hva ønsker du deg i parken?' }).waitFor()
      phones.push(page)
    }
    await expect.poll(() => screen.getByTestId('join-screen-count').textContent()).toBe('3 deltakere er med')
    await facilitator.keyboard.press('Escape')

    // Private writing, without the facilitator looking.
    const writing = await section(facilitator, 'Skriving')
    await writing.getByRole('button', { name: 'Start skrivingen', exact: true }).click()
    await writing.getByText('Skrivingen har startet.').waitFor()
    for (const [index, page] of phones.entries()) {
      await page.getByTestId('phone-private').waitFor()
      await page.getByLabel('Skriv et notat').fill(residents[index]!.idea)
      await page.getByRole('button', { name: 'Legg til' }).click()
      await page.getByTestId('phone-own-note').filter({ hasText: residents[index]!.idea }).filter({ hasText: 'Privat' }).waitFor()
    }
    await phones[0]!.screenshot({ path: `${SHOTS}/phone-private.png`, fullPage: true })
    await expect.poll(() => writing.getByTestId('facilitation-writing-progress').textContent()).toBe('3 notater fra 3 personer')
    await facilitator.screenshot({ path: `${SHOTS}/facilitator-writing.png` })
    // Before the reveal no phone and no board shows anyone else's note; the page source does not hold it either.
    for (const [index, page] of phones.entries()) {
      const html = await page.content()
      for (const [other, resident] of residents.entries()) {
        if (other !== index) expect(html, `${residents[index]!.name}'s phone shows ${resident.name}'s note`).not.toContain(resident.idea)
      }
    }
    expect(await canvasNotes(facilitator)).toEqual([])

    // The reveal: all three notes appear at once, on the board and on every phone.
    await writing.getByRole('button', { name: 'Vis alle notatene (3)', exact: true }).click()
    const ideas = residents.map((r) => r.idea).sort()
    await expect.poll(() => canvasNotes(facilitator)).toEqual(ideas)
    for (const page of phones) await expect.poll(async () => (await boardNotes(page).allTextContents()).length).toBe(3)

    // Dot voting: two dots each, at most one per note, hidden until it closes.
    const vote = await section(facilitator, 'Avstemning')
    await vote.getByLabel('Prikker per person').fill('2')
    await vote.getByLabel('Prikker per person').blur()
    await vote.getByLabel('Maks på én lapp').fill('1')
    await vote.getByLabel('Skjul resultatet til avstemningen er slutt').check()
    await vote.getByRole('button', { name: 'Start avstemningen', exact: true }).click()
    const choices = [
      [residents[0]!.idea, residents[1]!.idea],
      [residents[0]!.idea, residents[2]!.idea],
      [residents[0]!.idea, residents[1]!.idea],
    ]
    for (const [index, page] of phones.entries()) {
      const left = page.getByTestId('phone-vote-left')
      await left.filter({ hasText: '2 av 2 prikker igjen' }).waitFor()
      for (const idea of choices[index]!) {
        await page.getByTestId('phone-vote-item').filter({ hasText: idea }).getByTestId('phone-vote-plus').click()
      }
      await left.filter({ hasText: '0 av 2 prikker igjen' }).waitFor()
    }
    await phones[1]!.screenshot({ path: `${SHOTS}/phone-voting.png`, fullPage: true })
    // Hidden: the facilitator sees how many voted, not how.
    await expect.poll(() => vote.getByTestId('facilitation-vote-progress').textContent()).toBe('3 personer har stemt, 6 prikker')
    expect(await vote.getByTestId('facilitation-vote-live').count()).toBe(0)

    await vote.getByRole('button', { name: 'Avslutt avstemningen', exact: true }).click()
    const ranking = vote.getByTestId('facilitation-vote-results').locator('li')
    await expect.poll(() => ranking.allTextContents()).toEqual([
      expect.stringMatching(/^1\.Flere benker i skyggen3 prikker/),
      expect.stringMatching(/^2\.Lys langs gangstien om kvelden2 prikker/),
      expect.stringMatching(/^3\.Badeplass ved dammen1 prikk/),
    ])
    await facilitator.screenshot({ path: `${SHOTS}/facilitator-results.png` })
    // Every phone shows the same result.
    for (const page of phones) {
      await page.getByRole('heading', { name: 'Resultatet' }).waitFor()
      await waitFor(() => page.getByTestId('phone-rank').allTextContents(), (rows) => rows.length === 3 && rows[0]!.includes('Flere benker'), 'the ranking on a phone')
    }
    await phones[2]!.screenshot({ path: `${SHOTS}/phone-results.png`, fullPage: true })
  })
})
