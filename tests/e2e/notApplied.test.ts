import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { CreatedWorkshop } from '../../shared/access'
import type { Command } from '../../shared/facilitation/commands'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { createWorkshopWithAccess, facilitatorProgram, newPerson, openWorkshop, phone, startE2E, waitFor, type E2E } from './harness'

// "Nothing lost", in real Chromium: a participant writes a note offline on a board the facilitator
// locks meanwhile; on reconnecting the server undoes it, and the app keeps the words as "not
// applied" (through a reload), with a copy button and "place it on <board>". The facilitator is a
// program in Node holding the facilitator token (its panel is another part of the app).

let e2e: E2E
let created: CreatedWorkshop
let program: WorkshopStore
let canvasBoard: string

beforeAll(async () => {
  e2e = await startE2E()
  created = await createWorkshopWithAccess(e2e, 'Innbyggerdialog')
  program = facilitatorProgram(e2e, created, 'Frida')
  await waitFor(async () => program.control.getIdentity()?.role, (r) => r === 'facilitator', 'the program to be facilitator')
  canvasBoard = (await waitFor(async () => program.getBoards(), (boards) => boards.length > 0, 'the workshop’s board at the program'))[0]!.id
})

afterAll(async () => {
  program?.destroy()
  await e2e?.close()
})

async function command(cmd: Command): Promise<void> {
  const outcome = await program.control.send(cmd)
  if (!outcome.ok) throw new Error(`${cmd.type}: ${outcome.error} ${outcome.message}`)
}

function notes(page: Page) {
  return page.evaluate(() => window.__samskapCanvas?.getNotes() ?? [])
}

/** Texts of the notes on a board, as the facilitator's program has them. */
function textsAt(boardId: string): string[] {
  return program.getItemIds(boardId).flatMap((id) => {
    const item = program.getItem(id)
    return item && 'text' in item ? [item.text] : []
  })
}

/** Writes a note while offline, the facilitator locks the board meanwhile, and the page reconnects. */
async function writeOfflineOnLockedBoard(page: Page, setOffline: (offline: boolean) => Promise<void>, text: string): Promise<void> {
  await setOffline(true)
  await page.getByTestId('connection-status').filter({ hasText: /Frakoblet/ }).waitFor()
  await page.getByRole('button', { name: /Ny lapp/ }).click()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await waitFor(() => notes(page), (n) => n.some((note) => note.text === text), 'the offline note on the page')
  await command({ type: 'board.lock', boardId: canvasBoard, locked: true })
  await setOffline(false)
}

describe('a note refused because the board was locked while its author was offline', () => {
  it('is kept as "not applied" with its text, survives a reload, copies, and is placed where its author may write (desktop)', async () => {
    const per = await newPerson(e2e, 'Per', { viewport: { width: 1440, height: 900 } })
    await per.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await openWorkshop(per.page, created.links.participant, { board: true })
    const text = 'Flere benker langs elva, og lys på stien'
    await writeOfflineOnLockedBoard(per.page, (offline) => per.context.setOffline(offline), text)

    const notice = per.page.getByTestId('not-applied')
    await notice.filter({ hasText: text }).waitFor({ timeout: 20_000 })
    await waitFor(() => notes(per.page), (n) => !n.some((note) => note.text === text), 'the undone note to leave the board')
    expect(textsAt(canvasBoard)).not.toContain(text)
    expect(await notice.textContent()).toContain('Skrevet på «Tavle 1», som fasilitatoren låste.')
    // The only board that takes notes is locked: nowhere to place it yet, and it says so.
    await notice.getByText('Ingen tavle tar imot nye lapper fra deg akkurat nå.').waitFor()
    await per.page.screenshot({ path: 'test-results/e2e-not-applied-desktop.png' })

    // A reload (or a closed tab) loses nothing.
    await per.page.reload()
    await per.page.getByTestId('board-canvas').waitFor()
    await notice.filter({ hasText: text }).waitFor()

    await notice.getByRole('button', { name: 'Kopier teksten' }).click()
    await notice.getByRole('button', { name: 'Kopiert' }).waitFor()
    expect(await per.page.evaluate(() => navigator.clipboard.readText())).toBe(text)

    // The facilitator opens a board for everything else: the note can go there, as Per's own.
    const parking = program.addBoard('Parkeringsplass')
    await notice.getByRole('button', { name: 'Legg på «Parkeringsplass»' }).click()
    await notice.waitFor({ state: 'detached' })
    await per.page.getByTestId('session-toast').filter({ hasText: 'Lagt på «Parkeringsplass» som din egen lapp.' }).waitFor()
    await waitFor(async () => textsAt(parking), (texts) => texts.includes(text), 'the placed note at the facilitator')
    expect(per.page.url()).toContain(parking)
    await waitFor(() => notes(per.page), (n) => n.some((note) => note.text === text), 'the placed note on Per’s screen')
    await per.page.screenshot({ path: 'test-results/e2e-not-applied-placed-desktop.png' })
    // Placed is placed: a reload does not bring the notice back.
    await per.page.reload()
    await openWorkshop(per.page, `${e2e.baseUrl}/w/${created.id}`, { board: true })
    expect(await notice.count()).toBe(0)

    await command({ type: 'board.lock', boardId: canvasBoard, locked: false })
    await per.context.close()
  }, 180_000)

  it('on a phone: shown as not applied, and one tap places it on the board that is open', async () => {
    await command({ type: 'board.lock', boardId: canvasBoard, locked: false })
    const pia = await newPerson(e2e, 'Pia', phone)
    // A participant link on a phone opens the phone page (notes through the server, kept there by
    // its outbox); Pia chose the full board, where notes are edits to the document.
    await pia.context.addInitScript((key) => sessionStorage.setItem(key, '1'), `samskap.fullBoard.${created.id}`)
    await openWorkshop(pia.page, `${created.links.participant}`, { board: true })
    const text = 'Gatelys ved skolen'
    await writeOfflineOnLockedBoard(pia.page, (offline) => pia.context.setOffline(offline), text)

    const notice = pia.page.getByTestId('not-applied')
    await notice.filter({ hasText: text }).waitFor({ timeout: 20_000 })
    await waitFor(() => notes(pia.page), (n) => !n.some((note) => note.text === text), 'the undone note to leave the board')
    await pia.page.screenshot({ path: 'test-results/e2e-not-applied-phone.png' })

    const parking = program.getBoards().find((board) => board.title === 'Parkeringsplass')?.id ?? program.addBoard('Parkeringsplass')
    await notice.getByRole('button', { name: 'Legg på «Parkeringsplass»' }).tap()
    await notice.waitFor({ state: 'detached' })
    await waitFor(async () => textsAt(parking), (texts) => texts.includes(text), 'the placed note at the facilitator')
    await waitFor(() => notes(pia.page), (n) => n.some((note) => note.text === text), 'the placed note on Pia’s screen')
    await pia.page.screenshot({ path: 'test-results/e2e-not-applied-placed-phone.png' })

    await command({ type: 'board.lock', boardId: canvasBoard, locked: false })
    await pia.context.close()
  }, 180_000)
})
