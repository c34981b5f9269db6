import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkshop, newPerson, openWorkshop, startE2E, workshopUrl, type E2E } from './harness'

// Grouping residents' notes by theme, as a facilitator does it: Samskap suggests themes from the
// words the notes share, the facilitator renames one and merges two, then lays the notes out in
// labelled clusters on the board; one undo takes the whole layout back.

const SHOTS = '/tmp/themes'
let e2e: E2E
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

interface Placed {
  id: string
  kind: string
  text: string
  x: number
  y: number
  w: number
  h: number
}

async function boardItems(page: Page): Promise<Placed[]> {
  return page.evaluate(() => {
    const hook = window.__samskapCanvas!
    return hook.getItems().map((item) => {
      const record = hook.getItem(item.id) as { text?: string } | null
      return { ...item, text: record?.text ?? '' }
    })
  })
}

describe('themes', () => {
  it('suggest, rename, merge, accept: labelled clusters on the board, and one undo takes them back', async () => {
    const { page } = await newPerson(e2e, 'Kari', { viewport: { width: 1440, height: 900 } })
    const id = await createWorkshop(e2e, 'Parken')
    await openWorkshop(page, workshopUrl(e2e, id), { board: true })
    const ideas = ['Flere benker i parken', 'Benker ved dammen', 'En benk i skyggen', 'Lys langs stien', 'Bedre lys om kvelden', 'Trygg vei til skolen', 'Trygg sykkelvei', 'Is i kiosken']
    await page.getByTestId('board-canvas').click({ position: { x: 200, y: 200 } })
    for (const text of ideas) {
      await page.keyboard.press('n')
      await page.keyboard.type(text)
      await page.keyboard.press('Escape')
    }
    await expect.poll(() => page.evaluate(() => window.__samskapCanvas?.getNotes().length ?? 0)).toBe(ideas.length)
    const before = await boardItems(page)

    await page.getByTestId('facilitation-button').click()
    const section = page.getByTestId('facilitation-themes')
    await section.getByRole('button', { name: /^Tema/ }).click()
    await section.getByRole('button', { name: 'Foreslå tema (8 notater)' }).click()
    const themes = section.getByTestId('theme')
    await expect.poll(() => themes.count()).toBe(3)
    const names = () => themes.getByLabel('Navn på temaet').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
    expect(await names()).toEqual(['Benker', 'Lys', 'Trygg'])
    expect(await section.getByTestId('themes-ungrouped').textContent()).toBe('1 notat passer ikke i noe tema og legges under «Andre».')
    await page.screenshot({ path: `${SHOTS}/suggested.png` })

    // Rename, then merge two: the first keeps its (new) name.
    await themes.nth(1).getByLabel('Navn på temaet').fill('Lys og trygghet')
    await themes.nth(1).getByRole('checkbox').check()
    await themes.nth(2).getByRole('checkbox').check()
    await section.getByRole('button', { name: 'Slå sammen valgte (2)' }).click()
    await expect.poll(() => themes.count()).toBe(2)
    expect(await names()).toEqual(['Benker', 'Lys og trygghet'])
    expect(await themes.nth(1).textContent()).toContain('4 notater')

    // Accept: one plan lays the notes out under three labels.
    await section.getByRole('button', { name: 'Legg notatene ut i grupper på tavla' }).click()
    await expect.poll(() => section.getByTestId('themes-status').textContent()).toBe('Notatene ligger nå i 3 grupper på tavla.')
    const after = await boardItems(page)
    const labels = after.filter((item) => item.kind === 'text').sort((a, b) => a.y - b.y || a.x - b.x)
    expect(labels.map((l) => l.text)).toEqual(['Benker', 'Lys og trygghet', 'Andre'])
    const under = (label: string) => {
      const l = labels.find((x) => x.text === label)!
      return after.filter((n) => n.kind === 'note' && n.x >= l.x && n.x + n.w <= l.x + l.w && n.y > l.y && n.y < l.y + 1200).map((n) => n.text).sort()
    }
    expect(under('Benker')).toEqual(['Benker ved dammen', 'En benk i skyggen', 'Flere benker i parken'])
    expect(under('Lys og trygghet')).toEqual(['Bedre lys om kvelden', 'Lys langs stien', 'Trygg sykkelvei', 'Trygg vei til skolen'])
    expect(under('Andre')).toEqual(['Is i kiosken'])
    await page.getByTestId('facilitation-button').click()
    await page.screenshot({ path: `${SHOTS}/laid-out.png` })

    // One undo (the canvas's own Ctrl+Z) takes it all back: no labels, every note where it was.
    await page.getByTestId('board-canvas').focus()
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await boardItems(page)).filter((item) => item.kind === 'text').length).toBe(0)
    const back = await boardItems(page)
    expect(back.map(({ id, x, y }) => ({ id, x, y }))).toEqual(before.map(({ id, x, y }) => ({ id, x, y })))
  })
})
