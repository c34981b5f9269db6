import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { board, card, link } from '../../shared/followup/testWorkshops'
import type { NoteRecord } from '../../shared/schema/records/note'
import { connectControl, synced, waitFor as waitForServer } from '../server/helpers'
import { audit } from './axeAudit'
import { newPerson, waitFor } from './harness'
import { staffE2EForFile } from './staffHarness'

/*
 * Issue 17 in Chromium, as staff use it after a meeting: a meeting closed with three actions; in a
 * second browser the action register changes one's status and the open board shows it at once;
 * the knowledge bank finds a note by a word in it and opens it on its board. Screenshots of both
 * pages on a desktop and a phone, and axe on each.
 */

const shots = join(import.meta.dirname, '..', '..', 'test-results', 'followup')
const staff = staffE2EForFile(shots, { searchIndexDelayMs: 50 })
const { resources, signIn } = staff

function note(id: string, boardId: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId, x: 120, y: 140, w: 160, h: 160, color: 'yellow', text, createdAt: Date.now(), sdgs: [17], dimension: 'social' }
}

/** The meeting as it ended: a challenge board with three owned actions and a canvas note, written by the facilitator's client. */
async function closeMeeting(workshop: CreatedWorkshop): Promise<{ canvasId: string }> {
  const client = connectControl(resources, staff.e2e.baseUrl, workshop.id, workshop.token)
  await synced(client.provider)
  const { boards, items } = getWorkshopMaps(client.doc)
  const canvasId = [...boards.keys()][0]!
  client.doc.transact(() => {
    boards.set('cb', createRecordMap(board('cb', 'challengeBoard', 'a1', 'Hvem gjør hva')))
    for (const record of [
      card('c1', 'cb', 'challenge', 'a0', { text: 'For få møteplasser for ungdom' }),
      card('s1', 'cb', 'solution', 'a0', { text: 'Åpne skolen på kveldstid' }),
      card('a1', 'cb', 'action', 'a0', { text: 'Ringe rektor om nøkler', owner: 'Ola Hansen', dueDate: '2026-01-15', sdgs: [11] }),
      card('a2', 'cb', 'action', 'a1', { text: 'Søke midler fra fylket', owner: 'Ola Hansen og Siri', dueDate: '2030-03-01' }),
      card('a3', 'cb', 'action', 'a2', { text: 'Invitere idrettslaget', owner: 'Kari', status: 'inProgress' }),
      link('k1', 'cb', 's1', 'c1', 'answers'),
      link('k2', 'cb', 'a1', 's1', 'carriesOut'),
      link('k3', 'cb', 'a2', 's1', 'carriesOut'),
      link('k4', 'cb', 'a3', 's1', 'carriesOut'),
      note('n1', canvasId, 'Ungdommene ønsker seg en skatepark ved fjorden'),
    ]) {
      items.set(record.id, createRecordMap(record))
    }
  })
  await waitForServer(() => client.provider.ws?.bufferedAmount === 0, 'the meeting is sent')
  client.provider.destroy()
  return { canvasId }
}

describe('action register and knowledge bank in the browser', () => {
  it('changes an action from the register live on the open board, and finds a note by a word', async () => {
    const board = await newPerson(staff.e2e, 'Ola', { viewport: { width: 1440, height: 900 } })
    await signIn(board.page, 'ola')
    const created = await board.page.request.post(`${staff.e2e.baseUrl}/api/workshops`, { data: { title: 'Ungdomsrådet mai', language: 'nb' }, headers: { origin: staff.e2e.baseUrl } })
    expect(created.status()).toBe(201)
    const workshop = (await created.json()) as CreatedWorkshop
    await closeMeeting(workshop)

    // The board is open in one browser, on the action list.
    await board.page.goto(`${staff.e2e.baseUrl}/w/${workshop.id}?board=cb`)
    await board.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    const onBoard = board.page.locator('[data-card-id="a1"]')
    await onBoard.waitFor()

    // The register in a second browser, from the home page's link.
    const desk = await newPerson(staff.e2e, 'Ola på kontoret', { viewport: { width: 1440, height: 900 } })
    await signIn(desk.page, 'ola')
    await desk.page.getByTestId('register-link').click()
    await desk.page.waitForURL(`${staff.e2e.baseUrl}/actions`)
    const rows = desk.page.getByTestId('register-row')
    await waitFor(() => rows.count(), (n) => n === 3, 'three actions in the register')
    const first = rows.filter({ hasText: 'Ringe rektor om nøkler' })
    expect(await first.textContent()).toContain('For få møteplasser for ungdom')
    expect(await desk.page.getByTestId('challenge-progress').textContent()).toContain('0 av 3 gjort')

    // Views: "Mine" is Ola's two, "Over fristen" the January one.
    await desk.page.getByText('Mine', { exact: true }).click()
    await waitFor(() => rows.count(), (n) => n === 2, 'Ola’s own two')
    await desk.page.getByText('Over fristen', { exact: true }).click()
    await waitFor(() => rows.count(), (n) => n === 1, 'one overdue')
    await desk.page.getByText('Alle tiltak', { exact: true }).click()
    await waitFor(() => rows.count(), (n) => n === 3, 'all three again')
    await desk.page.screenshot({ path: join(shots, 'register-desktop.png'), fullPage: true })
    expect(await audit(desk.page, 'register')).toEqual([])

    // Done from the register: the open board shows it without a reload.
    await first.getByRole('combobox', { name: /Status for «Ringe rektor om nøkler»/ }).selectOption('done')
    await desk.page.getByText('Lagret: «Ringe rektor om nøkler» – Ferdig.').waitFor()
    await waitFor(() => onBoard.locator('.csa-badge--done').count(), (n) => n === 1, 'the board shows the action done')
    await waitFor(() => desk.page.getByTestId('challenge-progress').textContent(), (text) => (text ?? '').includes('1 av 3 gjort'), 'progress counts it')

    // A new due date from the register, too.
    const second = rows.filter({ hasText: 'Søke midler fra fylket' })
    const due = second.getByLabel('Frist for «Søke midler fra fylket»')
    await due.fill('2030-04-15')
    await due.blur()
    await desk.page.getByText(/Lagret: «Søke midler fra fylket»/).waitFor()

    // A follow-up workshop from the open actions: the two not done, on its challenge board, as its facilitator.
    await desk.page.getByTestId('start-follow-up').click()
    await desk.page.waitForURL((url) => url.pathname.startsWith('/w/') && !url.pathname.includes(workshop.id))
    await desk.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    const carried = desk.page.locator('[data-lane="action"][data-testid="challenge-card"]')
    await waitFor(() => carried.allTextContents(), (texts) => texts.length === 2, 'two open actions taken over')
    expect((await carried.allTextContents()).join(' ')).toMatch(/Søke midler fra fylket.*Invitere idrettslaget/)
    expect(await desk.page.title()).toContain('Ungdomsrådet mai – oppfølging')

    // The knowledge bank finds the note by one word and opens it on its board, selected.
    await desk.page.goto(`${staff.e2e.baseUrl}/actions`)
    await desk.page.getByRole('link', { name: 'Kunnskapsbank' }).first().click()
    await desk.page.getByLabel('Søk etter').fill('skatepark')
    await desk.page.getByRole('button', { name: 'Søk' }).click()
    const result = desk.page.getByTestId('search-result').filter({ hasText: 'skatepark' })
    await result.waitFor()
    expect(await desk.page.getByTestId('search-group').first().textContent()).toContain('Ungdomsrådet mai')
    await desk.page.screenshot({ path: join(shots, 'search-desktop.png'), fullPage: true })
    expect(await audit(desk.page, 'search')).toEqual([])
    await desk.page.getByLabel('Søk etter').fill('ingenting-slikt')
    await desk.page.getByRole('button', { name: 'Søk' }).click()
    await desk.page.getByText('Fant ingenting for «ingenting-slikt».', { exact: false }).waitFor()
    await desk.page.goBack()
    await result.getByRole('link').click()
    await desk.page.waitForURL(/\/w\/[^?]+\?board=.*&item=n1/)
    await desk.page.getByTestId('board-canvas').waitFor()
    await waitFor(
      () => desk.page.evaluate(() => document.querySelector('[data-testid="board-canvas"]')?.closest('.board-view')?.textContent ?? ''),
      (text) => text.includes('skatepark'),
      'the note is selected and described',
    )

    // The same pages on a phone.
    const phone = await newPerson(staff.e2e, 'Ola på mobilen', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 })
    await signIn(phone.page, 'ola')
    await phone.page.goto(`${staff.e2e.baseUrl}/actions`)
    // Five now: the three and the two the follow-up took over.
    await waitFor(() => phone.page.getByTestId('register-row').count(), (n) => n === 5, 'the register on a phone')
    await phone.page.screenshot({ path: join(shots, 'register-phone.png'), fullPage: true })
    expect(await audit(phone.page, 'register phone')).toEqual([])
    await phone.page.goto(`${staff.e2e.baseUrl}/search?q=skatepark`)
    await phone.page.getByTestId('search-result').first().waitFor()
    await phone.page.screenshot({ path: join(shots, 'search-phone.png'), fullPage: true })
    expect(await audit(phone.page, 'search phone')).toEqual([])

    // Siri, another staff member, sees none of it.
    const siri = await newPerson(staff.e2e, 'Siri')
    await signIn(siri.page, 'siri')
    await siri.page.goto(`${staff.e2e.baseUrl}/actions`)
    await siri.page.getByText('Ingen tiltak ennå.', { exact: false }).waitFor()
    await siri.page.goto(`${staff.e2e.baseUrl}/search?q=skatepark`)
    await siri.page.getByText('Fant ingenting for «skatepark».', { exact: false }).waitFor()

    for (const person of [board, desk, phone, siri]) await person.context.close()
  }, 240_000)
})
