import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkshop, newPerson, openWorkshop, startE2E, type E2E, workshopUrl } from './harness'

// The workshop kit as a facilitator uses it: three linked boards from one menu choice, a stakeholder
// made on the map is a row of the matrix and an owner suggestion on the challenge board, and a
// rename on the map is seen in the matrix by someone else.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

describe('the workshop kit', () => {
  it('links map, matrix and challenge board through the same stakeholder records', async () => {
    const id = await createWorkshop(e2e, 'Frivillighet 2030')
    const kari = await newPerson(e2e, 'Kari')
    const ola = await newPerson(e2e, 'Ola')
    const url = workshopUrl(e2e, id)
    await openWorkshop(kari.page, url, { status: /Tilkoblet/ })
    await openWorkshop(ola.page, url, { status: /Tilkoblet/ })

    // One choice adds three boards, after the first one.
    await kari.page.getByRole('button', { name: 'Legg til tavle' }).first().click()
    // The menu names the boards as their tabs will be named, and the kit's line names the same three.
    const choiceNames = await kari.page.locator('.add-board-menu__choice strong').allInnerTexts()
    expect(choiceNames).toEqual(['Interessentkart', 'Involvering', 'Utfordringer og tiltak', 'Lerret', 'Workshop-pakke'])
    expect(await kari.page.getByRole('button', { name: /Workshop-pakke/ }).innerText()).toContain('«Interessentkart», «Involvering» og «Utfordringer og tiltak»')
    await kari.page.getByRole('button', { name: /Workshop-pakke/ }).click()
    const tabs = kari.page.getByRole('tab')
    await expect.poll(() => tabs.allInnerTexts()).toEqual(['Tavle 1', 'Interessentkart', 'Involvering', 'Utfordringer og tiltak'])
    await expect.poll(() => ola.page.getByRole('tab').allInnerTexts()).toEqual(['Tavle 1', 'Interessentkart', 'Involvering', 'Utfordringer og tiltak'])

    // Kari is taken to the map and adds a stakeholder there.
    await kari.page.getByTestId('stakeholder-map-canvas').waitFor()
    await kari.page.getByRole('button', { name: 'Ny interessent' }).click()
    const panel = kari.page.getByTestId('stakeholder-panel')
    await panel.getByLabel('Navn').fill('Frivilligsentralen')
    await panel.getByLabel('Navn').press('Enter')

    // Ola opens the matrix: the stakeholder is a row.
    await ola.page.getByRole('tab', { name: 'Involvering' }).click()
    const olaRowName = ola.page.getByTestId('matrix-row-name')
    await expect.poll(() => olaRowName.allInnerTexts()).toEqual(['Frivilligsentralen'])
    await ola.page.getByRole('button', { name: 'Sett ønsket nivå for Frivilligsentralen: Partnerskap' }).click()

    // Kari renames it on the map; Ola's matrix row follows, and his marker stays on the record.
    await panel.getByLabel('Navn').fill('Frivilligsentralen i Bydel Sør')
    await panel.getByLabel('Navn').press('Enter')
    await expect.poll(() => olaRowName.allInnerTexts()).toEqual(['Frivilligsentralen i Bydel Sør'])
    await expect
      .poll(() => ola.page.getByTestId('matrix-summary').innerText())
      .toMatch(/1 interessent/)

    // On the challenge board, the map's stakeholders are offered as action owners.
    await ola.page.getByRole('tab', { name: 'Utfordringer og tiltak' }).click()
    await ola.page.getByTestId('challenge-board').waitFor()
    await expect
      .poll(() => ola.page.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)))
      .toContain('Frivilligsentralen i Bydel Sør')

    await ola.page.screenshot({ path: 'test-results/e2e-kit-challenges.png' })
    await kari.context.close()
    await ola.context.close()
  })
})
