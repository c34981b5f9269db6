import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkshopWithAccess, phone, startE2E, type E2E } from './harness'

// One person, one experience: a participant link opened on a phone lands on the phone page, as the
// join code does, with the whole board one tap away; on a laptop the same link opens the board, and
// the facilitator's link on a phone opens the board too.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

describe('a workshop link on a phone', () => {
  it('takes a participant to the phone page, and the full board is one tap away', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Nærmiljø Sentrum')
    const context = await e2e.browser.newContext({ ...phone, locale: 'nb-NO' })
    const page = await context.newPage()
    await page.goto(created.links.participant)
    await page.getByTestId('phone-question').waitFor()
    expect(new URL(page.url()).pathname).toBe(`/w/${created.id}/phone`)
    // No name prompt: the phone page writes as a guest until the person picks a name.
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(await page.getByTestId('board-canvas').count()).toBe(0)

    const guest = /Du skriver som «(Gjest \d+)»/.exec((await page.getByText(/Du skriver som «Gjest \d+»/).textContent()) ?? '')?.[1]
    expect(guest).toBeDefined()

    await page.getByRole('link', { name: 'Åpne hele tavla' }).click()
    await page.getByTestId('board-canvas').waitFor()
    expect(new URL(page.url()).pathname).toBe(`/w/${created.id}`)
    // The name the phone page wrote with is this person's on the board too: not asked again.
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(await page.evaluate((id) => localStorage.getItem(`samskap.name:${id}`), created.id)).toBe(guest)
    // A reload keeps the board this tab asked for.
    await page.reload()
    await page.getByTestId('board-canvas').waitFor()

    expect(await page.getByRole('dialog').count()).toBe(0)
    // And the way back is as clear: one link above the board, and the phone page stays chosen.
    await page.getByRole('link', { name: 'Tilbake til mobilsiden' }).click()
    await page.getByTestId('phone-question').waitFor()
    expect(new URL(page.url()).pathname).toBe(`/w/${created.id}/phone`)
    await page.goto(created.links.participant)
    await page.getByTestId('phone-question').waitFor()
    await context.close()
  })

  it('opens the board for a participant on a laptop and for the facilitator on a phone', async () => {
    const created = await createWorkshopWithAccess(e2e, 'Nærmiljø Sentrum')
    const laptop = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nb-NO' })
    const laptopPage = await laptop.newPage()
    await laptopPage.goto(created.links.participant)
    await laptopPage.getByTestId('board-canvas').waitFor()
    expect(new URL(laptopPage.url()).pathname).toBe(`/w/${created.id}`)
    await laptop.close()

    const facilitator = await e2e.browser.newContext({ ...phone, locale: 'nb-NO' })
    const facilitatorPage = await facilitator.newPage()
    await facilitatorPage.goto(created.links.facilitator)
    await facilitatorPage.getByTestId('board-canvas').waitFor()
    expect(new URL(facilitatorPage.url()).pathname).toBe(`/w/${created.id}`)
    await facilitator.close()
  })
})
