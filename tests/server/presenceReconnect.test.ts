import { afterEach, describe, expect, it } from 'vitest'
import { createWorkshop, synced, TestResources, waitFor, type Client } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** How soon a person who reconnected must show again (y-protocols alone: at the page's next renewal, 15–30 s). */
const SHOWN_AGAIN_WITHIN_MS = 2_000

function names(client: Client): (string | undefined)[] {
  return [...client.provider.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name)
}

describe('presence after a reconnect', () => {
  it('shows a person who left and came back at once, without a change of theirs, and their echo does not bounce', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const id = await createWorkshop(server.url)
    const ada = resources.connect(server.url, id)
    const bob = resources.connect(server.url, id)
    await Promise.all([synced(ada.provider), synced(bob.provider)])
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await waitFor(() => names(bob).includes('Ada'), 'Bob sees Ada')

    // Her page says goodbye (a null state at her clock) and comes back with the clock it had.
    ada.provider.disconnect()
    await waitFor(() => !names(bob).includes('Ada'), 'Ada is gone for Bob')
    ada.provider.connect()
    await waitFor(() => names(bob).includes('Ada'), 'Bob sees Ada again', SHOWN_AGAIN_WITHIN_MS)

    // The server raised her clock once; her page takes it and the exchange ends there.
    let sent = 0
    ada.provider.awareness.on('update', () => sent++)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sent).toBeLessThanOrEqual(1)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada L.' })
    await waitFor(() => names(bob).includes('Ada L.'), 'Bob sees her next change')
  })
})
