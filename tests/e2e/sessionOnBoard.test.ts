import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { CreatedWorkshop } from '../../shared/access'
import type { Command } from '../../shared/facilitation/commands'
import { planAddCard } from '../../shared/logic/challengeBoard'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { injectAxe } from './axeAudit'
import { createWorkshopWithAccess, facilitatorProgram, newPerson, openWorkshop, phone, startE2E, waitFor, workshopUrl, type E2E } from './harness'
import { wcagTags } from './axeTags'

// What a facilitation session means on the full board, in real Chromium: the facilitator in one
// browser (facilitator link), a participant in another (participant link), and the facilitator's
// commands sent from Node by a program holding the facilitator token (the facilitation panel is a
// different part of the app). Timer, lock, refused edits, private writing, dot votes on notes and
// cards with their limits and results, "bring everyone here" and following a view.

let e2e: E2E
let created: CreatedWorkshop
/** The facilitator's program: a WorkshopStore in Node, its control channel for the commands. */
let program: WorkshopStore
let canvasBoard: string
let challengeBoard: string
const noteIds: string[] = []

type Person = Awaited<ReturnType<typeof newPerson>>
let frida: Person // facilitator, desktop
let per: Person // participant, desktop
let pia: Person // participant, phone

beforeAll(async () => {
  e2e = await startE2E()
  created = await createWorkshopWithAccess(e2e, 'Møtearena')
  program = facilitatorProgram(e2e, created, 'Kari')
  await waitFor(async () => program.getConnection().status, (s) => s === 'connected', 'the program to connect')
  await waitFor(async () => program.control.getIdentity()?.role, (r) => r === 'facilitator', 'the program to be facilitator')
  canvasBoard = program.getBoards()[0]!.id
  for (const [i, text] of ['Bedre busstilbud', 'Møteplass for unge', 'Lys langs elva'].entries()) {
    noteIds.push(program.createNote(canvasBoard, { x: i * 260, y: 0, w: 200, h: 200, color: 'yellow', text }))
  }

  frida = await newPerson(e2e, 'Frida')
  per = await newPerson(e2e, 'Per')
  pia = await newPerson(e2e, 'Pia', phone)
  await openWorkshop(frida.page, workshopUrl(e2e, created.id), { board: true })
  await openWorkshop(per.page, created.links.participant, { board: true })
  // A participant link on a phone opens the phone page; Pia asks for the whole board from there.
  await pia.page.goto(created.links.participant)
  await pia.page.getByRole('link', { name: 'Åpne hele tavla' }).click()
  await pia.page.getByTestId('connection-status').filter({ hasText: /Tilkoblet/ }).waitFor()
  await pia.page.getByTestId('board-canvas').waitFor()
  await waitFor(() => notes(per.page), (n) => n.length === 3, 'the three notes at Per')
})

afterAll(async () => {
  program?.destroy()
  await e2e?.close()
})

async function command(cmd: Command): Promise<unknown> {
  const outcome = await program.control.send(cmd)
  if (!outcome.ok) throw new Error(`${cmd.type}: ${outcome.error} ${outcome.message}`)
  return outcome.result
}

function notes(page: Page) {
  return page.evaluate(() => window.__samskapCanvas?.getNotes() ?? [])
}

async function noteCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  const rect = await page.evaluate((noteId) => window.__samskapCanvas?.noteScreenRect(noteId) ?? null, id)
  if (!rect) throw new Error(`note ${id} is not on screen`)
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
}

/** The board point at the middle of the canvas on this page. */
async function viewCentre(page: Page): Promise<{ x: number; y: number; scale: number }> {
  return page.evaluate(() => {
    const camera = window.__samskapCanvas!.getCamera()
    const box = document.querySelector('[data-testid="board-canvas"]')!.getBoundingClientRect()
    return { x: (box.width / 2 - camera.x) / camera.scale, y: (box.height / 2 - camera.y) / camera.scale, scale: camera.scale }
  })
}

function seconds(text: string | null): number {
  const [m, s] = (text ?? '').split(':').map(Number)
  return (m ?? NaN) * 60 + (s ?? NaN)
}


/** axe-core's WCAG 2.1 A/AA rules on the page as it is now (as tests/e2e/axe.test.ts does for the other views). */
async function audit(page: Page, view: string): Promise<string[]> {
  await injectAxe(page)
  type Result = { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }
  // The tags go in as an argument: the function runs in the page, where imports do not exist.
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    wcagTags,
  )
  return result.violations.flatMap((v) => v.nodes.map((n) => `[${view}] ${v.id}: ${v.help} — ${JSON.stringify(n.target)}`))
}

const timerOf = (page: Page) => page.getByTestId('session-timer')
const toastOf = (page: Page) => page.getByTestId('session-toast')

describe('the session on the full board', () => {
  it('shows the same countdown to everyone, and only the facilitator’s device chimes at zero', async () => {
    await command({ type: 'timer.start', durationMs: 5 * 60_000 })
    await timerOf(frida.page).waitFor()
    await timerOf(per.page).waitFor()
    // Read both at once; they are computed from the server's clock, so at most a second apart.
    const [a, b] = await Promise.all([timerOf(frida.page).getAttribute('data-remaining'), timerOf(per.page).getAttribute('data-remaining')])
    expect(seconds(a)).toBeGreaterThan(4 * 60)
    expect(Math.abs(seconds(a) - seconds(b))).toBeLessThanOrEqual(1)
    expect(await timerOf(per.page).getAttribute('aria-label')).toMatch(/^Nedtelling: \d:\d\d igjen$/)
    // The mute toggle is the facilitator's (the chime plays only there).
    expect(await per.page.getByTestId('timer-mute').count()).toBe(0)
    expect(await frida.page.getByTestId('timer-mute').count()).toBe(1)

    await command({ type: 'timer.pause' })
    await timerOf(per.page).and(per.page.locator('[data-status="paused"]')).waitFor()
    await frida.page.locator('.topbar').screenshot({ path: 'test-results/e2e-session-timer-paused.png' })
    await command({ type: 'timer.resume' })
    await timerOf(pia.page).and(pia.page.locator('[data-status="running"]')).waitFor()
    await pia.page.screenshot({ path: 'test-results/e2e-session-timer-phone.png' })

    await command({ type: 'timer.start', durationMs: 2000 })
    for (const page of [frida.page, per.page]) await timerOf(page).and(page.locator('[data-status="expired"]')).waitFor({ timeout: 10_000 })
    await frida.page.screenshot({ path: 'test-results/e2e-session-timer-expired.png' })
    expect([...(await audit(frida.page, 'timer expired, facilitator')), ...(await audit(per.page, 'timer expired'))]).toEqual([])
    expect(await timerOf(frida.page).getAttribute('data-chimes')).toBe('1')
    expect(await timerOf(per.page).getAttribute('data-chimes')).toBe('0')
    await per.page.getByTestId('timer-announcer').filter({ hasText: 'Tiden er ute' }).waitFor()
    await frida.page.getByTestId('timer-announcer').filter({ hasText: 'Tiden er ute' }).waitFor()

    await command({ type: 'timer.reset' })
    await timerOf(per.page).waitFor({ state: 'detached' })
  })

  it('a locked board offers participants no editing, and says why', async () => {
    // Board records are the facilitator's: opening the how-to for everyone is not offered to participants.
    const forEveryone = (page: typeof per.page) => page.getByTestId('board-help').getByRole('checkbox', { name: /forklaring/i, includeHidden: true })
    expect(await forEveryone(per.page).count()).toBe(0)
    expect(await forEveryone(frida.page).count()).toBe(1)

    await command({ type: 'board.lock', boardId: canvasBoard, locked: true })
    await per.page.getByTestId('locked-notice').filter({ hasText: 'Tavla er låst av fasilitatoren' }).waitFor()
    await frida.page.getByTestId('locked-notice').filter({ hasText: 'Låst for deltakerne' }).waitFor()
    // The participant's toolbar has no note, text, shape or pen tools and no undo; the facilitator's has.
    expect(await per.page.getByRole('button', { name: /Ny lapp/ }).count()).toBe(0)
    expect(await per.page.locator('[data-tool="pen"]').count()).toBe(0)
    expect(await per.page.getByRole('button', { name: /Angre/ }).count()).toBe(0)
    expect(await frida.page.getByRole('button', { name: /Ny lapp/ }).count()).toBe(1)
    // Keys and double-clicks make nothing either.
    await per.page.getByTestId('board-canvas').click({ position: { x: 30, y: 300 } })
    await per.page.keyboard.press('n')
    await per.page.mouse.dblclick(400, 700)
    await per.page.waitForTimeout(300)
    expect(await notes(per.page)).toHaveLength(3)
    // A note can be selected (to read it) but not dragged.
    const before = (await notes(per.page))[0]!
    const from = await noteCentre(per.page, before.id)
    await per.page.mouse.move(from.x, from.y)
    await per.page.mouse.down()
    await per.page.mouse.move(from.x + 120, from.y + 60, { steps: 5 })
    await per.page.mouse.up()
    await per.page.waitForTimeout(200)
    expect((await notes(per.page))[0]).toMatchObject({ x: before.x, y: before.y })
    await per.page.screenshot({ path: 'test-results/e2e-session-locked.png' })
    await pia.page.getByTestId('locked-notice').waitFor()
    await pia.page.screenshot({ path: 'test-results/e2e-session-locked-phone.png' })
    expect(await audit(pia.page, 'locked, phone')).toEqual([])

    await command({ type: 'board.lock', boardId: canvasBoard, locked: false })
    await per.page.getByTestId('locked-notice').waitFor({ state: 'detached' })
    expect(await per.page.getByRole('button', { name: /Ny lapp/ }).count()).toBe(1)
  })

  it('an edit the server undid is explained in a toast', async () => {
    // Per writes a note offline; meanwhile the board is locked; on reconnecting the server undoes it.
    await per.context.setOffline(true)
    await per.page.getByTestId('connection-status').filter({ hasText: /Frakoblet/ }).waitFor()
    await per.page.getByRole('button', { name: /Ny lapp/ }).click()
    await per.page.keyboard.type('Skrevet uten nett')
    await per.page.keyboard.press('Escape')
    expect(await notes(per.page)).toHaveLength(4)
    await command({ type: 'board.lock', boardId: canvasBoard, locked: true })
    await per.context.setOffline(false)
    await toastOf(per.page).filter({ hasText: 'Endringen ble angret: tavla er låst.' }).waitFor({ timeout: 20_000 })
    await per.page.getByTestId('session-toasts').screenshot({ path: 'test-results/e2e-session-toast.png' })
    await waitFor(() => notes(per.page), (n) => n.length === 3, 'the undone note to go at Per')
    expect((await notes(frida.page)).map((n) => n.text)).not.toContain('Skrevet uten nett')
    await command({ type: 'board.lock', boardId: canvasBoard, locked: false })
    await per.page.getByTestId('locked-notice').waitFor({ state: 'detached' })
  })

  it('"only their own": dragging someone else’s note is undone and explained; one’s own note moves', async () => {
    await command({ type: 'ownItems.set', enabled: true })
    // Said before Per tries: a line under the tabs (participants only).
    await per.page.getByTestId('own-items-notice').filter({ hasText: 'Du kan endre det du selv har lagt til' }).waitFor()
    await per.page.getByTestId('session-notices').screenshot({ path: 'test-results/e2e-session-own-items.png' })
    expect(await frida.page.getByTestId('own-items-notice').count()).toBe(0)
    const theirs = noteIds[0]!
    const before = (await notes(per.page)).find((n) => n.id === theirs)!
    const from = await noteCentre(per.page, theirs)
    await per.page.mouse.move(from.x, from.y)
    await per.page.mouse.down()
    await per.page.mouse.move(from.x + 40, from.y + 120, { steps: 8 })
    await per.page.mouse.up()
    await toastOf(per.page).filter({ hasText: 'i denne økta kan du bare endre det du selv har lagt til' }).waitFor({ timeout: 20_000 })
    await waitFor(() => notes(per.page), (n) => n.find((x) => x.id === theirs)?.y === before.y, 'the note to go back at Per')
    expect((await notes(frida.page)).find((n) => n.id === theirs)?.y).toBe(before.y)

    // Per's own note, added now, moves for everyone.
    await per.page.getByRole('button', { name: /Ny lapp/ }).click()
    await per.page.keyboard.type('Pers egen')
    await per.page.keyboard.press('Escape')
    const own = await waitFor(() => notes(frida.page), (n) => n.some((x) => x.text === 'Pers egen'), 'Per’s note at Frida').then((n) => n.find((x) => x.text === 'Pers egen')!)
    const at = await noteCentre(per.page, own.id)
    await per.page.mouse.move(at.x, at.y)
    await per.page.mouse.down()
    await per.page.mouse.move(at.x + 30, at.y + 90, { steps: 8 })
    await per.page.mouse.up()
    await waitFor(() => notes(frida.page), (n) => (n.find((x) => x.id === own.id)?.y ?? own.y) > own.y, 'Per’s own move to reach Frida')
    await command({ type: 'ownItems.set', enabled: false })
    await per.page.getByTestId('own-items-notice').waitFor({ state: 'detached' })
    program.deleteItems([own.id])
    await waitFor(() => notes(per.page), (n) => n.length === 3, 'Per’s note cleared away for the tests after')
  })

  it('private writing: participants write in the composer, seen by nobody until the reveal', async () => {
    await command({ type: 'phase.private', boardId: canvasBoard, lane: '', facilitatorSees: false })
    await per.page.getByTestId('private-notice').waitFor()
    // New notes go through the composer: the toolbar's note button opens it, the drawing tools are gone.
    expect(await per.page.locator('[data-tool="pen"]').count()).toBe(0)
    await per.page.getByTestId('private-note-button').click()
    await expect.poll(() => per.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('private-input')
    await per.page.keyboard.type('Hemmelig idé')
    await per.page.keyboard.press('Enter')
    await per.page.getByTestId('private-mine-toggle').filter({ hasText: 'Din lapp (1)' }).waitFor()
    await per.page.getByTestId('private-note').filter({ hasText: 'Hemmelig idé' }).waitFor()
    await frida.page.getByTestId('private-notice').filter({ hasText: '1 lapp fra 1 person' }).waitFor()
    expect((await notes(frida.page)).map((n) => n.text)).not.toContain('Hemmelig idé')
    await per.page.screenshot({ path: 'test-results/e2e-session-private.png' })
    await pia.page.getByTestId('private-input').fill('Mer grøntareal')
    await pia.page.getByTestId('private-add').click()
    await pia.page.getByTestId('private-mine-toggle').waitFor()
    await pia.page.screenshot({ path: 'test-results/e2e-session-private-phone.png' })
    await frida.page.getByTestId('private-notice').filter({ hasText: '2 lapper fra 2 personer' }).waitFor()
    await frida.page.screenshot({ path: 'test-results/e2e-session-private-facilitator.png' })
    expect([...(await audit(per.page, 'private composer')), ...(await audit(pia.page, 'private composer, phone'))]).toEqual([])

    await command({ type: 'phase.reveal' })
    await per.page.getByTestId('private-notice').waitFor({ state: 'detached' })
    await waitFor(() => notes(frida.page), (n) => n.some((note) => note.text === 'Hemmelig idé') && n.length === 5, 'the revealed notes at Frida')
  })

  it('dot voting on canvas notes: a click gives a dot, V and Shift+V too, limits are refused', async () => {
    await command({ type: 'vote.open', boardId: canvasBoard, lane: '', votesPerPerson: 2, maxPerItem: 1, hidden: false })
    const left = per.page.getByTestId('vote-left')
    await left.filter({ hasText: 'Avstemning: 2 av 2 prikker igjen.' }).waitFor()

    const [a, b, c] = noteIds as [string, string, string]
    const at = await noteCentre(per.page, a)
    await per.page.mouse.click(at.x, at.y)
    await left.filter({ hasText: '1 av 2' }).waitFor()
    await per.page.getByTestId('selection-vote').filter({ hasText: 'Dine: 1 · Alle: 1' }).waitFor()
    await waitFor(async () => program.control.getTally()?.counts[a], (n) => n === 1, 'the dot in the tally')
    await frida.page.getByTestId('vote-notice').filter({ hasText: 'Avstemning: 1 prikk fra 1 person.' }).waitFor()

    // One dot per note: a second click is refused and said so.
    await per.page.mouse.click(at.x, at.y)
    await toastOf(per.page).filter({ hasText: 'Høyst 1 prikk på hver.' }).waitFor()

    const bt = await noteCentre(per.page, b)
    await per.page.mouse.click(bt.x, bt.y)
    await left.filter({ hasText: '0 av 2' }).waitFor()
    const ct = await noteCentre(per.page, c)
    await per.page.mouse.click(ct.x, ct.y)
    await toastOf(per.page).filter({ hasText: 'Du har ingen prikker igjen.' }).waitFor()

    // The keyboard: Shift+V takes the selected note's dot back, V gives it again.
    await per.page.mouse.click(bt.x, bt.y) // selects B (its dot is refused: one per note)
    await per.page.keyboard.press('Shift+V')
    await left.filter({ hasText: '1 av 2' }).waitFor()
    await per.page.keyboard.press('v')
    await left.filter({ hasText: '0 av 2' }).waitFor()
    expect(await per.page.evaluate(() => window.__samskapCanvas?.getTool())).toBe('select')

    // Pia on her phone gives one dot by a tap; the screens show the dots.
    const pt = await noteCentre(pia.page, a)
    await pia.page.touchscreen.tap(pt.x, pt.y)
    await pia.page.getByTestId('vote-left').filter({ hasText: '1 av 2' }).waitFor()
    await waitFor(async () => program.control.getTally()?.counts[a], (n) => n === 2, 'two dots on A')
    await per.page.waitForTimeout(300)
    await per.page.screenshot({ path: 'test-results/e2e-session-vote-notes.png' })
    await pia.page.screenshot({ path: 'test-results/e2e-session-vote-notes-phone.png' })
    await frida.page.screenshot({ path: 'test-results/e2e-session-vote-notes-facilitator.png' })
    expect([...(await audit(per.page, 'vote on notes')), ...(await audit(pia.page, 'vote on notes, phone'))]).toEqual([])

    await command({ type: 'vote.close' })
    const results = per.page.getByTestId('vote-results')
    await results.waitFor()
    const rows = await results.getByTestId('vote-result').allTextContents()
    expect(rows[0]).toMatch(/^1\.Bedre busstilbud2 prikker/)
    expect(rows).toHaveLength(2)
    await per.page.screenshot({ path: 'test-results/e2e-session-results.png' })
    await pia.page.getByTestId('vote-results').waitFor()
    await pia.page.screenshot({ path: 'test-results/e2e-session-results-phone.png' })
    expect(await audit(per.page, 'vote results')).toEqual([])
    // Closing the results is for oneself.
    await per.page.getByTestId('results-close').click()
    await results.waitFor({ state: 'detached' })
    await frida.page.getByTestId('vote-results').waitFor()
    await command({ type: 'vote.dismiss' })
    await frida.page.getByTestId('vote-results').waitFor({ state: 'detached' })
  })

  it('dot voting on challenge cards: a visible button on the cards of the lane voted on', async () => {
    const templates = { canvas: 'Tavle', stakeholderMap: 'Interessentkart', involvementMatrix: 'Matrise', challengeBoard: 'Utfordringer og tiltak' }
    challengeBoard = program.addBoardFromTemplate('challengeBoard', templates)
    for (const [lane, text] of [
      ['challenge', 'For lite samarbeid på tvers'],
      ['challenge', 'Unge deltar ikke'],
      ['solution', 'Felles møteplass'],
    ] as const) {
      program.applyPlan(planAddCard(program.getItemsOfKind(challengeBoard, 'card'), lane, text, { boardId: challengeBoard, newId: () => program.newId(), now: Date.now() }))
    }
    await command({ type: 'vote.open', boardId: challengeBoard, lane: 'challenge', votesPerPerson: 3, maxPerItem: 2, hidden: false })
    // On another board the strip points to the vote.
    await per.page.getByTestId('elsewhere-notice').filter({ hasText: 'Avstemning pågår på «Utfordringer og tiltak».' }).waitFor()
    await per.page.getByTestId('elsewhere-notice').getByRole('button', { name: 'Gå dit' }).click()
    await per.page.getByTestId('challenge-board').waitFor()

    // Only the two cards in the challenge lane can get dots.
    await waitFor(() => per.page.getByTestId('card-vote-cast').count(), (n) => n === 2, 'two vote buttons')
    const first = per.page.getByTestId('challenge-card').filter({ hasText: 'For lite samarbeid på tvers' })
    await first.getByTestId('card-vote-cast').click()
    await first.getByTestId('card-vote-counts').filter({ hasText: 'Dine: 1 · Alle: 1' }).waitFor()
    await first.getByTestId('card-vote-cast').click()
    await first.getByTestId('card-vote-counts').filter({ hasText: 'Dine: 2 · Alle: 2' }).waitFor()
    // At the per-card maximum "Gi prikk" is disabled before the tap, with the reason on the card.
    await first.getByTestId('card-vote-blocked').filter({ hasText: 'Høyst 2 prikker på hver.' }).waitFor()
    expect(await first.getByTestId('card-vote-cast').isDisabled()).toBe(true)
    expect(await per.page.getByTestId('challenge-card').filter({ hasText: 'Unge deltar ikke' }).getByTestId('card-vote-cast').isDisabled()).toBe(false)
    await per.page.getByTestId('vote-left').filter({ hasText: '1 av 3' }).waitFor()
    await per.page.screenshot({ path: 'test-results/e2e-session-vote-cards.png' })

    // The outline offers the same vote, for keyboard and screen-reader users.
    await per.page.getByTestId('board-mode-outline').click()
    const second = per.page.locator('[data-testid="outline-card"][data-lane="challenge"]').filter({ has: per.page.getByRole('heading', { name: /Unge deltar ikke/ }) })
    await second.getByTestId('outline-vote').filter({ hasText: 'Dine: 0 · Alle: 0' }).waitFor()
    // Only cards of the lane voted on (the solution lane is not).
    expect(await per.page.locator('[data-testid="outline-card"][data-lane="solution"] [data-testid="outline-vote"]').count()).toBe(0)
    expect(await per.page.locator('[data-testid="outline-card"][data-lane="challenge"] [data-testid="outline-vote"]').count()).toBe(2)
    await second.getByTestId('outline-vote-cast').click()
    await per.page.getByTestId('vote-left').filter({ hasText: '0 av 3' }).waitFor()
    await second.getByTestId('outline-vote').filter({ hasText: 'Dine: 1 · Alle: 1' }).waitFor()
    // No dots left: every "Gi prikk" in the outline is disabled, with the reason beside it.
    await second.getByTestId('outline-vote-blocked').filter({ hasText: 'Du har ingen prikker igjen.' }).waitFor()
    expect(await second.getByTestId('outline-vote-cast').isDisabled()).toBe(true)
    await per.page.getByTestId('session-announcer').filter({ hasText: 'Prikk gitt. 0 igjen.' }).waitFor()
    expect(await audit(per.page, 'vote in the outline')).toEqual([])
    await second.getByTestId('outline-vote-retract').click()
    await per.page.getByTestId('vote-left').filter({ hasText: '1 av 3' }).waitFor()
    await per.page.getByTestId('board-mode-canvas').click()
    await pia.page.getByRole('tab', { name: 'Utfordringer og tiltak' }).click()
    await pia.page.getByTestId('card-vote-cast').first().waitFor()
    await pia.page.screenshot({ path: 'test-results/e2e-session-vote-cards-phone.png' })
    expect([...(await audit(per.page, 'vote on cards')), ...(await audit(pia.page, 'vote on cards, phone'))]).toEqual([])

    await command({ type: 'vote.close' })
    await per.page.getByTestId('vote-results').waitFor()
    await first.getByTestId('card-vote-counts').filter({ hasText: '2 prikker' }).waitFor()
    await per.page.screenshot({ path: 'test-results/e2e-session-results-cards.png' })
    await command({ type: 'vote.dismiss' })
  })

  it('"bring everyone here" moves participants to the board, not the facilitator', async () => {
    await frida.page.getByRole('tab', { name: 'Utfordringer og tiltak' }).click()
    await frida.page.getByTestId('challenge-board').waitFor()
    expect(new URL(per.page.url()).searchParams.get('board')).toBe(challengeBoard)
    await command({ type: 'summon', boardId: canvasBoard, view: null })
    await per.page.waitForURL((url) => url.searchParams.get('board') === canvasBoard)
    await per.page.getByTestId('summon-notice').filter({ hasText: 'Fasilitatoren hentet alle hit' }).waitFor()
    await pia.page.waitForURL((url) => url.searchParams.get('board') === canvasBoard)
    await per.page.getByTestId('board-canvas').waitFor()
    expect(new URL(frida.page.url()).searchParams.get('board')).toBe(challengeBoard)
    // Reloading later is not another summon.
    await per.page.reload()
    await per.page.getByTestId('board-canvas').waitFor()
    await per.page.getByTestId('connection-status').filter({ hasText: /Tilkoblet/ }).waitFor()
    await per.page.waitForTimeout(300)
    expect(await per.page.getByTestId('summon-notice').count()).toBe(0)
  })

  it('following: the participant’s camera goes where the followed view is, until they move it themselves', async () => {
    // The facilitator's own canvas publishes its view in presence.
    await frida.page.getByRole('tab', { name: 'Tavle 1' }).click()
    await frida.page.getByTestId('board-canvas').waitFor()
    await waitFor(async () => program.getPeers().find((p) => p.role === 'facilitator' && p.name === 'Frida')?.view?.boardId, (b) => b === canvasBoard, 'Frida’s view in presence')

    program.setView({ boardId: canvasBoard, x: 360, y: 100, scale: 1.5 })
    await command({ type: 'follow.start' })
    await per.page.getByTestId('follow-notice').filter({ hasText: 'Du følger Kari' }).waitFor()
    const close = (v: { x: number; y: number }, x: number, y: number) => Math.abs(v.x - x) < 2 && Math.abs(v.y - y) < 2
    await waitFor(() => viewCentre(per.page), (v) => close(v, 360, 100), 'Per’s camera on Kari’s view')
    program.setView({ boardId: canvasBoard, x: 620, y: 300, scale: 1 })
    await waitFor(() => viewCentre(per.page), (v) => close(v, 620, 300), 'Per’s camera following')
    await waitFor(() => viewCentre(pia.page), (v) => close(v, 620, 300), 'Pia’s camera following')
    await per.page.screenshot({ path: 'test-results/e2e-session-follow.png' })
    expect(await audit(per.page, 'following')).toEqual([])

    // Zooming oneself stops following; the notice offers to follow again.
    await per.page.getByRole('button', { name: /Zoom inn/i }).click()
    await per.page.getByTestId('follow-toggle').filter({ hasText: 'Følg igjen' }).waitFor()
    program.setView({ boardId: canvasBoard, x: 0, y: 0, scale: 1 })
    await per.page.waitForTimeout(400)
    expect(close(await viewCentre(per.page), 0, 0)).toBe(false)
    await per.page.getByTestId('follow-toggle').click()
    await waitFor(() => viewCentre(per.page), (v) => close(v, 0, 0), 'Per following again')

    await command({ type: 'follow.stop' })
    await per.page.getByTestId('follow-notice').waitFor({ state: 'detached' })
  })

  it('an observer reads along: badge, no editing tools, role badges in the people list', async () => {
    const olga = await newPerson(e2e, 'Olga')
    await openWorkshop(olga.page, created.links.observer, { board: true })
    await olga.page.getByTestId('observer-badge').filter({ hasText: 'Observatør – du ser med' }).waitFor()
    expect(await olga.page.getByRole('button', { name: /Ny lapp/ }).count()).toBe(0)
    expect(await olga.page.getByTestId('board-help').getByRole('checkbox', { name: /forklaring/i, includeHidden: true }).count()).toBe(0)
    await olga.page.getByTestId('people-button').click()
    const roles = await olga.page.getByTestId('people-role').allTextContents()
    expect(roles).toContain('Observatør')
    expect(roles).toContain('Fasilitator')
    await olga.page.screenshot({ path: 'test-results/e2e-session-observer.png' })
    expect(await audit(olga.page, 'observer')).toEqual([])
    // An observer who only reads along is not told that their changes are not kept.
    expect(await olga.page.getByTestId('session-toast').count()).toBe(0)
    await olga.context.close()
  })
})
