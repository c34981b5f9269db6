import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { countDrags, dragCounts } from './dragCounts'
import { createWorkshop, newPerson, openWorkshop, startE2E, waitFor, workshopUrl, type E2E } from './harness'

// WCAG 2.5.7 (Dragging Movements): a note on the free canvas moves with clicks only: select it,
// press Move, click where it should go. No pointer moves with a button held, no drag events, and
// one Ctrl+Z puts it back.

const SHOTS = '/tmp/pointer-shots'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const noteOf = (page: Page, id: string) => page.evaluate((noteId) => window.__samskapCanvas?.getNotes().find((n) => n.id === noteId) ?? null, id)

describe('moving on the free canvas without dragging', () => {
  it('select, Move, click: the note is centred there, no drag happened, one Ctrl+Z undoes it', async () => {
    const id = await createWorkshop(e2e, 'Flytt uten å dra')
    const { page } = await newPerson(e2e, 'Kari', { viewport: { width: 1440, height: 900 } })
    await countDrags(page)
    await openWorkshop(page, workshopUrl(e2e, id), { board: true })
    const canvas = page.getByTestId('board-canvas')
    const box = (await canvas.boundingBox())!

    await canvas.click({ position: { x: 40, y: 40 } })
    await page.keyboard.press('n')
    await page.keyboard.type('Benker ved biblioteket')
    await page.keyboard.press('Escape')
    const [note] = await waitFor(() => page.evaluate(() => window.__samskapCanvas?.getNotes() ?? []), (list) => list.length === 1 && list[0]!.text !== '', 'one note')
    const before = note!
    await page.keyboard.press('Escape') // nothing selected: the click below is what selects it

    // Select with a click, then Move.
    const rect = await page.evaluate((noteId) => window.__samskapCanvas?.noteScreenRect(noteId) ?? null, before.id)
    await page.mouse.click(rect!.x + rect!.w / 2, rect!.y + rect!.h / 2)
    await waitFor(() => page.evaluate(() => window.__samskapCanvas?.getSelection() ?? []), (s) => s.length === 1 && s[0] === before.id, 'the note selected')
    await page.getByTestId('move-selection').click()
    await expect.poll(() => canvas.getAttribute('data-placing')).toBe('true')
    await expect.poll(() => page.getByTestId('placing-hint').textContent()).toMatch(/Klikk der det skal stå/)
    expect(await page.getByTestId('move-selection').getAttribute('aria-pressed')).toBe('true')
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="board-canvas"] canvas')!).cursor)).toBe('copy')
    await page.screenshot({ path: `${SHOTS}/canvas-placing.png` })

    // The destination: a click far to the right and down, on empty board.
    const target = { x: box.x + 1000, y: box.y + 560 }
    await page.mouse.click(target.x, target.y)
    const camera = await page.evaluate(() => window.__samskapCanvas!.getCamera())
    const board = { x: (target.x - box.x - camera.x) / camera.scale, y: (target.y - box.y - camera.y) / camera.scale }
    const moved = await waitFor(() => noteOf(page, before.id), (n) => n !== null && n.x !== before.x, 'the note moved')
    expect(Math.abs(moved!.x + moved!.w / 2 - board.x)).toBeLessThanOrEqual(1)
    expect(Math.abs(moved!.y + moved!.h / 2 - board.y)).toBeLessThanOrEqual(1)
    expect(await canvas.getAttribute('data-placing')).toBe('false')
    expect(await page.getByTestId('placing-hint').isHidden()).toBe(true)

    // No drag of any kind happened.
    expect(await dragCounts(page)).toEqual({ dragstart: 0, buttonMoves: 0 })

    // One undo step.
    await page.keyboard.press('Control+z')
    const back = await waitFor(() => noteOf(page, before.id), (n) => n !== null && n.x === before.x, 'the note back')
    expect({ x: back!.x, y: back!.y }).toEqual({ x: before.x, y: before.y })
  })

  it('Escape and Move again stop picking a destination; nothing moves', async () => {
    const id = await createWorkshop(e2e, 'Flytt avbrutt')
    const { page } = await newPerson(e2e, 'Ola', { viewport: { width: 1440, height: 900 } })
    await openWorkshop(page, workshopUrl(e2e, id), { board: true })
    const canvas = page.getByTestId('board-canvas')
    await canvas.click({ position: { x: 40, y: 40 } })
    await page.keyboard.press('n')
    await page.keyboard.type('Lekeplass')
    await page.keyboard.press('Escape')
    const [note] = await waitFor(() => page.evaluate(() => window.__samskapCanvas?.getNotes() ?? []), (list) => list.length === 1, 'one note')
    const rect = await page.evaluate((noteId) => window.__samskapCanvas?.noteScreenRect(noteId) ?? null, note!.id)
    await page.mouse.click(rect!.x + rect!.w / 2, rect!.y + rect!.h / 2)
    await page.getByTestId('move-selection').click()
    await expect.poll(() => canvas.getAttribute('data-placing')).toBe('true')
    await page.keyboard.press('Escape')
    await expect.poll(() => canvas.getAttribute('data-placing')).toBe('false')
    expect(await page.evaluate(() => window.__samskapCanvas?.getSelection() ?? [])).toEqual([note!.id])
    await page.getByTestId('move-selection').click()
    await page.getByTestId('move-selection').click()
    await expect.poll(() => canvas.getAttribute('data-placing')).toBe('false')
    // The click on empty space now selects nothing, as usual, and moves nothing.
    await page.mouse.click(rect!.x + 600, rect!.y + 300)
    expect(await noteOf(page, note!.id)).toMatchObject({ x: note!.x, y: note!.y })
  })
})
