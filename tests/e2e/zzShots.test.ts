import type { Page } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { TestIdentityProvider } from '../oidc/TestIdentityProvider'
import { newPerson, phone, startE2E, waitFor, type E2E } from './harness'

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
async function signIn(page: Page, login: string) {
  await page.getByTestId('sign-in').click()
  await page.getByLabel('Brukernavn').fill(login)
  await page.getByRole('button', { name: 'Logg inn' }).click()
  await page.getByTestId('staff-bar').waitFor()
}
const big = { viewport: { width: 1440, height: 900 } }
it('shots', async () => {
  const siri = await newPerson(e2e, 'Siri', big)
  await siri.page.goto(e2e.baseUrl)
  await siri.page.screenshot({ path: '/tmp/shots/home-signed-out.png', fullPage: true })
  await signIn(siri.page, 'siri')
  const kari = await newPerson(e2e, 'Kari', big)
  await kari.page.goto(e2e.baseUrl)
  await signIn(kari.page, 'kari')
  for (const title of ['Medvirkning i Nordby', 'Følgegruppe eldre', 'Studietur Bodø']) {
    await kari.page.getByLabel('Hva skal workshopen hete?').fill(title)
    await kari.page.getByRole('button', { name: 'Opprett workshop' }).click()
    await kari.page.waitForURL(/\/w\//)
    await kari.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
    await kari.page.goto(e2e.baseUrl)
    await kari.page.getByTestId('my-workshops').waitFor()
  }
  await kari.page.screenshot({ path: '/tmp/shots/home-signed-in.png', fullPage: true })
  await kari.page.getByTestId('my-workshops').getByRole('link').first().click()
  await kari.page.getByTestId('connection-status').filter({ hasText: 'Tilkoblet' }).waitFor()
  await kari.page.locator('.share__button').click()
  const staff = kari.page.getByTestId('workshop-staff')
  await waitFor(() => staff.textContent(), (t) => (t ?? '').includes('Kari'), 'owner')
  await staff.getByTestId('staff-search').fill('siri')
  await staff.getByRole('button', { name: 'Legg til Siri Berg' }).waitFor()
  await kari.page.screenshot({ path: '/tmp/shots/share-staff.png' })
  await staff.getByRole('button', { name: 'Legg til Siri Berg' }).click()
  await waitFor(() => staff.textContent(), (t) => (t ?? '').includes('Gjør Siri Berg til eier'), 'added')
  await kari.page.screenshot({ path: '/tmp/shots/share-staff-added.png' })
  await kari.page.goto(`${e2e.baseUrl}/admin`)
  await kari.page.getByTestId('admin-table').waitFor()
  await kari.page.screenshot({ path: '/tmp/shots/admin.png', fullPage: true })
  await kari.page.getByRole('button', { name: /^Slett/ }).first().click()
  await kari.page.screenshot({ path: '/tmp/shots/admin-delete.png' })
  await kari.page.getByRole('button', { name: 'Avbryt' }).click()
  await kari.page.getByRole('button', { name: /^Overfør/ }).first().click()
  await kari.page.getByTestId('staff-search').fill('siri')
  await kari.page.getByRole('button', { name: 'Gjør Siri Berg til eier' }).waitFor()
  await kari.page.screenshot({ path: '/tmp/shots/admin-transfer.png' })
  const kp = await newPerson(e2e, 'Kari', phone)
  await kp.page.goto(e2e.baseUrl)
  await kp.page.screenshot({ path: '/tmp/shots/phone-home-out.png', fullPage: true })
  await signIn(kp.page, 'kari')
  await kp.page.getByTestId('my-workshops').waitFor()
  await kp.page.screenshot({ path: '/tmp/shots/phone-home-in.png', fullPage: true })
  await kp.page.goto(`${e2e.baseUrl}/admin`)
  await kp.page.getByTestId('admin-table').waitFor()
  await kp.page.screenshot({ path: '/tmp/shots/phone-admin.png', fullPage: true })
  await siri.page.goto(`${e2e.baseUrl}/admin`)
  await siri.page.getByText('Bare administratorer').waitFor()
  await siri.page.screenshot({ path: '/tmp/shots/admin-refused.png' })
})
