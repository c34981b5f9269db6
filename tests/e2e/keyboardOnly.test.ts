import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createWorkshop, newPerson, openWorkshop, startE2E, type E2E, workshopUrl } from './harness'

// Issue 4: a person with only a keyboard builds a stakeholder map, an involvement matrix and a
// challenge → solution → action chain in the outline views. Not one mouse event: only page.goto,
// page.keyboard and reading which element has focus. Someone else checks the result on the
// ordinary boards.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

interface Focused {
  tag: string
  id: string
  /** Accessible-ish name: its label's text, aria-label, or its own text. */
  name: string
  value: string
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return { tag: '', id: '', name: '', value: '' }
    const labelled = el.getAttribute('aria-labelledby')
    const label =
      ('labels' in el && (el as HTMLInputElement).labels?.[0]?.textContent) ||
      el.getAttribute('aria-label') ||
      (labelled ? document.getElementById(labelled)?.textContent : '') ||
      el.textContent ||
      ''
    return { tag: el.tagName.toLowerCase(), id: el.id, name: label.replace(/\s+/g, ' ').trim(), value: 'value' in el ? String((el as HTMLInputElement).value) : '' }
  })
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches; fails after `max` presses. */
async function tabTo(page: Page, name: string | RegExp, options: { back?: boolean; max?: number } = {}): Promise<Focused> {
  const matches = (f: Focused) => (typeof name === 'string' ? f.name === name : name.test(f.name))
  const max = options.max ?? 80
  for (let i = 0; i <= max; i++) {
    const now = await focused(page)
    if (i > 0 && matches(now)) return now
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`no focusable element named ${String(name)} within ${max} presses; at ${JSON.stringify(await focused(page))}`)
}

/** Types into the focused field after selecting what is there, then leaves it with Tab (which saves). */
async function replaceAndLeave(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A')
  await page.keyboard.type(text)
  await page.keyboard.press('Tab')
}

async function expectFocus(page: Page, name: string | RegExp): Promise<void> {
  await expect.poll(async () => (await focused(page)).name).toMatch(name)
}

describe('keyboard only, in the outline views', () => {
  it('builds a stakeholder map, a matrix and a linked chain with owner, date and status; another person sees it all', async () => {
    const id = await createWorkshop(e2e, 'Tastaturverksted')
    const kari = await newPerson(e2e, 'Kari')
    const url = workshopUrl(e2e, id)
    await openWorkshop(kari.page, url, { status: /Tilkoblet/ })
    const page = kari.page
    const mouseEvents: string[] = []
    await page.exposeFunction('__reportMouse', (type: string) => mouseEvents.push(type))
    await page.evaluate(() => {
      for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'pointermove', 'dblclick', 'wheel']) {
        window.addEventListener(type, (e) => {
          // A keyboard "click" on a button is a synthetic click with no pointer (detail 0): allowed.
          if (type === 'click' && (e as MouseEvent).detail === 0) return
          ;(window as unknown as { __reportMouse(t: string): void }).__reportMouse(type)
        }, true)
      }
    })

    // ---- the workshop kit, from the "Legg til tavle" menu ----
    await tabTo(page, 'Legg til tavle')
    await page.keyboard.press('Enter')
    await tabTo(page, /Workshop-pakke/)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('Interessentkart')

    // ---- stakeholder map, in its outline (Alt+Shift+O) ----
    await page.keyboard.press('Alt+Shift+O')
    await expectFocus(page, 'Interessentkart – disposisjon')
    await tabTo(page, 'Legg til interessent i Myndigheter')
    await page.keyboard.press('Enter')
    // Focus lands in the new stakeholder's name, its placeholder name selected.
    await expectFocus(page, 'Navn')
    await page.keyboard.type('Statsforvalteren')
    await page.keyboard.press('Tab') // leaves the name (saved); on to Gruppe
    await expectFocus(page, 'Gruppe')
    await page.keyboard.press('Tab') // Påvirkning: 3 → 5
    await expectFocus(page, 'Påvirkning')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab') // Interesse: 3 → 2
    await expectFocus(page, 'Interesse')
    await page.keyboard.press('ArrowUp')

    // The second one starts under Myndigheter too, then moves to the civil-society group by its select.
    await tabTo(page, 'Legg til interessent i Myndigheter')
    await page.keyboard.press('Enter')
    await expectFocus(page, 'Navn')
    await page.keyboard.type('Frivilligsentralen')
    await page.keyboard.press('Tab')
    await expectFocus(page, 'Gruppe')
    const groupSelect = (await focused(page)).id
    await page.keyboard.press('ArrowDown') // Myndigheter → Samfunn og sivilsamfunn
    // The card moved to its new group's list, and focus moved with it.
    await expect.poll(() => page.getByTestId('outline-stakeholder-group').filter({ has: page.getByRole('heading', { level: 3, name: /^Samfunn og sivilsamfunn/ }) }).getByTestId('outline-stakeholder').count()).toBe(1)
    await expect.poll(async () => (await focused(page)).id).toBe(groupSelect)
    await page.keyboard.press('Tab') // Påvirkning 3 → 2
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Tab') // Interesse 3 → 5
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab') // Kontaktperson
    await expectFocus(page, 'Kontaktperson')
    await page.keyboard.type('Kari Nordmann')
    await page.keyboard.press('Tab')

    // ---- the matrix: to its tab by keyboard (arrow keys in the tab list), then its outline ----
    await tabTo(page, 'Interessentkart', { back: true, max: 200 })
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('Involvering')
    await page.keyboard.press('Alt+Shift+O')
    await expectFocus(page, 'Involvering – disposisjon')
    await tabTo(page, 'Nå-nivå for Statsforvalteren')
    await page.keyboard.press('ArrowDown') // Ikke satt → 1
    await page.keyboard.press('ArrowDown') // → 2 Konsultasjon
    await page.keyboard.press('Tab')
    await expectFocus(page, 'Ønsket nivå for Statsforvalteren')
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown') // → 5 Partnerskap
    const outlineRow = page.getByTestId('outline-matrix-row').filter({ hasText: 'Statsforvalteren' })
    await expect.poll(() => outlineRow.getByTestId('outline-matrix-gap').innerText()).toBe('3 trinn opp')

    // ---- the challenge board ----
    await tabTo(page, 'Involvering', { back: true, max: 200 })
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('Utfordringer og tiltak')
    await page.keyboard.press('Alt+Shift+O')
    await expectFocus(page, 'Utfordringer og tiltak – disposisjon')

    await tabTo(page, 'Ny utfordring')
    await page.keyboard.type('For få frivillige')
    await page.keyboard.press('Enter')
    await expectFocus(page, 'Tekst') // the new card's text field
    await tabTo(page, 'Ny løsning')
    await page.keyboard.type('Felles rekruttering')
    await page.keyboard.press('Enter')
    await expectFocus(page, 'Tekst')
    // Link the solution to the challenge: "Koble til …" offers only valid cards.
    await tabTo(page, 'Koble til …')
    await expect.poll(async () => (await focused(page)).value).not.toBe('')
    await page.keyboard.press('Tab')
    await expectFocus(page, 'Koble')
    await page.keyboard.press('Enter')
    await expectFocus(page, 'Fjern koblingen til Utfordring 1: For få frivillige')

    await tabTo(page, 'Nytt tiltak')
    await page.keyboard.type('Rekrutteringsdag i mai')
    await page.keyboard.press('Enter')
    await expectFocus(page, 'Tekst')
    await tabTo(page, 'Hvem')
    await page.keyboard.type('Kari Nordmann')
    await page.keyboard.press('Tab')
    await expectFocus(page, 'Frist')
    // A wrong date is refused in words and kept for correcting.
    await page.keyboard.type('31.05.2027')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByText('Fristen må være en dato skrevet ÅÅÅÅ-MM-DD').count()).toBe(1)
    await replaceAndLeave(page, '2027-05-31')
    await expectFocus(page, 'Status')
    await page.keyboard.press('ArrowDown') // Ikke startet → Pågår
    await tabTo(page, 'Koble til …')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expectFocus(page, 'Fjern koblingen til Løsning 1: Felles rekruttering')

    expect(mouseEvents).toEqual([])

    // ---- Ola, on the ordinary boards ----
    const ola = await newPerson(e2e, 'Ola')
    await ola.page.goto(url)
    // Synced once the boards Kari added are there (the connection badge can lag under load).
    await ola.page.getByRole('tab', { name: 'Interessentkart' }).click()
    await ola.page.getByTestId('stakeholder-map-canvas').waitFor()
    const onMap = () =>
      ola.page.evaluate(() =>
        (window.__samskapStakeholderMap?.getStakeholders() ?? [])
          .map((s) => ({ name: s.name, group: s.groupLabel, influence: s.influence, interest: s.interest }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      )
    await expect.poll(onMap).toEqual([
      { name: 'Frivilligsentralen', group: 'Samfunn og sivilsamfunn', influence: 2, interest: 5 },
      { name: 'Statsforvalteren', group: 'Myndigheter', influence: 5, interest: 2 },
    ])

    await ola.page.getByRole('tab', { name: 'Involvering' }).click()
    const row = ola.page.getByTestId('matrix-row').filter({ hasText: 'Statsforvalteren' })
    await expect.poll(() => row.getByTestId('matrix-gap').innerText()).toMatch(/\+3\b/)

    await ola.page.getByRole('tab', { name: 'Utfordringer og tiltak' }).click()
    const cards = ola.page.getByTestId('challenge-card')
    await expect.poll(() => cards.count()).toBe(3)
    await expect.poll(() => ola.page.getByTestId('challenge-connector').count()).toBe(2)
    const action = cards.filter({ hasText: 'Rekrutteringsdag i mai' })
    await expect.poll(() => action.getByLabel('Hvem').inputValue()).toBe('Kari Nordmann')
    await expect.poll(() => action.getByTestId('card-due').innerText()).toMatch(/2027/)
    await expect.poll(() => action.getByRole('radio', { name: 'Pågår' }).isChecked()).toBe(true)

    await kari.context.close()
    await ola.context.close()
  }, 120_000)
})
