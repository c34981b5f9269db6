import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestIdentityProvider } from '../oidc/TestIdentityProvider'
import { desktop, newPerson, startE2E, waitFor, type E2E } from './harness'

/*
 * Staff sign-in in Chromium against a real OpenID provider started in this process (oidc-provider):
 * the home page's "Logg inn" through the provider's form and back, a workshop created by a
 * signed-in person, a colleague added as co-facilitator who gets the facilitator role in a second
 * browser without any link, and "Logg ut" through the provider's logout.
 */

const shots = join(import.meta.dirname, '..', '..', 'test-results', 'staff-sign-in')
let e2e: E2E
let idp: TestIdentityProvider

beforeAll(async () => {
  idp = await TestIdentityProvider.listen()
  e2e = await startE2E({ auth: idp.authSettings() })
  idp.register([e2e.baseUrl])
})

afterAll(async () => {
  await e2e?.close()
  await idp?.close()
})

/** Clicks "Logg inn" on the page it is on and signs in at the provider's form as `login`. */
async function signIn(page: Page, login: string): Promise<void> {
  await page.getByTestId('sign-in').click()
  await page.getByLabel('Brukernavn').fill(login)
  await page.getByRole('button', { name: 'Logg inn' }).click()
  await page.getByTestId('staff-bar').waitFor()
}

describe('staff sign-in in the browser', () => {
  it('signs in, creates a workshop, adds a co-facilitator who is facilitator on another browser, and signs out', async () => {
    const ola = await newPerson(e2e, 'Ola', desktop)
    await ola.page.goto(e2e.baseUrl)
    // Not signed in: creating asks for sign-in, and says residents need no account.
    await ola.page.getByTestId('sign-in-to-create').waitFor()
    expect(await ola.page.getByLabel('Hva skal workshopen hete?').count()).toBe(0)

    await signIn(ola.page, 'ola')
    expect(ola.page.url()).toBe(`${e2e.baseUrl}/`)
    expect(await ola.page.getByTestId('staff-bar').textContent()).toContain('Ola Hansen')
    // Not an administrator: no link to /admin.
    expect(await ola.page.getByRole('link', { name: 'Administrasjon' }).count()).toBe(0)

    // Siri signs in once on her own browser, so Ola can find her.
    const siri = await newPerson(e2e, 'Siri', desktop)
    await siri.page.goto(e2e.baseUrl)
    await signIn(siri.page, 'siri')
    await siri.page.getByText('Du har ingen workshoper ennå. Opprett en over.').waitFor()

    await ola.page.getByLabel('Hva skal workshopen hete?').fill('Medvirkning i Nordby')
    await ola.page.getByRole('button', { name: 'Opprett workshop' }).click()
    await ola.page.waitForURL(/\/w\/[^/?]+$/)
    const workshopId = new URL(ola.page.url()).pathname.split('/')[2]!
    await ola.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()

    await ola.page.locator('.share__button').click()
    const staff = ola.page.getByTestId('workshop-staff')
    await waitFor(() => staff.textContent(), (text) => (text ?? '').includes('Ola Hansen'), 'Ola shown as owner')
    await staff.getByTestId('staff-search').fill('siri')
    await staff.getByRole('button', { name: 'Legg til Siri Berg' }).click()
    await waitFor(() => staff.locator('.workshop-staff__list').textContent(), (text) => (text ?? '').includes('Siri Berg'), 'Siri listed as co-facilitator')
    // Share's audit list says who added whom.
    const audit = staff.getByTestId('workshop-audit')
    await audit.locator('summary').click()
    await waitFor(() => audit.textContent(), (text) => (text ?? '').includes('Ola Hansen la til Siri Berg som medfasilitator'), 'the co-facilitator line in the audit list')

    // The owner sees when the workshop is deleted for lack of use, and keeps it.
    const retention = staff.getByTestId('workshop-retention')
    expect(await retention.textContent()).toContain('365 dager etter siste aktivitet')
    await retention.getByRole('button', { name: 'Behold den 365 dager fra i dag' }).click()
    await waitFor(() => retention.getByRole('button').isEnabled(), (enabled) => enabled, 'keep done')
    // The open audit list shows the new line without a reload.
    await waitFor(() => audit.textContent(), (text) => (text ?? '').includes('Ola Hansen beholdt den lenger'), 'the keep line in the open audit list')
    mkdirSync(shots, { recursive: true })
    await staff.screenshot({ path: join(shots, 'audit-after-keep.png') })

    // Siri's home page lists the workshop as hers to co-facilitate; opening it, she is facilitator.
    await siri.page.reload()
    const mine = siri.page.getByTestId('my-workshops')
    await waitFor(() => mine.textContent(), (text) => (text ?? '').includes('Medvirkning i Nordby'), 'the workshop in Siri’s list')
    expect(await mine.textContent()).toContain('Medfasilitator')
    await mine.getByRole('link', { name: /Medvirkning i Nordby/ }).click()
    await siri.page.waitForURL(`${e2e.baseUrl}/w/${workshopId}`)
    await siri.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await siri.page.getByTestId('facilitation-button').waitFor()

    // Signing out goes through the provider's logout and back to a home page that offers sign-in.
    await ola.page.goto(e2e.baseUrl)
    await ola.page.getByRole('button', { name: 'Logg ut' }).click()
    await ola.page.getByRole('button', { name: 'Ja, logg meg ut' }).click()
    await ola.page.waitForURL(`${e2e.baseUrl}/`)
    await ola.page.getByTestId('sign-in').waitFor()
    await ola.page.getByTestId('sign-in-to-create').waitFor()
    expect(await (await ola.page.request.get(`${e2e.baseUrl}/api/me/workshops`)).status()).toBe(401)

    for (const person of [ola, siri]) await person.context.close()
    // Three browsers and a provider in one flow: more room than the suite's default on a busy machine.
  }, 240_000)
})
