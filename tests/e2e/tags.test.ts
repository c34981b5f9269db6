import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { createWorkshop, newPerson, openWorkshop, startE2E, type E2E, workshopUrl } from './harness'

// Tags on the structured boards: Kari adds the workshop kit, tags a challenge card with SDG 11 and
// a stakeholder with SDG 17 and "social"; Ola sees the badge on the HTML card and the tags on the
// Konva card (through the map's test hook), then filters the challenge board by SDG 11.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const poll = { timeout: 15_000, interval: 50 }

function card(page: Page, text: string): Locator {
  return page.getByTestId('challenge-card').filter({ has: page.getByTestId('card-text').filter({ hasText: text }) })
}

async function addCard(page: Page, lane: 'challenge' | 'solution' | 'action', text: string): Promise<void> {
  const box = page.getByTestId(`add-${lane}`)
  await box.fill(text)
  await box.press('Enter')
  await card(page, text).waitFor()
}

function stakeholders(page: Page) {
  return page.evaluate(() => window.__samskapStakeholderMap?.getStakeholders() ?? [])
}

describe('tags on the challenge board and the stakeholder map', () => {
  it('tags set by one person show as badges for the other, who filters by them', async () => {
    const id = await createWorkshop(e2e, 'Bærekraft')
    const url = workshopUrl(e2e, id)
    const kari = await newPerson(e2e, 'Kari')
    const ola = await newPerson(e2e, 'Ola')
    await openWorkshop(kari.page, url)
    await openWorkshop(ola.page, url)

    await kari.page.getByRole('button', { name: 'Legg til tavle' }).first().click()
    await kari.page.getByRole('button', { name: /^Workshop-pakke/ }).click()

    // Challenge board: two cards, the first tagged with SDG 11 through the card's Tagger popover.
    await kari.page.getByRole('tab', { name: 'Utfordringer og tiltak' }).click()
    await kari.page.getByTestId('challenge-board').waitFor()
    await addCard(kari.page, 'challenge', 'For lite grøntareal i sentrum')
    await addCard(kari.page, 'challenge', 'Lav valgdeltakelse')
    await addCard(kari.page, 'solution', 'Parsellhager på tomme tomter')
    const tagged = card(kari.page, 'For lite grøntareal')
    await tagged.getByRole('button', { name: /^Tagger for/ }).click()
    await tagged.getByTestId('card-tag-picker').getByRole('checkbox', { name: /Bærekraftige byer og lokalsamfunn/ }).check()
    await tagged.getByTestId('card-tag-picker').getByRole('button', { name: 'Ferdig' }).click()
    await expect.poll(() => tagged.getByTestId('card-sdg').getAttribute('data-sdg'), poll).toBe('11')

    // Stakeholder map: a new stakeholder tagged with SDG 17 and "social" in the side panel.
    await kari.page.getByRole('tab', { name: 'Interessentkart' }).click()
    await kari.page.getByTestId('stakeholder-map-canvas').waitFor()
    await kari.page.getByRole('button', { name: 'Ny interessent' }).click()
    const panel = kari.page.getByTestId('stakeholder-panel')
    await panel.getByRole('checkbox', { name: /Samarbeid for å nå målene/ }).check()
    await panel.getByRole('radio', { name: 'Sosial' }).check()
    await expect.poll(async () => (await stakeholders(kari.page)).map((s) => [s.sdgs, s.dimension]), poll).toEqual([[[17], 'social']])

    // Ola sees the stakeholder's tags on the map...
    await ola.page.getByRole('tab', { name: 'Interessentkart' }).click()
    await ola.page.getByTestId('stakeholder-map-canvas').waitFor()
    await expect.poll(async () => (await stakeholders(ola.page)).map((s) => [s.sdgs, s.dimension]), poll).toEqual([[[17], 'social']])

    // ...and the SDG 11 badge on the challenge card, named in words, not by colour alone.
    await ola.page.getByRole('tab', { name: 'Utfordringer og tiltak' }).click()
    await ola.page.getByTestId('challenge-board').waitFor()
    const olaTagged = card(ola.page, 'For lite grøntareal')
    await expect.poll(() => olaTagged.getByTestId('card-sdg').textContent(), poll).toContain('Bærekraftsmål 11: Bærekraftige byer og lokalsamfunn')
    await expect.poll(() => olaTagged.getByTestId('card-sdg').locator('.sk-sdg-badge').textContent(), poll).toBe('11')
    expect(await card(ola.page, 'Lav valgdeltakelse').getByTestId('card-sdg').count()).toBe(0)

    // Ola filters by SDG 11: one of three cards matches, the others are faded, not removed.
    await ola.page.getByTestId('tag-filter-toggle').click()
    await ola.page.getByRole('button', { name: 'Bærekraftsmål 11: Bærekraftige byer og lokalsamfunn' }).click()
    await expect.poll(() => ola.page.getByTestId('tag-filter-count').textContent(), poll).toBe('Viser 1 av 3')
    await expect.poll(() => ola.page.locator('[data-testid="challenge-card"][data-filtered-out]').count(), poll).toBe(2)
    expect(await olaTagged.getAttribute('data-filtered-out')).toBeNull()

    // The filter is Ola's alone: Kari's board is not faded.
    await kari.page.getByRole('tab', { name: 'Utfordringer og tiltak' }).click()
    await kari.page.getByTestId('challenge-board').waitFor()
    expect(await kari.page.locator('[data-testid="challenge-card"][data-filtered-out]').count()).toBe(0)

    await kari.context.close()
    await ola.context.close()
  })
})
