import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { countDrags, dragCounts } from './dragCounts'
import { createWorkshop, newPerson, openWorkshop, startE2E, waitFor, workshopUrl, type E2E } from './harness'

// WCAG 2.5.7 (Dragging Movements), the rest of the free canvas: a note resized with "Larger" and
// "Smaller", an arrow drawn with "Connect to…" and one of its ends moved by picking another note,
// all with clicks only (no pointer moves with a button held, no drag events).

const SHOTS = '/tmp/pointer-shots'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const itemOf = (page: Page, id: string) => page.evaluate((itemId) => window.__samskapCanvas?.getItem(itemId) ?? null, id)

async function addNote(page: Page, text: string): Promise<string> {
  const before = await page.evaluate(() => window.__samskapCanvas?.getNotes().length ?? 0)
  await page.getByTestId('board-canvas').click({ position: { x: 40, y: 40 } })
  await page.keyboard.press('n')
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  const notes = await waitFor(() => page.evaluate(() => window.__samskapCanvas?.getNotes() ?? []), (list) => list.length === before + 1 && list.some((n) => n.text === text), text)
  return notes.find((n) => n.text === text)!.id
}

async function clickItem(page: Page, id: string) {
  await page.keyboard.press('Escape')
  const rect = await page.evaluate((itemId) => window.__samskapCanvas?.itemScreenRect(itemId) ?? null, id)
  // New notes cascade over each other: the top-left corner is the one that shows.
  await page.mouse.click(rect!.x + 10, rect!.y + 10)
  await waitFor(() => page.evaluate(() => window.__samskapCanvas?.getSelection() ?? []), (s) => s.length === 1 && s[0] === id, 'selected')
}

describe('resizing and arrows on the free canvas without dragging', () => {
  it('Larger and Smaller resize a note about its centre, one undo step each', async () => {
    const id = await createWorkshop(e2e, 'Størrelse uten å dra')
    const { page } = await newPerson(e2e, 'Kari', { viewport: { width: 1440, height: 900 } })
    await countDrags(page)
    await openWorkshop(page, workshopUrl(e2e, id), { board: true })
    const noteId = await addNote(page, 'Benker ved biblioteket')
    await clickItem(page, noteId)
    const before = (await itemOf(page, noteId)) as { x: number; y: number; w: number; h: number }

    await page.getByTestId('size-larger').click()
    const larger = (await waitFor(() => itemOf(page, noteId), (n) => (n as { w: number } | null)?.w !== before.w, 'larger')) as unknown as typeof before
    expect(larger.w).toBe(Math.round(before.w * 1.25))
    expect(larger.x + larger.w / 2).toBeCloseTo(before.x + before.w / 2, 0)
    await page.screenshot({ path: `${SHOTS}/canvas-larger.png` })

    await page.getByTestId('size-smaller').click()
    await waitFor(() => itemOf(page, noteId), (n) => (n as { w: number } | null)?.w === before.w, 'back to its size')
    await page.keyboard.press('Control+z')
    await waitFor(() => itemOf(page, noteId), (n) => (n as { w: number } | null)?.w === larger.w, 'undo: larger again')
    expect(await dragCounts(page)).toEqual({ dragstart: 0, buttonMoves: 0 })
  })

  it('Connect to… draws an arrow between two notes; its end moves to a third from a list', async () => {
    const id = await createWorkshop(e2e, 'Piler uten å dra')
    const { page } = await newPerson(e2e, 'Ola', { viewport: { width: 1440, height: 900 } })
    await countDrags(page)
    await openWorkshop(page, workshopUrl(e2e, id), { board: true })
    const a = await addNote(page, 'Utfordring: ensomhet')
    const b = await addNote(page, 'Løsning: møteplass')
    const c = await addNote(page, 'Tiltak: kafé')

    await clickItem(page, a)
    await page.getByTestId('connect-button').click()
    const list = page.getByTestId('connect-to')
    await expect.poll(() => list.getByRole('button').allTextContents()).toEqual(['Lapp: Løsning: møteplass', 'Lapp: Tiltak: kafé', 'Avbryt'])
    await page.screenshot({ path: `${SHOTS}/canvas-connect-to.png` })
    await list.getByRole('button', { name: 'Lapp: Løsning: møteplass' }).click()

    const [arrowId] = await waitFor(() => page.evaluate(() => window.__samskapCanvas?.getSelection() ?? []), (s) => s.length === 1 && s[0] !== a, 'the new arrow selected')
    expect(await itemOf(page, arrowId!)).toMatchObject({ kind: 'connector', from: { itemId: a }, to: { itemId: b } })

    await page.getByTestId('connect-button').click()
    const ends = page.getByTestId('arrow-ends')
    expect(await ends.getByTestId('arrow-to').inputValue()).toBe(b)
    await page.screenshot({ path: `${SHOTS}/canvas-arrow-ends.png` })
    await ends.getByTestId('arrow-to').selectOption(c)
    await waitFor(() => itemOf(page, arrowId!), (item) => JSON.stringify((item as { to?: unknown } | null)?.to) === JSON.stringify({ itemId: c }), 'the end moved to the third note')
    await page.keyboard.press('Escape')
    await expect.poll(() => ends.count()).toBe(0)

    expect(await dragCounts(page)).toEqual({ dragstart: 0, buttonMoves: 0 })
    await page.keyboard.press('Control+z')
    await waitFor(() => itemOf(page, arrowId!), (item) => JSON.stringify((item as { to?: unknown } | null)?.to) === JSON.stringify({ itemId: b }), 'undo puts the end back')
  })
})
