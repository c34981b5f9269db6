import { afterEach, describe, expect, it } from 'vitest'
import { TestResources } from '../helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

function postImport(url: string, body: string): Promise<Response> {
  return fetch(`${url}/api/workshops/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
}

describe('imports (default limits)', () => {
  it('an import over IMPORT_MAX_BYTES is refused with 413, and imports per address with 429', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), limits: { importMaxBytes: 1000, importsPerAddressPerHour: 2 } })
    const tooBig = await postImport(server.url, JSON.stringify({ padding: 'x'.repeat(2000) }))
    expect(tooBig.status).toBe(413)
    const notAnExport = await postImport(server.url, '{"format": "something else"}')
    expect(notAnExport.status).toBe(400)
    const third = await postImport(server.url, '{}')
    expect(third.status).toBe(429)
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await third.json()) as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0)
  })

  it('workshops created per address: over the quota, 429 with Retry-After', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), limits: { workshopsPerAddressPerHour: 3 } })
    const create = () => fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    for (let i = 0; i < 3; i++) expect((await create()).status).toBe(201)
    const refused = await create()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
