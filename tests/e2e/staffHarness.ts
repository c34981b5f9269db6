import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { SamskapServerOptions } from '../../server/createSamskapServer'
import { TestIdentityProvider } from '../oidc/TestIdentityProvider'
import { TestResources } from '../server/helpers'
import { startE2E, type E2E } from './harness'

/**
 * A test file's server with staff sign-in through the in-process identity provider, and its browser:
 * started before the file's tests, closed after them with `resources`; `shots`, the screenshot
 * folder, is made first. `signIn` signs a person in from the home page as staff do.
 */
export function staffE2EForFile(shots: string, options: Omit<Partial<SamskapServerOptions>, 'auth'> = {}) {
  let started: { e2e: E2E; idp: TestIdentityProvider } | undefined
  const resources = new TestResources()
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    const idp = await TestIdentityProvider.listen()
    const e2e = await startE2E({ ...options, auth: idp.authSettings() })
    idp.register([e2e.baseUrl])
    started = { e2e, idp }
  })
  afterAll(async () => {
    await resources.dispose()
    await started?.e2e.close()
    await started?.idp.close()
  })
  const running = () => {
    if (!started) throw new Error('the e2e server is not started yet (use it inside a test or a hook)')
    return started
  }
  return {
    resources,
    get e2e(): E2E {
      return running().e2e
    },
    async signIn(page: Page, login: string): Promise<void> {
      await page.goto(running().e2e.baseUrl)
      await page.getByTestId('sign-in').click()
      await page.getByLabel('Brukernavn').fill(login)
      await page.getByRole('button', { name: 'Logg inn' }).click()
      await page.getByTestId('staff-bar').waitFor()
    },
  }
}
