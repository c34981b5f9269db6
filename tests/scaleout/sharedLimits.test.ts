import { afterEach, describe, expect, it } from 'vitest'
import { JOIN_DEVICE_HEADER } from '../../shared/access'
import type { SamskapServer } from '../../server/createSamskapServer'
import { createWorkshopWithAccess, TestResources } from '../server/helpers'
import { isolate, killRedis, startInstance, startRedis } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

const limits = { joinFailuresPerDevicePer5Minutes: 3, joinFailuresPerAddressPerHour: 7, workshopsPerAddressPerHour: 3, importsPerAddressPerHour: 2 }

function postJoin(server: SamskapServer, code: string, device?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(device ? { [JOIN_DEVICE_HEADER]: device } : {}) }
  return fetch(`${server.url}/api/join`, { method: 'POST', headers, body: JSON.stringify({ code }) })
}

function create(server: SamskapServer): Promise<Response> {
  return fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
}

function postImport(server: SamskapServer): Promise<Response> {
  return fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
}

async function expectRefused(response: Response, error: RegExp): Promise<void> {
  expect(response.status).toBe(429)
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
  const body = (await response.json()) as { error: string; retryAfterSeconds: number }
  expect(body.error).toMatch(error)
  expect(body.retryAfterSeconds).toBeGreaterThan(0)
}

describe('limits per address and device, counted in Redis across two instances', () => {
  it('wrong join codes on either instance count against one budget per phone and per address', async () => {
    const isolation = await isolate(resources)
    const a = await startInstance(resources, isolation, { limits })
    const b = await startInstance(resources, isolation, { limits })
    const workshop = await createWorkshopWithAccess(a.url)
    const wrong = workshop.code.slice(0, 5) + (workshop.code.endsWith('Z') ? 'Y' : 'Z')

    // One phone: three wrong codes, spread over both instances, and it waits on both.
    expect((await postJoin(a, wrong, 'phone-one-1234')).status).toBe(404)
    expect((await postJoin(b, wrong, 'phone-one-1234')).status).toBe(404)
    expect((await postJoin(a, wrong, 'phone-one-1234')).status).toBe(404)
    await expectRefused(await postJoin(b, workshop.code, 'phone-one-1234'), /Too many wrong codes/)
    await expectRefused(await postJoin(a, workshop.code, 'phone-one-1234'), /Too many wrong codes/)
    // Another phone behind the same address is not held up by it.
    expect((await postJoin(b, workshop.code, 'phone-two-1234')).status).toBe(200)

    // The address: seven wrong codes in all (three above), alternating instances, then everyone waits.
    for (let i = 0; i < 4; i++) expect((await postJoin(i % 2 ? a : b, wrong, `phone-guess-${i}000`)).status).toBe(404)
    await expectRefused(await postJoin(a, workshop.code, 'phone-three-123'), /Too many wrong codes/)
    await expectRefused(await postJoin(b, workshop.code), /Too many wrong codes/)
  })

  it('workshops created and imports started on either instance count against one quota', async () => {
    const isolation = await isolate(resources)
    const a = await startInstance(resources, isolation, { limits })
    const b = await startInstance(resources, isolation, { limits })
    expect((await create(a)).status).toBe(201)
    expect((await create(b)).status).toBe(201)
    expect((await create(a)).status).toBe(201)
    await expectRefused(await create(b), /Too many new workshops from this address/)
    await expectRefused(await create(a), /Too many new workshops from this address/)

    expect((await postImport(b)).status).toBe(400)
    expect((await postImport(a)).status).toBe(400)
    await expectRefused(await postImport(b), /Too many imports from this address/)
  })

  it('while Redis is down each instance counts in its own memory: refusals stay 429, never 500', async () => {
    const isolation = await isolate(resources)
    const a = await startInstance(resources, isolation, { limits })
    const workshop = await createWorkshopWithAccess(a.url)
    const wrong = workshop.code.slice(0, 5) + (workshop.code.endsWith('Z') ? 'Y' : 'Z')
    await killRedis()
    try {
      for (let i = 0; i < 3; i++) expect((await postJoin(a, wrong, 'phone-down-1234')).status).toBe(404)
      await expectRefused(await postJoin(a, workshop.code, 'phone-down-1234'), /Too many wrong codes/)
      expect((await postJoin(a, workshop.code, 'phone-fine-1234')).status).toBe(200)
    } finally {
      await startRedis()
    }
  })
})
