import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { createWorkshop, newPerson, openWorkshop, startE2E, type E2E, workshopUrl } from './harness'

// Two people fill in a challenge / solution / action board: Kari writes and links a chain and
// gives the action an owner, a due date and a status; Ola sees the chain as text on the cards, as
// connector curves, and in the sorted action list, marks the action done, and Kari sees it done.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** The card whose own text (not a listed link) contains `text`. */
function card(page: Page, text: string): Locator {
  return page.getByTestId('challenge-card').filter({ has: page.getByTestId('card-text').filter({ hasText: text }) })
}

async function addCard(page: Page, lane: 'challenge' | 'solution' | 'action', text: string): Promise<void> {
  const box = page.getByTestId(`add-${lane}`)
  await box.fill(text)
  await box.press('Enter')
  await card(page, text).waitFor()
}

async function link(page: Page, from: string, to: string): Promise<void> {
  await card(page, from).getByRole('button', { name: 'Koble', exact: true }).click()
  // Invalid partners say why; the valid one offers "Koble hit".
  await card(page, to).getByRole('button', { name: 'Koble hit' }).click()
  await page.getByTestId('link-banner').waitFor({ state: 'detached' })
}

const poll = { timeout: 15_000, interval: 50 }

describe('challenge / solution / action board', () => {
  it('a linked chain with an owned action reaches the other person and comes back done', async () => {
    const id = await createWorkshop(e2e, 'Frivillighet')
    const kari = await newPerson(e2e, 'Kari')
    const ola = await newPerson(e2e, 'Ola')
    const url = workshopUrl(e2e, id)
    await openWorkshop(kari.page, url)
    await openWorkshop(ola.page, url)

    // Kari adds the board from the template menu.
    await kari.page.getByRole('button', { name: 'Legg til tavle' }).first().click()
    await kari.page.getByRole('button', { name: /^Utfordringer og tiltak/ }).click()
    await kari.page.getByTestId('challenge-board').waitFor()
    await expect.poll(() => kari.page.getByRole('heading', { name: /Hva er de største utfordringene akkurat nå\?/ }).count(), poll).toBe(1)

    await addCard(kari.page, 'challenge', 'For få frivillige i idrettslagene')
    await addCard(kari.page, 'solution', 'Felles frivillighetssentral')
    await addCard(kari.page, 'action', 'Kartlegge tomme lokaler')
    await addCard(kari.page, 'action', 'Starte pilot med trenerkurs')
    await addCard(kari.page, 'action', 'Lage felles kalender')

    // challenge ← solution ← action; the first link is made from the challenge end.
    await card(kari.page, 'For få frivillige').getByRole('button', { name: 'Koble', exact: true }).click()
    await expect.poll(() => card(kari.page, 'Starte pilot').getByText('Kan ikke kobles: utfordringer og tiltak kobles via en løsning').count(), poll).toBe(1)
    await card(kari.page, 'Felles frivillighetssentral').getByRole('button', { name: 'Koble hit' }).click()
    await link(kari.page, 'Starte pilot', 'Felles frivillighetssentral')

    const action = card(kari.page, 'Starte pilot')
    const owner = action.getByRole('combobox', { name: 'Hvem' })
    await owner.fill('Idrettsrådet')
    await owner.press('Enter')
    // The due date shows once, in the UI language's format; pressing it opens the date field.
    const setDue = async (where: Locator, iso: string) => {
      await where.getByRole('button', { name: /^Frist:/ }).click()
      await where.locator('input[type=date]').fill(iso)
      await where.locator('input[type=date]').press('Enter')
    }
    await setDue(action, '2030-06-01')
    await expect.poll(() => action.getByTestId('card-due').textContent(), poll).toBe('1. juni 2030')
    expect(await action.locator('input[type=date]').count()).toBe(0)
    await action.locator('label', { hasText: 'Pågår' }).click()
    await setDue(card(kari.page, 'Lage felles kalender'), '2030-01-10')

    // Ola opens the board and sees the chain listed on the cards and drawn as two connectors.
    await ola.page.getByRole('tab', { name: 'Utfordringer og tiltak' }).click()
    await ola.page.getByTestId('challenge-board').waitFor()
    const linksText = (text: string) => card(ola.page, text).locator('.csa-links').textContent()
    await expect.poll(() => linksText('For få frivillige'), poll).toMatch(/Løses av:\s*Felles frivillighetssentral/)
    await expect.poll(() => linksText('Felles frivillighetssentral'), poll).toMatch(/Svarer på:\s*For få frivillige i idrettslagene/)
    await expect.poll(() => linksText('Felles frivillighetssentral'), poll).toMatch(/Gjennomføres av:\s*Starte pilot med trenerkurs/)
    await expect.poll(() => linksText('Starte pilot'), poll).toMatch(/Gjennomfører:\s*Felles frivillighetssentral/)
    const connectors = ola.page.getByTestId('challenge-connector')
    await expect.poll(() => connectors.count(), poll).toBe(2)
    expect(await connectors.evaluateAll((paths) => paths.map((p) => p.getAttribute('data-relation')).sort())).toEqual(['answers', 'carriesOut'])
    await ola.page.screenshot({ path: 'test-results/e2e-challenge-board-ola.png' })

    // The action list: open with a date, open without, then in progress.
    await ola.page.getByTestId('view-actions').click()
    const rows = ola.page.getByTestId('action-row')
    const rowTexts = () => rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('th')?.textContent?.trim() ?? ''))
    await expect.poll(rowTexts, poll).toEqual(['Lage felles kalender', 'Kartlegge tomme lokaler', 'Starte pilot med trenerkurs'])
    const pilot = rows.filter({ hasText: 'Starte pilot' })
    await expect.poll(() => pilot.getByRole('combobox').inputValue(), poll).toBe('Idrettsrådet')
    await expect.poll(() => pilot.getByRole('button', { name: /^Frist:/ }).textContent(), poll).toBe('1. juni 2030')
    // Once: no second rendering of the same date in another format.
    expect((await pilot.textContent())?.match(/2030/g)?.length).toBe(1)
    expect(await pilot.getByRole('radio', { name: 'Pågår' }).isChecked()).toBe(true)
    expect(await pilot.textContent()).toContain('Felles frivillighetssentral')
    expect(await pilot.textContent()).toContain('For få frivillige i idrettslagene')

    // Ola marks it done in the list; Kari sees it done on her card, in words.
    await pilot.locator('label', { hasText: 'Ferdig' }).click()
    await expect.poll(() => action.getByRole('radio', { name: /Ferdig/ }).isChecked(), poll).toBe(true)
    await expect.poll(() => action.locator('.csa-badge--done').textContent(), poll).toMatch(/Ferdig/)
    // and the view choice is Ola's alone: Kari still sees the lanes
    expect(await kari.page.getByTestId('lane-challenge').count()).toBe(1)

    await kari.context.close()
    await ola.context.close()
  })
})
