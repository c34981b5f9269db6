import { mkdirSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { formatJoinCode, JOIN_DEVICE_HEADER, type CreatedWorkshop } from '../../shared/access'
import { defaultLimits } from '../../server/limits/limits'
import { SYNC_PATH } from '../../shared/protocol'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { injectAxe } from './axeAudit'
import { createWorkshopWithAccess, startE2E, waitFor, type E2E } from './harness'
import { wcagTags } from './axeTags'

// A citizen dialogue from a resident's old phone: join by code (typed in lower case, with a space),
// write notes the facilitator sees, write in private until the reveal, vote with dots, see the
// result. The facilitator is a plain Node client with the facilitator token, driving the session
// by commands as the facilitation panel does.

const SHOTS = '/tmp/phone'
const small = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }
const medium = { width: 390, height: 844 }

let e2e: E2E
const contexts: BrowserContext[] = []
const stores: WorkshopStore[] = []
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  e2e = await startE2E()
})
afterAll(async () => {
  for (const store of stores) store.destroy()
  for (const context of contexts) await context.close()
  await e2e?.close()
})

/** A resident's phone: 360 px wide, Norwegian, nobody's name saved yet, vibration recorded. */
async function residentPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ ...small, locale: 'nb-NO' })
  contexts.push(context)
  await context.addInitScript(() => {
    const calls: unknown[] = []
    Object.defineProperty(window, '__vibrations', { value: calls })
    Object.defineProperty(navigator, 'vibrate', { value: (pattern: unknown) => (calls.push(pattern), true), configurable: true })
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('[phone] page error:', error.message))
  return { context, page }
}

/** The facilitator, as a program: the same store the app uses, with the facilitator token. */
async function facilitatorFor(created: CreatedWorkshop): Promise<WorkshopStore> {
  const store = new WorkshopStore({
    workshopId: created.id,
    serverUrl: e2e.baseUrl.replace(/^http/, 'ws') + SYNC_PATH,
    userName: 'Fasilitator',
    token: created.token,
    persistLocally: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  stores.push(store)
  await waitFor(async () => store.getConnection().status, (s) => s === 'connected', 'the facilitator connected')
  await waitFor(async () => store.control.getIdentity()?.role, (r) => r === 'facilitator', 'the facilitator’s role')
  return store
}

async function command(store: WorkshopStore, ...args: Parameters<WorkshopStore['control']['send']>): Promise<void> {
  const outcome = await store.control.send(...args)
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true })
}

const noteTexts = (store: WorkshopStore, boardId: string) =>
  store
    .getItemsOfKind(boardId, 'note')
    .map((n) => n.text)
    .sort()

/** Both sizes the page must work at, each checked for sideways scrolling. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of [small.viewport, medium]) {
    await page.setViewportSize(size)
    await expectNoSidewaysScroll(page)
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: true })
  }
  await page.setViewportSize(small.viewport)
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }))
  expect(widths.scroll, `page is ${widths.scroll}px wide in a ${widths.client}px viewport`).toBeLessThanOrEqual(widths.client)
}


/** axe-core's WCAG 2.2 A and AA rules on the page as it is now, as in axe.test.ts: one line per failing element. */
async function audit(page: Page, view: string): Promise<string[]> {
  await injectAxe(page)
  // The tags go in as an argument: the function runs in the page, where imports do not exist.
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags } },
      ),
    wcagTags,
  )
  return result.violations.flatMap((v) => v.nodes.map((n) => `[${view}] ${v.id}: ${v.help} — ${JSON.stringify(n.target)}`))
}

const status = (page: Page) => page.getByTestId('phone-note-status')
const mine = (page: Page) => page.getByTestId('phone-own-note')
const voteItem = (page: Page, text: string) => page.getByTestId('phone-vote-item').filter({ hasText: text })

describe('the phone page', () => {
  it('joins by code, writes notes, writes in private until the reveal, votes with dots and sees the result', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Parken vår')
    const facilitator = await facilitatorFor(created)
    const boardId = facilitator.getBoards()[0]!.id
    await command(facilitator, { type: 'prompt.set', boardId: '', lane: '', question: 'Hva ønsker du deg i parken?' })

    // Joining: the code as people type it off a projector, and a nickname.
    const { context, page } = await residentPhone()
    await page.goto(`${e2e.baseUrl}/join`)
    const codeField = page.getByLabel('Kode', { exact: true })
    await codeField.waitFor()
    expect(await codeField.getAttribute('inputmode')).toBe('text')
    expect(await codeField.getAttribute('autocapitalize')).toBe('characters')
    expect(await codeField.getAttribute('autocorrect')).toBe('off')
    await shoot(page, 'join')
    await codeField.fill(formatJoinCode(created.code).toLowerCase())
    await page.getByLabel('Kallenavn (valgfritt)').fill('Kari')
    await page.getByRole('button', { name: 'Bli med' }).click()
    await page.waitForURL(`${e2e.baseUrl}/w/${created.id}/phone`)
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await page.getByRole('heading', { name: 'Hva ønsker du deg i parken?' }).waitFor()
    await page.getByText('Du skriver som «Kari».').waitFor()
    // The facilitator sees who joined, under the chosen name.
    await waitFor(async () => facilitator.getPeers().map((p) => `${p.name}:${p.role}`), (peers) => peers.includes('Kari:participant'), 'Kari among the people')

    // A note goes onto the board, and the phone says where.
    await page.getByLabel('Skriv et notat').fill('Flere benker ved lekeplassen')
    await page.getByRole('button', { name: 'Legg til' }).click()
    await status(page).filter({ hasText: 'Takk! Notatet ditt er på tavla «Tavle 1».' }).waitFor()
    expect(await page.getByLabel('Skriv et notat').inputValue()).toBe('')
    await waitFor(async () => noteTexts(facilitator, boardId), (texts) => texts.includes('Flere benker ved lekeplassen'), 'the note at the facilitator')
    await page.getByTestId('phone-board-note').filter({ hasText: 'Flere benker ved lekeplassen' }).waitFor()
    await shoot(page, 'phone-idle')

    // Private writing: the note is Kari's alone until the facilitator reveals.
    await command(facilitator, { type: 'phase.private', boardId, lane: '', facilitatorSees: false })
    await page.getByTestId('phone-private').filter({ hasText: 'Notatene er private til fasilitatoren viser dem fram.' }).waitFor()
    await page.getByLabel('Skriv et notat').fill('Badeplass i dammen')
    await page.getByRole('button', { name: 'Legg til' }).click()
    await status(page).filter({ hasText: 'lagret privat' }).waitFor()
    await mine(page).filter({ hasText: 'Badeplass i dammen' }).filter({ hasText: 'Privat' }).waitFor()
    // Changed before anyone saw it.
    await mine(page).getByRole('button', { name: 'Endre' }).click()
    await page.getByLabel('Endre notatet').fill('Badeplass ved dammen')
    await page.getByRole('button', { name: 'Lagre' }).click()
    await mine(page).filter({ hasText: 'Badeplass ved dammen' }).waitFor()
    await shoot(page, 'phone-private')
    expect(noteTexts(facilitator, boardId)).toEqual(['Flere benker ved lekeplassen'])
    expect(facilitator.control.getHeld().notes).toEqual([])
    await waitFor(async () => facilitator.control.getHeld().privateNotes, (n) => n === 1, 'the facilitator counting one private note')

    await command(facilitator, { type: 'phase.reveal' })
    await waitFor(async () => noteTexts(facilitator, boardId), (texts) => texts.includes('Badeplass ved dammen'), 'the revealed note at the facilitator')
    await page.getByTestId('phone-board-note').filter({ hasText: 'Badeplass ved dammen' }).waitFor()
    await waitFor(() => mine(page).count(), (n) => n === 0, 'Kari’s own list empty after the reveal')
    await page.getByTestId('phone-private').waitFor({ state: 'detached' })

    // One more note, from the facilitator, to vote on.
    facilitator.createNote(boardId, { text: 'Lys langs stien' })

    // Dot voting: 3 dots, at most 2 on one note; a "+" at a limit is disabled before the tap, and says why.
    await command(facilitator, { type: 'vote.open', boardId, lane: '', votesPerPerson: 3, maxPerItem: 2, hidden: false })
    const left = page.getByTestId('phone-vote-left')
    await left.filter({ hasText: '3 av 3 prikker igjen' }).waitFor()
    await voteItem(page, 'Lys langs stien').waitFor()
    const plus = (text: string) => voteItem(page, text).getByTestId('phone-vote-plus')
    const minus = (text: string) => voteItem(page, text).getByTestId('phone-vote-minus')
    await plus('Flere benker').click()
    await left.filter({ hasText: '2 av 3 prikker igjen' }).waitFor()
    await plus('Flere benker').click()
    await left.filter({ hasText: '1 av 3 prikker igjen' }).waitFor()
    // The note at its maximum: its "+" is disabled with the reason beside it, the others' are not.
    expect(await plus('Flere benker').isDisabled()).toBe(true)
    expect(await voteItem(page, 'Flere benker').getByTestId('phone-vote-item-full').textContent()).toBe('Du kan gi høyst 2 prikker til samme notat.')
    expect(await plus('Flere benker').getAttribute('aria-describedby')).toBe(await voteItem(page, 'Flere benker').getByTestId('phone-vote-item-full').getAttribute('id'))
    expect(await plus('Badeplass').isDisabled()).toBe(false)
    await plus('Badeplass').click()
    await left.filter({ hasText: '0 av 3 prikker igjen' }).waitFor()
    // No dots left: every "+" is disabled, and the reason stands under the count, before any tap.
    await page.getByTestId('phone-vote-none-left').filter({ hasText: 'Du har brukt alle prikkene dine.' }).waitFor()
    for (const text of ['Flere benker', 'Badeplass', 'Lys langs stien']) expect(await plus(text).isDisabled()).toBe(true)
    expect(await page.getByTestId('phone-vote-refusal').textContent()).toBe('')
    await shoot(page, 'phone-voting-no-dots-left')
    await minus('Badeplass').click()
    await page.getByTestId('phone-vote-none-left').waitFor({ state: 'detached' })
    expect(await plus('Lys langs stien').isDisabled()).toBe(false)
    await left.filter({ hasText: '1 av 3 prikker igjen' }).waitFor()
    await plus('Lys langs stien').click()
    await left.filter({ hasText: '0 av 3 prikker igjen' }).waitFor()
    // Live counts (the vote is not hidden), and the dots on the buttons' notes.
    await voteItem(page, 'Flere benker').getByText('2 prikker i alt').waitFor()
    await voteItem(page, 'Flere benker').getByText('Dine: 2 prikker').waitFor()
    await shoot(page, 'phone-voting')
    await waitFor(async () => facilitator.control.getTally()?.dots, (dots) => dots === 3, 'the facilitator’s tally')

    await command(facilitator, { type: 'vote.close' })
    const ranking = page.getByTestId('phone-rank')
    await page.getByRole('heading', { name: 'Resultatet' }).waitFor()
    await expect.poll(() => ranking.allTextContents()).toEqual(['1.Flere benker ved lekeplassen2 prikker', '2.Lys langs stien1 prikk'])
    await shoot(page, 'phone-results')
    await context.close()
  })

  it('keeps a note written without network on the phone and sends it when the network returns', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Studietur')
    const facilitator = await facilitatorFor(created)
    const boardId = facilitator.getBoards()[0]!.id
    const { context, page } = await residentPhone()
    await page.goto(`${e2e.baseUrl}/join/${created.code}`)
    await page.waitForURL(`${e2e.baseUrl}/w/${created.id}/phone`)
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    // No name given: an anonymous guest name, as on the board.
    await page.getByText(/Du skriver som «Gjest \d+»\./).waitFor()
    // The service worker has the app before the network goes (as after any first visit).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), Boolean, 'the service worker to control the page')

    await context.setOffline(true)
    await page.getByTestId('connection-status').filter({ hasText: 'Frakoblet' }).waitFor()
    await page.getByLabel('Skriv et notat').fill('Skrevet på bussen')
    await page.getByRole('button', { name: 'Legg til' }).click()
    await status(page).filter({ hasText: 'Notatet er lagret på telefonen' }).waitFor()
    await mine(page).filter({ hasText: 'Skrevet på bussen' }).filter({ hasText: 'Venter på nett' }).waitFor()
    // The phone may drop the tab meanwhile: a reload with no network still has it.
    await page.reload()
    await page.getByTestId('connection-status').filter({ hasText: 'Frakoblet' }).waitFor()
    await mine(page).filter({ hasText: 'Skrevet på bussen' }).filter({ hasText: 'Venter på nett' }).waitFor()
    await context.setOffline(false)
    await waitFor(async () => noteTexts(facilitator, boardId), (texts) => texts.includes('Skrevet på bussen'), 'the note at the facilitator after the network returned', 30_000)
    await waitFor(() => mine(page).count(), (n) => n === 0, 'the waiting list empty')
    expect(noteTexts(facilitator, boardId)).toEqual(['Skrevet på bussen'])

    // The join page opens with no network too (the service worker's fallback covers /join), and says why joining waits.
    await context.setOffline(true)
    await page.goto(`${e2e.baseUrl}/join`)
    await page.getByTestId('join-code').fill(created.code)
    await page.getByRole('button', { name: 'Bli med' }).click()
    await page.getByTestId('join-problem').filter({ hasText: 'Du er uten nett.' }).waitFor()
    await context.close()
  })

  it('takes a note before the workshop has synced, and sends it, and keeps what is still being typed, once it has', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Før synk')
    const facilitator = await facilitatorFor(created)
    const boardId = facilitator.getBoards()[0]!.id
    const { context, page } = await residentPhone()
    await page.setViewportSize(medium)
    // The sync socket is held (open for the page, but nothing answers) until the test lets it through.
    let hold = true
    const held: { close(): Promise<void> }[] = []
    await page.routeWebSocket(/\/sync/, (socket) => {
      if (hold) held.push(socket)
      else socket.connectToServer()
    })
    await page.goto(`${e2e.baseUrl}/join/${created.code}`)
    await page.waitForURL(`${e2e.baseUrl}/w/${created.id}/phone`)
    await page.getByTestId('phone-question-loading').waitFor()
    const box = page.getByLabel('Skriv et notat')
    await box.fill('Skrevet før synk')
    await page.getByRole('button', { name: 'Legg til' }).click()
    await status(page).filter({ hasText: 'Notatet er lagret på telefonen' }).waitFor()
    await mine(page).filter({ hasText: 'Skrevet før synk' }).waitFor()
    await box.fill('Halvskrevet')
    expect(await page.getByTestId('connection-status').textContent()).not.toContain('Tilkoblet')
    await page.screenshot({ path: `${SHOTS}/before-sync-390.png`, fullPage: true })

    hold = false
    for (const socket of held) await socket.close()
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await waitFor(async () => noteTexts(facilitator, boardId), (texts) => texts.includes('Skrevet før synk'), 'the early note at the facilitator')
    await waitFor(() => mine(page).count(), (n) => n === 0, 'the waiting list empty')
    // The box is the same one: what was being typed is still there, with the question above it now.
    expect(await box.inputValue()).toBe('Halvskrevet')
    await page.getByTestId('phone-question').waitFor()
    await page.screenshot({ path: `${SHOTS}/after-sync-390.png`, fullPage: true })
    expect(noteTexts(facilitator, boardId)).toEqual(['Skrevet før synk'])
    await context.close()
  })

  it('follows the facilitator: the countdown to "time is up", a locked board, "bring everyone here", moderation', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Møtearena')
    const facilitator = await facilitatorFor(created)
    const first = facilitator.getBoards()[0]!.id
    const { context, page } = await residentPhone()
    await page.goto(`${e2e.baseUrl}/join/${created.code}`)
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()

    await command(facilitator, { type: 'timer.start', durationMs: 2000 })
    await page.getByTestId('phone-timer').waitFor()
    await page.getByTestId('phone-timer').filter({ hasText: 'Tiden er ute' }).waitFor({ timeout: 10_000 })
    await expect.poll(() => page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length)).toBe(1)
    await shoot(page, 'phone-timer-up')

    await command(facilitator, { type: 'board.lock', boardId: first, locked: true })
    await page.getByText('Fasilitatoren har låst tavla.').waitFor()
    expect(await page.getByLabel('Skriv et notat').isDisabled()).toBe(true)
    await command(facilitator, { type: 'board.lock', boardId: first, locked: false })
    await expect.poll(() => page.getByLabel('Skriv et notat').isDisabled()).toBe(false)

    // "Bring everyone here" to a second board: the phone shows it and its notes go there.
    const second = facilitator.addBoard('Torget')
    await command(facilitator, { type: 'summon', boardId: second, view: null })
    await page.getByRole('heading', { name: 'Torget' }).waitFor()
    await page.getByLabel('Skriv et notat').fill('Flere trær')
    await page.getByRole('button', { name: 'Legg til' }).click()
    await status(page).filter({ hasText: 'på tavla «Torget»' }).waitFor()
    await waitFor(async () => noteTexts(facilitator, second), (texts) => texts.includes('Flere trær'), 'the note on the second board')

    // Moderation: the note waits for approval, then appears.
    await command(facilitator, { type: 'moderation.set', enabled: true })
    await page.getByTestId('phone-moderation').waitFor()
    await page.getByLabel('Skriv et notat').fill('Gatekunst på veggen')
    await page.getByRole('button', { name: 'Legg til' }).click()
    await status(page).filter({ hasText: 'venter på godkjenning' }).waitFor()
    await mine(page).filter({ hasText: 'Gatekunst på veggen' }).filter({ hasText: 'Venter på godkjenning' }).waitFor()
    const queued = await waitFor(async () => facilitator.control.getHeld().notes, (notes) => notes.length === 1, 'the queued note at the facilitator')
    await command(facilitator, { type: 'held.approve', ids: [queued[0]!.id] })
    await page.getByTestId('phone-board-note').filter({ hasText: 'Gatekunst på veggen' }).waitFor()
    await context.close()
  })

  it('withdraws a waiting note after asking, and is told clearly when removed', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Innbyggerdialog')
    const facilitator = await facilitatorFor(created)
    const { context, page } = await residentPhone()
    await page.goto(`${e2e.baseUrl}/join/${created.code}`)
    await page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await command(facilitator, { type: 'moderation.set', enabled: true })
    await page.getByTestId('phone-moderation').waitFor()
    await page.getByLabel('Skriv et notat').fill('Angrer meg')
    await page.getByRole('button', { name: 'Legg til' }).click()
    await mine(page).filter({ hasText: 'Angrer meg' }).waitFor()
    await mine(page).getByRole('button', { name: 'Trekk tilbake' }).click()
    await page.getByRole('alertdialog', { name: 'Trekke tilbake notatet?' }).waitFor()
    await page.getByTestId('phone-confirm-withdraw').click()
    await waitFor(() => mine(page).count(), (n) => n === 0, 'the note withdrawn')
    await waitFor(async () => facilitator.control.getHeld().notes.length, (n) => n === 0, 'the queue empty at the facilitator')

    const kari = await waitFor(async () => facilitator.getPeers().find((p) => p.role === 'participant'), Boolean, 'the participant among the peers')
    await command(facilitator, { type: 'participant.remove', participantId: kari!.participantId })
    await page.getByTestId('phone-refused').filter({ hasText: 'Du er tatt ut av workshopen' }).waitFor()
    await context.close()
  })

  it('shows an observer everything and offers nothing to write or vote with', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Følgegruppe')
    const facilitator = await facilitatorFor(created)
    const boardId = facilitator.getBoards()[0]!.id
    facilitator.createNote(boardId, { text: 'Samarbeid med idrettslaget' })
    await command(facilitator, { type: 'vote.open', boardId, lane: '', votesPerPerson: 2, maxPerItem: 1, hidden: false })
    const { context, page } = await residentPhone()
    const observerToken = new URL(created.links.observer).searchParams.get('token')!
    await page.goto(`${e2e.baseUrl}/w/${created.id}/phone?token=${encodeURIComponent(observerToken)}`)
    await page.getByTestId('phone-observer').waitFor()
    // The token left the address bar at once.
    expect(new URL(page.url()).search).toBe('')
    await voteItem(page, 'Samarbeid med idrettslaget').waitFor()
    expect(await page.getByTestId('phone-vote-plus').count()).toBe(0)
    expect(await page.getByLabel('Skriv et notat').count()).toBe(0)
    await context.close()
  })

  it.each(['nb', 'en'] as const)('passes axe (WCAG 2.2 AA) in every state in %s, and reflows at 320 px', async (language) => {
    const created = await createWorkshopWithAccess(e2e, 'Tilgjengelig dialog')
    const facilitator = await facilitatorFor(created)
    const boardId = facilitator.getBoards()[0]!.id
    facilitator.createNote(boardId, { text: 'Trygg skolevei' })
    const context = await e2e.browser.newContext({ ...small, locale: language === 'nb' ? 'nb-NO' : 'en-GB' })
    contexts.push(context)
    await context.addInitScript((lng) => localStorage.setItem('samskap.language', lng), language)
    const page = await context.newPage()
    const found: string[] = []

    await page.goto(`${e2e.baseUrl}/join`)
    await page.getByTestId('join-code').waitFor()
    found.push(...(await audit(page, 'join')))
    await page.getByTestId('join-code').fill('1')
    await page.getByTestId('join-code').press('Enter')
    await page.getByTestId('join-problem').filter({ hasText: /ABC 234/ }).waitFor()
    found.push(...(await audit(page, 'join, wrong code')))
    await page.getByTestId('join-code').fill(created.code)
    await page.getByTestId('join-code').press('Enter')
    await page.waitForURL(`${e2e.baseUrl}/w/${created.id}/phone`)
    await page.getByTestId('connection-status').filter({ hasText: /Tilkoblet|Connected/ }).waitFor()
    await page.getByTestId('phone-board-note').first().waitFor()
    found.push(...(await audit(page, 'phone')))

    await command(facilitator, { type: 'timer.start', durationMs: 600_000 })
    await command(facilitator, { type: 'phase.private', boardId, lane: '', facilitatorSees: true })
    await page.getByTestId('phone-private').waitFor()
    await page.getByTestId('phone-note-text').fill('Privat tanke')
    await page.getByTestId('phone-note-add').click()
    await mine(page).first().waitFor()
    found.push(...(await audit(page, 'phone, private writing with a timer')))
    await mine(page).getByRole('button', { name: /Trekk tilbake|Withdraw/ }).click()
    await page.getByRole('alertdialog').waitFor()
    found.push(...(await audit(page, 'phone, withdraw dialog')))
    await page.keyboard.press('Escape')
    await command(facilitator, { type: 'phase.reveal' })

    await command(facilitator, { type: 'vote.open', boardId, lane: '', votesPerPerson: 2, maxPerItem: 1, hidden: false })
    await page.getByTestId('phone-vote-plus').first().click()
    await page.getByTestId('phone-vote-item-full').waitFor()
    found.push(...(await audit(page, 'phone, voting at a limit')))
    await command(facilitator, { type: 'vote.close' })
    await page.getByTestId('phone-results').waitFor()
    found.push(...(await audit(page, 'phone, results')))

    await page.setViewportSize({ width: 320, height: 640 })
    await expectNoSidewaysScroll(page)
    await page.goto(`${e2e.baseUrl}/join`)
    await page.getByTestId('join-code').waitFor()
    await expectNoSidewaysScroll(page)
    expect(found).toEqual([])
    await context.close()
  })

  it('joins from the home page’s code field', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Nærmiljøet')
    const { context, page } = await residentPhone()
    await page.goto(e2e.baseUrl)
    await page.getByRole('heading', { name: 'Bli med med kode' }).waitFor()
    await expectNoSidewaysScroll(page)
    await page.getByTestId('home-join-code').fill(created.code.toLowerCase())
    await page.getByTestId('home-join-code').press('Enter')
    await page.waitForURL(`${e2e.baseUrl}/w/${created.id}/phone`)
    await page.getByRole('heading', { name: 'Nærmiljøet' }).waitFor()
    await context.close()
  })

  // Last: the guessing here uses up some of this address's attempts for the rest of the file.
  it('says what is wrong with a code: unknown, malformed, too many attempts', async () => {
    const { context, page } = await residentPhone()
    // The QR code's address with an unknown code: the form, filled in, and why.
    await page.goto(`${e2e.baseUrl}/join/ZZZ999`)
    await page.getByTestId('join-problem').filter({ hasText: 'Fant ingen workshop med koden ZZZ 999.' }).waitFor()
    expect(await page.getByTestId('join-code').inputValue()).toBe('ZZZ999')
    await page.getByTestId('join-code').fill('12')
    await page.getByRole('button', { name: 'Bli med' }).click()
    await page.getByTestId('join-problem').filter({ hasText: 'En kode har 6 tegn' }).waitFor()
    await shoot(page, 'join-error')

    // This phone keeps guessing: after its limit the server answers 429 and the page says how long to wait.
    const device = await page.evaluate(() => sessionStorage.getItem('samskap.device'))
    expect(device).toMatch(/^[0-9a-f]{32}$/)
    for (let i = 0; i < defaultLimits.joinFailuresPerDevicePer5Minutes; i++) {
      const headers = { 'content-type': 'application/json', [JOIN_DEVICE_HEADER]: device! }
      await fetch(`${e2e.baseUrl}/api/join`, { method: 'POST', headers, body: JSON.stringify({ code: 'ZZZ998' }) })
    }
    await page.getByTestId('join-code').fill('zzz 997')
    await page.getByRole('button', { name: 'Bli med' }).click()
    await page.getByTestId('join-problem').filter({ hasText: /For mange feil forsøk\. Vent \d+ sekunder? og prøv igjen\./ }).waitFor()
    await expect.poll(() => page.getByRole('button', { name: /Vent \d+ s/ }).isDisabled()).toBe(true)
    await context.close()
  })
})
