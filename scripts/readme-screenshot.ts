/**
 * The README's picture of the first five minutes: a facilitator's laptop after residents' notes came
 * in from their phones and were revealed, beside one resident's phone. Run after `npx vite build`:
 * `npx tsx scripts/readme-screenshot.ts` writes docs/images/first-five-minutes.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { phone, rememberWorkshop, startE2E, workshopUrl } from '../tests/e2e/harness'

const OUT = join(import.meta.dirname, '..', 'docs', 'images', 'first-five-minutes.png')
const laptop = { width: 1440, height: 900 }

const e2e = await startE2E()
try {
  const created = await fetch(`${e2e.baseUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Our park', language: 'en', boardTitle: 'Ideas' }),
  })
  const workshop = (await created.json()) as Parameters<typeof rememberWorkshop>[0]
  rememberWorkshop(workshop)
  const person = async (name: string, options: object): Promise<BrowserContext> => {
    const context = await e2e.browser.newContext({ ...options, locale: 'en-GB' })
    await context.addInitScript(
      ([n]) => {
        localStorage.setItem('samskap.name', n!)
        localStorage.setItem('samskap.language', 'en')
      },
      [name],
    )
    return context
  }
  const section = async (page: Page, name: string): Promise<Locator> => {
    if ((await page.getByTestId('facilitation-panel').count()) === 0) await page.getByTestId('facilitation-button').click()
    const heading = page.getByRole('button', { name: new RegExp(`^${name}`) })
    const found = page.getByTestId('facilitation-panel').locator('.panel-section', { has: heading })
    const toggle = found.locator('.panel-section__toggle')
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
    return found
  }

  const facilitator = await person('Kari', {})
  const control = await facilitator.newPage()
  await control.setViewportSize(laptop)
  await control.goto(workshopUrl(e2e, workshop.id))
  await control.getByTestId('connection-status').filter({ hasText: 'Connected' }).waitFor()
  const prompt = await section(control, 'Question on phones')
  await prompt.getByLabel('The question').fill('What would you like in the park?')
  await prompt.getByRole('button', { name: 'Save', exact: true }).click()
  const writing = await section(control, 'Private writing')
  await writing.getByRole('button', { name: 'Start writing', exact: true }).click()

  const ideas = [
    ['Amina', ['Benches in the shade', 'Lights along the path in the evening']],
    ['Ola', ['A fenced area for dogs', 'Benches by the pond']],
    ['Sofie', ['Water fountain by the playground', 'Keep the old oak trees']],
  ] as const
  let lastPhone: Page | undefined
  for (const [name, notes] of ideas) {
    const context = await person(name, phone)
    const mobile = await context.newPage()
    await mobile.goto(`${e2e.baseUrl}/join/${workshop.code}`)
    await mobile.getByRole('heading', { name: 'What would you like in the park?' }).waitFor()
    for (const note of notes) {
      await mobile.getByLabel('Write a note').fill(note)
      await mobile.getByRole('button', { name: 'Add', exact: true }).click()
      await mobile.getByTestId('phone-own-note').filter({ hasText: note }).waitFor()
    }
    lastPhone = mobile
  }
  await writing.getByRole('button', { name: /^Reveal all notes/ }).click()
  await control.waitForFunction(() => (window.__samskapCanvas?.getNotes().length ?? 0) >= 6)
  await control.waitForTimeout(800)
  const laptopShot = await control.screenshot({ animations: 'disabled' })
  const phoneShot = await lastPhone!.screenshot({ animations: 'disabled' })

  // Both pictures side by side on one page, photographed once.
  const sheet = await (await e2e.browser.newContext({ viewport: { width: 1600, height: 860 } })).newPage()
  const src = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`
  await sheet.setContent(`<body style="margin:0;background:#eef1f4;display:flex;gap:28px;align-items:center;justify-content:center;height:100vh">
    <img src="${src(laptopShot)}" style="width:1180px;border-radius:8px;box-shadow:0 6px 24px #0003">
    <img src="${src(phoneShot)}" style="width:330px;border-radius:22px;border:8px solid #222;box-shadow:0 6px 24px #0003"></body>`)
  await sheet.screenshot({ path: OUT })
  console.log(`wrote ${OUT} (${readFileSync(OUT).length} bytes)`)
} finally {
  await e2e.close()
}
