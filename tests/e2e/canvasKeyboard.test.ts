import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createWorkshop, newPerson, openWorkshop, startE2E, type E2E, workshopUrl } from './harness'

// The free canvas by keyboard alone (no mouse events at all): Tab walks the items in reading order
// and the focused item is described, arrows move it, Enter edits it, Tab past the end leaves.
// Another person hears Kari's new notes summarised in the polite live region.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const notes = (page: Page) => page.evaluate(() => window.__samskapCanvas?.getNotes() ?? [])
const selection = (page: Page) => page.evaluate(() => window.__samskapCanvas?.getSelection() ?? [])
const description = (page: Page) => page.getByTestId('canvas-focus-description').innerText()

describe('the canvas by keyboard', () => {
  it('Tab focuses items in reading order, arrows move, Enter edits, and others hear a summary', async () => {
    const id = await createWorkshop(e2e, 'Tastatur')
    const kari = await newPerson(e2e, 'Kari')
    const ola = await newPerson(e2e, 'Ola')
    const url = workshopUrl(e2e, id)
    await openWorkshop(kari.page, url, { status: /Tilkoblet/ })
    await openWorkshop(ola.page, url, { status: /Tilkoblet/ })
    const page = kari.page
    await page.getByTestId('board-canvas').waitFor()
    await page.getByTestId('board-canvas').focus()

    // Each text goes in as one input (insertText), not a key per letter: the three notes are one burst
    // (settled after 1 s) even on a loaded machine, where typing letter by letter could pause past it.
    for (const text of ['Trygg skolevei', 'Flere benker', 'Lys i parken']) {
      await page.keyboard.press('n')
      await page.keyboard.insertText(text)
      await page.keyboard.press('Escape')
    }
    await expect.poll(async () => (await notes(page)).length).toBe(3)
    // Ola hears one summary, not three announcements.
    await expect.poll(() => ola.page.getByTestId('remote-announcer').innerText(), { timeout: 15_000 }).toBe('Kari la til 3 lapper.')

    await page.keyboard.press('Escape')
    await expect.poll(() => selection(page)).toEqual([])
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('board-canvas')

    // Tab and Shift+Tab: one item at a time, selection and description agree.
    const visited: string[] = []
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab')
      await expect.poll(async () => (await selection(page)).length).toBe(1)
      const [selected] = await selection(page)
      expect(visited).not.toContain(selected)
      visited.push(selected!)
      await expect.poll(() => description(page)).toMatch(new RegExp(`^Lapp ${i + 1} av 3: `))
    }
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => selection(page)).toEqual([visited[1]])
    await expect.poll(() => description(page)).toMatch(/^Lapp 2 av 3: /)

    // Arrow keys move the focused note.
    const before = (await notes(page)).find((n) => n.id === visited[1])!
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowDown')
    await expect.poll(async () => (await notes(page)).find((n) => n.id === visited[1])!.x).toBeGreaterThan(before.x)
    const moved = (await notes(page)).find((n) => n.id === visited[1])!
    expect(moved.y).toBeGreaterThan(before.y)
    expect(await selection(page)).toEqual([visited[1]])

    // Enter edits it; Escape leaves the editor and keeps the focus on the note.
    await page.keyboard.press('Enter')
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('Benker ved elva')
    await page.keyboard.press('Escape')
    await expect.poll(() => description(page)).toMatch(/^Lapp \d av 3: Benker ved elva$/)

    // Tab past the last item leaves the canvas.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).not.toBe('board-canvas')

    // Ola sees the result.
    await expect
      .poll(async () => (await notes(ola.page)).find((n) => n.id === visited[1]))
      .toMatchObject({ text: 'Benker ved elva', x: moved.x, y: moved.y })
    await page.screenshot({ path: 'test-results/e2e-canvas-keyboard.png' })
    await kari.context.close()
    await ola.context.close()
  })
})
