import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { StakeholderMapTestHook } from '../../client/src/boards/stakeholderMap/stakeholderMapTestHook'
import { createWorkshop, newPerson, openWorkshop, startE2E, type E2E, workshopUrl } from './harness'

// Two people on one stakeholder map: A adds a stakeholder, drags it into a zone and rates it;
// B sees it in that group and in the right quadrant of the grid, edits the plan table; A sees it.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

type Stakeholder = ReturnType<StakeholderMapTestHook['getStakeholders']>[number]

function stakeholders(page: Page): Promise<Stakeholder[]> {
  return page.evaluate(() => window.__samskapStakeholderMap?.getStakeholders() ?? [])
}

async function waitForStakeholders(page: Page, predicate: (list: Stakeholder[]) => boolean, what: string): Promise<Stakeholder[]> {
  const deadline = Date.now() + 15_000
  let last: Stakeholder[] = []
  while (Date.now() < deadline) {
    last = await stakeholders(page)
    if (predicate(last)) return last
    await page.waitForTimeout(50)
  }
  throw new Error(`timed out waiting for ${what}; stakeholders were ${JSON.stringify(last)}`)
}

type Zone = ReturnType<StakeholderMapTestHook['getZones']>[number]

/** The zone as drawn once the map has stopped refitting (the same screen rect twice in a row). */
async function settledZone(page: Page, label: string): Promise<Zone> {
  const deadline = Date.now() + 5_000
  let last = ''
  while (Date.now() < deadline) {
    const zone = (await page.evaluate(() => window.__samskapStakeholderMap?.getZones() ?? [])).find((z) => z.label === label)
    const key = JSON.stringify(zone?.screenRect ?? null)
    if (zone?.screenRect && key === last) return zone
    last = key
    await page.waitForTimeout(100)
  }
  throw new Error(`zone ${label} did not settle on screen; last rect ${last}`)
}

async function cardCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  const rect = await page.evaluate((cardId) => window.__samskapStakeholderMap?.cardScreenRect(cardId) ?? null, id)
  if (!rect) throw new Error(`card ${id} is not on screen`)
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + 15, from.y + 15, { steps: 3 })
  await page.mouse.move(to.x, to.y, { steps: 10 })
  await page.mouse.up()
}

describe('stakeholder map', () => {
  it('a stakeholder dragged into a zone and rated is seen by the other person in map, grid and plan', async () => {
    const id = await createWorkshop(e2e, 'Interessenter')
    const url = workshopUrl(e2e, id)
    const kari = await newPerson(e2e, 'Kari')
    const ola = await newPerson(e2e, 'Ola')
    await openWorkshop(kari.page, url)
    await openWorkshop(ola.page, url)

    // A adds a stakeholder map; it starts with the five translated default groups.
    await kari.page.getByRole('button', { name: /Legg til tavle/ }).click()
    await kari.page.getByRole('button', { name: /^Interessentkart/ }).click()
    await kari.page.getByTestId('stakeholder-map-canvas').waitFor()
    await kari.page.waitForFunction(() => (window.__samskapStakeholderMap?.getZones().length ?? 0) === 5)
    const zones = await kari.page.evaluate(() => window.__samskapStakeholderMap!.getZones())
    expect(zones.map((z) => z.label)).toEqual(['Myndigheter', 'Samfunn og sivilsamfunn', 'Kommunens egne driftsenheter', 'Privat sektor', 'Kunnskapsmiljøer'])

    // Add a stakeholder: the panel opens with the name selected.
    await kari.page.getByRole('button', { name: 'Ny interessent' }).click()
    const panel = kari.page.getByTestId('stakeholder-panel')
    await panel.getByLabel('Navn').fill('Næringsforeningen')
    await panel.getByLabel('Navn').press('Enter')
    const [created] = await waitForStakeholders(kari.page, (s) => s.length === 1 && s[0]!.name === 'Næringsforeningen', 'the new stakeholder')
    expect(created!.groupId).toBe('')

    // Drag it into the private sector zone, aimed at where the zone is drawn now: until someone moves
    // the camera the map refits to its content, so the opened panel and the new unsorted card move it.
    const privateSector = await settledZone(kari.page, 'Privat sektor')
    const target = { x: privateSector.screenRect!.x + privateSector.screenRect!.w / 2, y: privateSector.screenRect!.y + privateSector.screenRect!.h / 2 }
    await drag(kari.page, await cardCentre(kari.page, created!.id), target)
    await waitForStakeholders(kari.page, (s) => s[0]?.groupId === privateSector.groupId, 'the card in Privat sektor')
    await expectValue(panel.getByLabel('Gruppe'), privateSector.groupId)

    // Influence 5, interest 2.
    await panel.getByRole('radio', { name: 'Påvirkning 5 av 5' }).click()
    await panel.getByRole('radio', { name: 'Interesse 2 av 5' }).click()
    await waitForStakeholders(kari.page, (s) => s[0]?.influence === 5 && s[0].interest === 2, 'the ratings at Kari')

    // B opens the map and sees it in that group.
    await ola.page.getByRole('tab', { name: 'Interessentkart' }).click()
    await ola.page.getByTestId('stakeholder-map-canvas').waitFor()
    const atOla = await waitForStakeholders(
      ola.page,
      (s) => s[0]?.groupId === privateSector.groupId && s[0].influence === 5 && s[0].interest === 2,
      'the rated stakeholder at Ola',
    )
    expect(atOla[0]!.groupLabel).toBe('Privat sektor')

    // B switches to the grid: the card is in "Hold tilfreds" (keep satisfied), drawn in its top-left quadrant.
    await ola.page.getByRole('button', { name: 'Påvirkning/interesse' }).click()
    await ola.page.getByTestId('stakeholder-grid-canvas').waitFor()
    expect(await ola.page.evaluate(() => window.__samskapStakeholderMap!.getView())).toBe('grid')
    expect(atOla[0]!.quadrant).toBe('keepSatisfied')
    const gridRect = await ola.page.evaluate((cardId) => window.__samskapStakeholderMap!.cardScreenRect(cardId), created!.id)
    const canvasBox = (await ola.page.getByTestId('stakeholder-grid-canvas').boundingBox())!
    expect(gridRect).not.toBeNull()
    expect(gridRect!.x).toBeGreaterThanOrEqual(canvasBox.x)
    expect(gridRect!.x + gridRect!.w / 2).toBeLessThan(canvasBox.x + canvasBox.width / 2)

    // B edits the channel in the communication plan table.
    await ola.page.getByRole('button', { name: 'Kommunikasjonsplan' }).click()
    const channel = ola.page.getByRole('textbox', { name: 'Hvordan (kanal) for Næringsforeningen' })
    await channel.fill('Nyhetsbrev og frokostmøte')
    await channel.press('Enter')

    // A sees the new channel.
    await waitForStakeholders(kari.page, (s) => s[0]?.channel === 'Nyhetsbrev og frokostmøte', 'the channel at Kari')
    await expectValue(panel.getByLabel('Kanal (hvordan)'), 'Nyhetsbrev og frokostmøte')
    await kari.page.screenshot({ path: 'test-results/e2e-stakeholder-map-kari.png' })
    await ola.page.screenshot({ path: 'test-results/e2e-stakeholder-plan-ola.png' })

    await kari.context.close()
    await ola.context.close()
  })
})

async function expectValue(locator: ReturnType<Page['getByLabel']>, value: string): Promise<void> {
  const deadline = Date.now() + 10_000
  let last = ''
  while (Date.now() < deadline) {
    last = await locator.inputValue()
    if (last === value) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  expect(last).toBe(value)
}
