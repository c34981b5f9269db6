import { mkdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { formatJoinCode } from '../../shared/access'
import type { SessionRecord } from '../../shared/schema/records/session'
import { readSession } from '../../shared/schema/records/sessionHistory'
import { connectControl, joinWorkshop, TestResources, type ControlClient } from '../server/helpers'
import { injectAxe } from './axeAudit'
import { createWorkshopWithAccess, newPerson, openWorkshop, phone, startE2E, type E2E, workshopUrl } from './harness'
import { wcagTags } from './axeTags'

// A facilitator runs a session from the facilitation panel in real Chromium while a participant
// takes part in a second browser (joined with the participant link the panel shows) and from a
// phone-like Node client (joined with the code the panel shows): the timer, a board lock, the
// moderation queue, a dot vote with its ranking, the phone question, removing someone, and the
// join screen with its code and QR code. Screenshots go to /tmp/console/ to be looked at.

const SHOTS = '/tmp/console'

let e2e: E2E
const resources = new TestResources()
beforeAll(async () => {
  e2e = await startE2E()
  await mkdir(SHOTS, { recursive: true })
})
afterAll(async () => {
  await resources.dispose()
  await e2e?.close()
})

function session(client: ControlClient): SessionRecord {
  return readSession(client.doc.getMap('session').toJSON() as Record<string, unknown>).session
}

/** Opens a panel section (by its heading button) unless it is open already. */
async function openSection(page: Page, name: string): Promise<Locator> {
  const heading = page.getByRole('button', { name: new RegExp(`^${name}`) })
  const section = page.getByTestId('facilitation-panel').locator('.panel-section', { has: heading })
  const toggle = section.locator('.panel-section__toggle')
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return section
}

async function noteTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.__samskapCanvas?.getNotes() ?? []).map((n) => n.text))
}

async function axeViolations(page: Page, view: string): Promise<string[]> {
  await injectAxe(page)
  type AxeResult = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }
  // The tags go in as an argument: the function runs in the page, where imports do not exist.
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    wcagTags,
  )
  return result.violations.flatMap((v) => v.nodes.map((n) => `[${view}] ${v.id}: ${v.help} — ${JSON.stringify(n.target)}`))
}

describe('the facilitation panel', () => {
  it('runs a session: timer, lock, private writing, moderation, vote, question, people and the join screen', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Nærmiljøet vårt 2030')
    const facilitator = await newPerson(e2e, 'Kari Fasilitator')
    const page = facilitator.page
    await openWorkshop(page, workshopUrl(e2e, created.id), { board: true })
    const boardId = await page.evaluate(() => window.__samskapCanvas?.boardId ?? '')
    expect(boardId).not.toBe('')

    // The panel opens beside the board: the board's centre stays visible and usable.
    const button = page.getByTestId('facilitation-button')
    await button.click()
    const panel = page.getByTestId('facilitation-panel')
    await panel.waitFor()
    expect(await button.getAttribute('aria-expanded')).toBe('true')
    const box = (await panel.boundingBox())!
    expect(box.x).toBeGreaterThan(640)

    // Bli med: the code and the links come from the access API.
    const join = await openSection(page, 'Bli med')
    await expect.poll(() => join.getByTestId('facilitation-join-code').textContent()).toBe(formatJoinCode(created.code))
    const participantLink = await join.getByLabel('Lenke for deltakere').inputValue()
    expect(participantLink).toBe(created.links.participant)
    expect(await join.getByLabel('Lenke for observatører').inputValue()).toBe(created.links.observer)

    // A participant opens the link from the panel in their own browser; they get no console.
    const participant = await newPerson(e2e, 'Pia')
    await openWorkshop(participant.page, participantLink, { board: true })
    expect(await participant.page.getByTestId('facilitation-button').count()).toBe(0)
    // And one more joins from "a phone" with the code on the screen (a plain client for the control channel).
    const joined = await joinWorkshop(e2e.baseUrl, { code: (await join.getByTestId('facilitation-join-code').textContent())! })
    const phoneClient = connectControl(resources, e2e.baseUrl, created.id, joined.token)
    phoneClient.provider.awareness.setLocalStateField('user', { name: 'Ola på mobil', color: '#2e8b57' })
    const closeCodes: number[] = []
    phoneClient.provider.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code)
    })
    await expect.poll(() => lastWelcomeRole(phoneClient)).toBe('participant')
    // What everyone sees of the session, read by a plain client that stays to the end.
    const watcher = connectControl(resources, e2e.baseUrl, created.id, created.token)
    // A program, not a person: without presence it is never counted. (Its empty initial state has
    // awareness clock 0, which others ignore until the 15 s renewal: counted or not by timing alone.)
    watcher.provider.awareness.setLocalState(null)

    const people = await openSection(page, 'Deltakere')
    await expect.poll(() => people.getByTestId('facilitation-people-counts').textContent()).toBe('2 deltakere · 1 fasilitator')
    await expect.poll(() => people.getByTestId('facilitation-people-list').textContent()).toContain('Pia')

    // Tidtaker: a preset starts the shared countdown; everyone's session has it in server time.
    const timer = await openSection(page, 'Tidtaker')
    await timer.getByRole('button', { name: '5 min', exact: true }).click()
    await expect.poll(() => timer.getByTestId('facilitation-timer-time').textContent()).toMatch(/^[45]:\d\d$/)
    await expect.poll(() => session(watcher).timer).toMatchObject({ status: 'running', durationMs: 5 * 60_000 })
    await timer.getByRole('button', { name: '+1 min', exact: true }).click()
    await expect.poll(() => session(watcher).timer).toMatchObject({ status: 'running', durationMs: 6 * 60_000 })
    await timer.getByRole('button', { name: 'Pause', exact: true }).click()
    await expect.poll(() => session(watcher).timer.status).toBe('paused')
    await expect.poll(() => timer.getByTestId('facilitation-timer-time').textContent()).toMatch(/^[56]:\d\d$/)

    // Tavla: locked, a participant's note is refused by the server; unlocked, it is taken.
    const board = await openSection(page, 'Tavla')
    await board.getByRole('button', { name: 'Lås tavla', exact: true }).click()
    await expect.poll(() => board.getByTestId('facilitation-lock-state').textContent()).toMatch(/^Låst/)
    await expect.poll(() => session(watcher).lockedBoards).toEqual([boardId])
    const refused = await phoneClient.call({ type: 'note.submit', noteId: 'lockedNote0001', text: 'Kommer ikke inn' })
    expect(refused).toMatchObject({ ok: false, error: 'locked' })
    await board.getByRole('button', { name: 'Lås opp tavla', exact: true }).click()
    await expect.poll(() => session(watcher).lockedBoards).toEqual([])

    // Skriving hver for seg: notes stay private (the facilitator chose to see them) until revealed.
    const writing = await openSection(page, 'Skriving hver for seg')
    await writing.getByRole('checkbox', { name: 'Jeg kan se notatene underveis', exact: true }).check()
    await writing.getByRole('button', { name: 'Start skrivingen', exact: true }).click()
    await expect.poll(() => session(watcher).phase).toMatchObject({ kind: 'private', boardId, facilitatorSees: true })
    const written = await phoneClient.call({ type: 'note.submit', noteId: 'privateNote001', text: 'Lys i parken om kvelden' })
    expect(written).toMatchObject({ ok: true, result: { outcome: 'private' } })
    await expect.poll(() => writing.getByTestId('facilitation-writing-progress').textContent()).toBe('1 notat fra 1 person')
    expect(await writing.textContent()).toContain('Lys i parken om kvelden')
    expect(await noteTexts(participant.page)).not.toContain('Lys i parken om kvelden')
    await writing.getByRole('button', { name: 'Vis notatet for alle (1)', exact: true }).click()
    await expect.poll(() => noteTexts(participant.page)).toContain('Lys i parken om kvelden')
    expect(session(watcher).phase).toEqual({ kind: 'open' })

    // Moderering: with it on, a note from the phone waits in the queue until it is approved.
    const moderation = await openSection(page, 'Moderering')
    await moderation.getByRole('checkbox', { name: 'Nye notater fra mobil venter på godkjenning', exact: true }).check()
    await expect.poll(() => session(watcher).moderation).toBe(true)
    // "Only their own" is a switch of the same section (what it does: tests/server, sessionOnBoard).
    const ownOnly = moderation.getByRole('checkbox', { name: 'Deltakere kan bare flytte, endre og slette det de selv har lagt til', exact: true })
    await ownOnly.check()
    await expect.poll(() => session(watcher).ownItemsOnly).toBe(true)
    await page.getByTestId('facilitation-panel').screenshot({ path: 'test-results/e2e-panel-moderation.png' })
    await ownOnly.uncheck()
    await expect.poll(() => session(watcher).ownItemsOnly).toBe(false)
    const submitted = await phoneClient.call({ type: 'note.submit', noteId: 'queuedNote0001', text: 'Benker ved bussholdeplassen' })
    expect(submitted).toMatchObject({ ok: true, result: { outcome: 'queued' } })
    const queue = moderation.getByTestId('facilitation-queue')
    await expect.poll(() => queue.textContent()).toContain('Benker ved bussholdeplassen')
    expect(await queue.textContent()).toContain('Ola på mobil')
    expect(await button.getAttribute('aria-label')).toBeNull()
    await expect.poll(() => button.textContent()).toContain('1 notat venter på godkjenning')
    expect(await noteTexts(page)).not.toContain('Benker ved bussholdeplassen')
    await queue.getByRole('button', { name: /^Godkjenn/ }).click()
    await expect.poll(() => noteTexts(page)).toContain('Benker ved bussholdeplassen')
    await expect.poll(() => noteTexts(participant.page)).toContain('Benker ved bussholdeplassen')
    await expect.poll(() => moderation.getByTestId('facilitation-queue').count()).toBe(0)

    // Hiding a note from the panel takes it off every board; "Legg tilbake" restores it.
    await moderation.getByLabel(/Søk i lappene på/).fill('bussholdeplassen')
    await moderation.getByTestId('facilitation-hide-results').getByRole('button', { name: /^Skjul/ }).click()
    await expect.poll(() => noteTexts(participant.page)).not.toContain('Benker ved bussholdeplassen')
    await moderation.getByTestId('facilitation-hidden').getByRole('button', { name: /^Legg tilbake/ }).click()
    await expect.poll(() => noteTexts(participant.page)).toContain('Benker ved bussholdeplassen')

    // Avstemning: open, two dots from the phone, live progress, close, the ranking with the note's text.
    const vote = await openSection(page, 'Avstemning')
    await vote.getByLabel('Prikker per person').fill('2')
    await vote.getByLabel('Prikker per person').blur()
    // A person cannot put more dots on one note than they have: the cap follows.
    expect(await vote.getByLabel('Maks på én lapp').inputValue()).toBe('2')
    await vote.getByRole('button', { name: 'Start avstemningen', exact: true }).click()
    await expect.poll(() => session(watcher).vote?.status).toBe('open')
    expect(session(watcher).vote).toMatchObject({ boardId, votesPerPerson: 2, maxPerItem: 2, hidden: false })
    for (let i = 0; i < 2; i++) expect(await phoneClient.call({ type: 'vote.cast', itemId: 'queuedNote0001' })).toMatchObject({ ok: true })
    await expect.poll(() => vote.getByTestId('facilitation-vote-progress').textContent()).toBe('1 person har stemt, 2 prikker')
    await expect.poll(() => vote.getByTestId('facilitation-vote-live').textContent()).toContain('Benker ved bussholdeplassen')
    await vote.getByRole('button', { name: 'Avslutt avstemningen', exact: true }).click()
    const results = vote.getByTestId('facilitation-vote-results')
    await expect.poll(() => results.locator('li').first().textContent()).toMatch(/^1\.Benker ved bussholdeplassen2 prikker/)
    expect(session(watcher).vote).toMatchObject({ status: 'closed', voters: 1, results: { queuedNote0001: 2 } })

    // Spørsmål på mobil: the question the phone page shows.
    const prompt = await openSection(page, 'Spørsmål på mobil')
    await prompt.getByLabel('Spørsmålet').fill('Hva gjør nærmiljøet ditt godt å bo i?')
    await prompt.getByRole('button', { name: 'Lagre', exact: true }).click()
    await expect.poll(() => session(watcher).prompt).toEqual({ boardId, lane: '', question: 'Hva gjør nærmiljøet ditt godt å bo i?' })

    await page.screenshot({ path: `${SHOTS}/panel-desktop-session.png` })
    expect(await axeViolations(page, 'facilitation panel')).toEqual([])

    // The join screen for the projector: the code in huge type, a QR code with a text alternative.
    await page.setViewportSize({ width: 1920, height: 1080 })
    await openSection(page, 'Bli med')
    const show = panel.getByRole('button', { name: 'Vis kode og QR på storskjermen', exact: true })
    await show.click()
    const screen = page.getByTestId('join-screen')
    await expect.poll(() => screen.getByTestId('join-screen-code').textContent()).toBe(formatJoinCode(created.code))
    const qr = screen.getByRole('img', { name: /^QR-kode som åpner .*\/join\/[A-Z0-9]{6}$/ })
    await qr.waitFor()
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth > 0 && img.complete)).toBe(true)
    expect(await screen.textContent()).toContain('Hva gjør nærmiljøet ditt godt å bo i?')
    await expect.poll(() => screen.getByTestId('join-screen-count').textContent()).toBe('2 deltakere er med')
    const codeSize = await screen.getByTestId('join-screen-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(codeSize).toBeGreaterThan(150)
    await page.screenshot({ path: `${SHOTS}/join-screen-1920.png` })
    expect(await axeViolations(page, 'join screen')).toEqual([])
    await page.keyboard.press('Escape')
    await expect.poll(() => screen.count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Vis kode og QR på storskjermen')
    await page.setViewportSize({ width: 1280, height: 800 })

    // Deltakere: removing the phone participant closes their connection for good.
    await openSection(page, 'Deltakere')
    const row = panel.getByTestId('facilitation-people-list').locator('li', { hasText: 'Ola på mobil' })
    await row.getByRole('button', { name: 'Fjern Ola på mobil', exact: true }).click()
    expect(await row.textContent()).toContain('kan ikke komme tilbake med samme mobil')
    await row.getByRole('button', { name: 'Ja, fjern Ola på mobil', exact: true }).click()
    await expect.poll(() => session(watcher).removed).toContain(joined.participantId)
    await expect.poll(() => closeCodes).toContain(4410) // Removed: its own code since removal is refused everywhere
    await expect.poll(() => panel.getByTestId('facilitation-people-counts').textContent()).toBe('1 deltaker · 1 fasilitator')

    // Escape closes the panel from inside it, and focus goes back to its button.
    await panel.getByRole('button', { name: /^Tidtaker/ }).focus()
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count()).toBe(0)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('facilitation-button')

    // "Del" shows the code and the participant and observer links, not the bare address.
    await page.locator('.share__button').click()
    const share = page.locator('.share__panel')
    await expect.poll(() => share.getByTestId('share-join-code').textContent()).toBe(formatJoinCode(created.code))
    expect(await share.getByLabel('Lenke for deltakere').inputValue()).toBe(created.links.participant)
    expect(await share.getByLabel('Lenke for observatører').inputValue()).toBe(created.links.observer)
    await expect.poll(() => share.getByRole('status').first().textContent()).toMatch(/kopiert|markert/i)
    await page.screenshot({ path: `${SHOTS}/share-desktop.png` })
    await page.keyboard.press('Escape')

    await participant.context.close()
    await facilitator.context.close()
  })

  it('is a full-height sheet on a phone, opened from "Mer"', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Innbyggerdialog')
    const { context, page } = await newPerson(e2e, 'Kari', phone)
    await openWorkshop(page, workshopUrl(e2e, created.id))
    await page.getByTestId('more-menu-button').click()
    await page.getByTestId('facilitation-button').click()
    const panel = page.getByTestId('facilitation-panel')
    await panel.getByTestId('facilitation-join-code').waitFor()
    const box = (await panel.boundingBox())!
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 })
    await page.screenshot({ path: `${SHOTS}/panel-phone.png` })
    expect(await axeViolations(page, 'facilitation sheet')).toEqual([])
    // A tap in the sheet closes the "Mer" menu behind it; the sheet stays.
    await panel.getByRole('button', { name: /^Tidtaker/ }).tap()
    await expect.poll(() => page.getByTestId('more-menu-button').getAttribute('aria-expanded')).toBe('false')
    expect(await panel.isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count()).toBe(0)
    // Its button is hidden in the closed menu: focus lands on "Mer".
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('more-menu-button')
    await context.close()
  })
})

function lastWelcomeRole(client: ControlClient): string | null {
  const welcome = client.messages.filter((m) => m.type === 'welcome').at(-1)
  return welcome && welcome.type === 'welcome' ? welcome.role : null
}
