import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createWorkshop, facilitatorToken, newPerson, openWorkshop, phone, startE2E, type E2E, workshopUrl } from './harness'

// A makes a checkpoint before voting, B changes the board, A compares and restores: B sees the
// restored board live, and history keeps both the checkpoint and the state that was replaced.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

type NoteView = { id: string; text: string }

function notes(page: Page): Promise<NoteView[]> {
  return page.evaluate(() => window.__samskapCanvas?.getNotes() ?? [])
}

async function noteTexts(page: Page): Promise<string[]> {
  return (await notes(page)).map((n) => n.text).sort()
}

async function addNote(page: Page, text: string): Promise<void> {
  const before = (await notes(page)).length
  await page.getByTestId('board-canvas').click({ position: { x: 40, y: 40 } })
  await page.keyboard.press('n')
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await expect.poll(async () => (await notes(page)).length).toBe(before + 1)
}

async function deleteNote(page: Page, text: string): Promise<void> {
  const note = (await notes(page)).find((n) => n.text === text)
  if (!note) throw new Error(`no note ${text}`)
  const rect = await page.evaluate((id) => window.__samskapCanvas?.noteScreenRect(id) ?? null, note.id)
  if (!rect) throw new Error(`note ${text} is not on screen`)
  await page.keyboard.press('Escape')
  await page.mouse.click(rect.x + rect.w / 2, rect.y + 10)
  await page.keyboard.press('Delete')
  await expect.poll(() => noteTexts(page)).not.toContain(text)
}

async function historyLabels(workshopId: string): Promise<string[]> {
  const response = await fetch(`${e2e.baseUrl}/api/workshops/${workshopId}/history`, {
    headers: { authorization: `Bearer ${facilitatorToken(workshopId)}` },
  })
  const body = (await response.json()) as { entries: { kind: string; label: string }[] }
  return body.entries.filter((e) => e.kind === 'checkpoint').map((e) => e.label)
}

describe('history', () => {
  it('checkpoint, change, compare and restore: the other person sees the restored board live', async () => {
    const id = await createWorkshop(e2e, 'Følgegruppe')
    const url = workshopUrl(e2e, id)
    const a = await newPerson(e2e, 'Anne')
    const b = await newPerson(e2e, 'Bjørn')
    await openWorkshop(a.page, url, { board: true })
    await openWorkshop(b.page, url, { board: true })

    for (const text of ['Benker langs elva', 'Mer lys', 'Lekeplass']) await addNote(a.page, text)
    const original = ['Benker langs elva', 'Lekeplass', 'Mer lys']
    await expect.poll(() => noteTexts(b.page), { timeout: 15_000 }).toEqual(original)

    // A: a checkpoint before voting.
    await a.page.getByRole('button', { name: /^Historikk/ }).click()
    // One dialog; its name follows the view (list, one entry, the confirmation).
    const dialog = a.page.getByRole('dialog')
    await a.page.getByRole('dialog', { name: 'Historikk' }).waitFor()
    await dialog.getByRole('textbox', { name: 'Navn på sjekkpunkt' }).fill('før avstemning')
    await dialog.getByRole('button', { name: 'Lag sjekkpunkt' }).click()
    await dialog.getByRole('status').filter({ hasText: 'Sjekkpunktet «før avstemning» er lagret.' }).waitFor()
    await dialog.getByRole('button', { name: /^før avstemning Sjekkpunkt/ }).waitFor()
    // An empty label is refused with a message, and nothing is stored.
    await dialog.getByRole('button', { name: 'Lag sjekkpunkt' }).click()
    await dialog.getByRole('alert').filter({ hasText: 'Gi sjekkpunktet et navn.' }).waitFor()
    expect(await historyLabels(id)).toEqual(['før avstemning'])

    // B: deletes a note and adds two.
    await deleteNote(b.page, 'Mer lys')
    await addNote(b.page, 'Parkering')
    await addNote(b.page, 'Sykkelstativ')
    const changed = ['Benker langs elva', 'Lekeplass', 'Parkering', 'Sykkelstativ']
    await expect.poll(() => noteTexts(a.page), { timeout: 15_000 }).toEqual(changed)

    // A: opens the checkpoint and sees the counts differ, then and now.
    await dialog.getByRole('button', { name: /^før avstemning Sjekkpunkt/ }).click()
    const counts = dialog.getByRole('table', { name: 'Antall da og nå' })
    await counts.waitFor()
    await expect.poll(() => counts.getByRole('row', { name: /Lapper/ }).innerText()).toMatch(/Lapper\s+3\s+4/)
    await dialog.getByText('Lapper: 3 → 4').waitFor()
    await dialog.getByRole('listitem').filter({ hasText: /^Mer lys$/ }).waitFor()
    await a.page.screenshot({ path: 'test-results/e2e-history-detail.png' })

    // Restore, with a confirmation that says what will change.
    await a.page.getByRole('dialog', { name: 'før avstemning' }).waitFor()
    await dialog.getByRole('button', { name: 'Gjenopprett denne versjonen' }).click()
    await a.page.getByRole('dialog', { name: 'Gjenopprette «før avstemning»?' }).getByText('Lapper: 4 → 3').waitFor()
    await a.page.screenshot({ path: 'test-results/e2e-history-confirm.png' })
    await a.page.getByRole('button', { name: 'Gjenopprett', exact: true }).click()
    await dialog.getByRole('status').filter({ hasText: /er gjenopprettet/ }).waitFor()

    // B sees the restored state live; A too.
    await expect.poll(() => noteTexts(b.page), { timeout: 15_000 }).toEqual(original)
    expect(await noteTexts(a.page)).toEqual(original)

    // History kept the checkpoint and the state that was replaced.
    await dialog.getByRole('button', { name: /^Før gjenoppretting / }).waitFor()
    await dialog.getByRole('button', { name: /^før avstemning Sjekkpunkt/ }).waitFor()
    const labels = await historyLabels(id)
    expect(labels).toHaveLength(2)
    expect(labels[0]).toMatch(/^Før gjenoppretting /)
    expect(labels[1]).toBe('før avstemning')

    // Undo takes back the restore, for A alone as one step.
    await a.page.getByRole('button', { name: 'Lukk' }).click()
    await a.page.getByTestId('board-canvas').click({ position: { x: 40, y: 40 } })
    await a.page.keyboard.press('ControlOrMeta+Z')
    await expect.poll(() => noteTexts(b.page), { timeout: 15_000 }).toEqual(changed)
    await a.context.close()
    await b.context.close()
  })

  it('works on a phone: the dialog fits and the list is reachable', async () => {
    const id = await createWorkshop(e2e, 'Studietur')
    const person = await newPerson(e2e, 'Per', phone)
    await openWorkshop(person.page, workshopUrl(e2e, id), { board: true })
    // On a phone "Historikk" sits in the top bar's "Mer" menu.
    await person.page.getByRole('button', { name: 'Mer' }).click()
    await person.page.getByRole('button', { name: /^Historikk/ }).click()
    const dialog = person.page.getByRole('dialog', { name: 'Historikk' })
    await dialog.getByRole('textbox', { name: 'Navn på sjekkpunkt' }).fill('etter besøket')
    await dialog.getByRole('button', { name: 'Lag sjekkpunkt' }).click()
    await dialog.getByRole('button', { name: /^etter besøket/ }).waitFor()
    const box = await dialog.boundingBox()
    expect(box!.width).toBeLessThanOrEqual(390)
    await person.page.screenshot({ path: 'test-results/e2e-history-phone.png' })
    await person.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    // Escape closed the dialog only; the next Escape closes the menu and puts focus back on "Mer".
    const more = person.page.getByRole('button', { name: 'Mer' })
    expect(await more.getAttribute('aria-expanded')).toBe('true')
    await person.page.keyboard.press('Escape')
    await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false')
    await expect.poll(() => person.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('more-menu-button')
    await person.context.close()
  })
})
