import { afterEach, describe, expect, it } from 'vitest'
import { JOIN_DEVICE_HEADER } from '../../../shared/access'
import { defaultLimits } from '../../../server/limits/limits'
import { createWorkshopWithAccess, TestResources } from '../helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

function postJoin(url: string, code: string, device?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(device ? { [JOIN_DEVICE_HEADER]: device } : {}) }
  return fetch(`${url}/api/join`, { method: 'POST', headers, body: JSON.stringify({ code }) })
}

describe('wrong join codes at a venue (default limits)', () => {
  it('twenty phones behind one address that each mistype once do not lock out the twenty-first, while a guesser meets 429 within a few hundred', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const created = await createWorkshopWithAccess(server.url)
    const typo = created.code.slice(0, 5) + (created.code.endsWith('Z') ? 'Y' : 'Z')

    for (let phone = 1; phone <= 20; phone++) expect((await postJoin(server.url, typo, `venue-phone-${phone}`)).status).toBe(404)
    for (let phone = 1; phone <= 21; phone++) expect((await postJoin(server.url, created.code, `venue-phone-${phone}`)).status).toBe(200)

    // A script on the same address, with a new device id for every guess or none at all.
    let guesses = 0
    let status = 404
    while (status === 404 && guesses < 1_000) {
      guesses++
      const guess = (await postJoin(server.url, `${typo.slice(0, 4)}${guesses % 2 ? 'A' : 'B'}${guesses % 3}`, guesses % 2 ? `script-${guesses}` : undefined)).status
      status = guess === 200 ? 404 : guess
    }
    expect(status).toBe(429)
    expect(guesses).toBeLessThanOrEqual(defaultLimits.joinFailuresPerAddressPerHour)
    expect(guesses).toBeGreaterThan(200)
  })
})
