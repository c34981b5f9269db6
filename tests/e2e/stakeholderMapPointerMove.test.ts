import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { countDrags, dragCounts } from './dragCounts'
import { createWorkshop, newPerson, openWorkshop, startE2E, waitFor, workshopUrl, type E2E } from './harness'

// WCAG 2.5.7 (Dragging Movements): a stakeholder card goes into a zone with clicks only: click the
// card, Move in its panel, click in the zone. Its group changes as with a drop; no pointer moved
// with a button held; one Ctrl+Z puts it back.

const SHOTS = '/tmp/pointer-shots'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const stakeholders = (page: Page) => page.evaluate(() => window.__samskapStakeholderMap?.getStakeholders() ?? [])
const zones = (page: Page) => page.evaluate(() => window.__samskapStakeholderMap?.getZones() ?? [])
const cardRect = (page: Page, id: string) => page.evaluate((cardId) => window.__samskapStakeholderMap?.cardScreenRect(cardId) ?? null, id)

/** Screen rects stop changing once the map has refitted itself to its content. */
async function settled<T>(read: () => Promise<T>): Promise<T> {
  let last = JSON.stringify(await read())
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100))
    const now = await read()
    if (JSON.stringify(now) === last) return now
    last = JSON.stringify(now)
  }
  throw new Error(`did not settle: ${last}`)
}

describe('moving a stakeholder card without dragging', () => {
  it('click the card, Move, click in a zone: the card is in that group, no drag happened, one Ctrl+Z undoes it', async () => {
    const id = await createWorkshop(e2e, 'Interessenter uten å dra')
    const { page } = await newPerson(e2e, 'Kari', { viewport: { width: 1440, height: 900 } })
    await countDrags(page)
    await openWorkshop(page, workshopUrl(e2e, id))
    await page.getByRole('button', { name: /Legg til tavle/ }).click()
    await page.getByRole('button', { name: /^Interessentkart/ }).click()
    const stage = page.getByTestId('stakeholder-map-canvas')
    await stage.waitFor()
    await page.waitForFunction(() => (window.__samskapStakeholderMap?.getZones().length ?? 0) === 5)

    await page.getByRole('button', { name: 'Ny interessent' }).click()
    const panel = page.getByTestId('stakeholder-panel')
    await panel.getByLabel('Navn').fill('Næringsforeningen')
    await panel.getByLabel('Navn').press('Enter')
    const [created] = await waitFor(() => stakeholders(page), (s) => s.length === 1 && s[0]!.name === 'Næringsforeningen', 'the new stakeholder')
    expect(created!.groupId).toBe('')
    await panel.getByRole('button', { name: 'Lukk' }).click()
    await panel.waitFor({ state: 'detached' })

    // Select the card with a click; its panel has Move.
    const rect = await settled(() => cardRect(page, created!.id))
    await page.mouse.click(rect!.x + rect!.w / 2, rect!.y + rect!.h / 2)
    await panel.waitFor()
    const move = panel.getByTestId('move-stakeholder')
    await move.click()
    const canvas = stage.locator('.sm-stage__canvas')
    await expect.poll(() => canvas.getAttribute('data-placing')).toBe('true')
    expect(await move.getAttribute('aria-pressed')).toBe('true')
    expect(await stage.getByTestId('placing-hint').textContent()).toMatch(/Klikk der det skal stå/)
    expect(await canvas.locator('canvas').first().evaluate((el) => getComputedStyle(el).cursor)).toBe('copy')
    await page.screenshot({ path: `${SHOTS}/map-placing.png` })

    // Click in the middle of "Privat sektor".
    const privateSector = (await settled(() => zones(page))).find((z) => z.label === 'Privat sektor')!
    const zr = privateSector.screenRect!
    await page.mouse.click(zr.x + zr.w / 2, zr.y + zr.h / 2)
    await waitFor(() => stakeholders(page), (s) => s[0]?.groupId === privateSector.groupId, 'the card in Privat sektor')
    expect(await canvas.getAttribute('data-placing')).toBe('false')
    // Drawn inside that zone, wherever the refit put the zone.
    const after = await settled(async () => ({ card: await cardRect(page, created!.id), zone: (await zones(page)).find((z) => z.groupId === privateSector.groupId)!.screenRect }))
    const centre = { x: after.card!.x + after.card!.w / 2, y: after.card!.y + after.card!.h / 2 }
    expect(centre.x).toBeGreaterThan(after.zone!.x)
    expect(centre.x).toBeLessThan(after.zone!.x + after.zone!.w)
    expect(centre.y).toBeGreaterThan(after.zone!.y)
    expect(centre.y).toBeLessThan(after.zone!.y + after.zone!.h)

    expect(await dragCounts(page)).toEqual({ dragstart: 0, buttonMoves: 0 })

    await page.keyboard.press('Control+z')
    await waitFor(() => stakeholders(page), (s) => s[0]?.groupId === '', 'the card back without a group')
  })
})
