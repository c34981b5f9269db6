import { afterEach, describe, expect, it } from 'vitest'
import { createWorkshop, synced, TestResources, waitFor } from '../server/helpers'
import { addNumberedNote } from '../server/testNotes'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** Metric lines by series, e.g. `samskap_messages_received_total{type="sync"}` -> value. */
async function scrape(baseUrl: string): Promise<{ contentType: string; values: Map<string, number> }> {
  const response = await fetch(`${baseUrl}/metrics`)
  expect(response.status).toBe(200)
  const values = new Map<string, number>()
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const space = line.lastIndexOf(' ')
    values.set(line.slice(0, space), Number(line.slice(space + 1)))
  }
  return { contentType: response.headers.get('content-type') ?? '', values }
}

describe('/metrics', () => {
  it('serves Prometheus text with connection, message, write and process metrics', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const id = await createWorkshop(server.url)
    const before = await scrape(server.url)
    expect(before.contentType).toMatch(/^text\/plain/)
    expect(before.values.get('samskap_connections')).toBe(0)
    expect(before.values.get('samskap_rooms_loaded')).toBe(0)
    expect(before.values.has('process_cpu_user_seconds_total')).toBe(true)
    expect(before.values.has('nodejs_eventloop_lag_seconds')).toBe(true)

    const client = resources.connect(server.url, id)
    await synced(client.provider)
    addNumberedNote(client.doc, 'n', 1)
    await waitFor(() => server.rooms.connectionCount() === 1, 'connected')
    let after = await scrape(server.url)
    const deadline = Date.now() + 5_000
    while ((after.values.get('samskap_updates_written_total') ?? 0) < 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      after = await scrape(server.url)
    }
    expect(after.values.get('samskap_connections')).toBe(1)
    expect(after.values.get('samskap_rooms_loaded')).toBe(1)
    expect(after.values.get('samskap_messages_received_total{type="sync"}')).toBeGreaterThan(0)
    expect(after.values.get('samskap_messages_sent_total{type="sync"}')).toBeGreaterThan(0)
    expect(after.values.get('samskap_received_bytes_total')).toBeGreaterThan(0)
    expect(after.values.get('samskap_updates_written_total')).toBeGreaterThanOrEqual(1)
    expect(after.values.get('samskap_persistence_write_seconds_count')).toBeGreaterThanOrEqual(1)
  })
})
