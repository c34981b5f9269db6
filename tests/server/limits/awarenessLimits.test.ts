import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../../shared/protocol'
import { closedByServer, createWorkshopWithAccess, joinWorkshop, synced, TestResources, waitFor } from '../helpers'
import { awarenessFloodFrame, sendAll } from './attacks'

const resources = new TestResources()
afterEach(() => resources.dispose())

async function roomWithTwo() {
  const server = await resources.startServer({ dataDir: await resources.tempDir() })
  const created = await createWorkshopWithAccess(server.url)
  const facilitator = resources.connect(server.url, created.id)
  const { token } = await joinWorkshop(server.url, { code: created.code })
  const resident = resources.connect(server.url, created.id, { params: { token } })
  await Promise.all([synced(facilitator.provider), synced(resident.provider)])
  facilitator.provider.awareness.setLocalStateField('user', { name: 'Facilitator' })
  resident.provider.awareness.setLocalStateField('user', { name: 'Resident' })
  await waitFor(() => resident.provider.awareness.getStates().size === 2, 'both see each other')
  return { server, created, token, facilitator, resident }
}

describe('presence limits (default limits)', () => {
  it('a flood of 60,000 made-up presence entries from one socket reaches nobody: the others see one entry per connection', async () => {
    const { server, created, token, facilitator, resident } = await roomWithTwo()
    let floodSeen = 0
    resident.provider.awareness.on('change', ({ added }: { added: number[] }) => (floodSeen += added.length))
    const attacker = await resources.rawSocket(server.url, created.id, { token })
    const state = JSON.stringify({ user: { name: 'x'.repeat(100) }, cursor: { x: 1, y: 2 } })
    // 60,000 entries of ~150 bytes (~9 MB) in 30 frames, as fast as the socket takes them.
    const frames = Array.from({ length: 30 }, (_, i) => awarenessFloodFrame(1_000_000 + i * 2_000, 2_000, state))
    await sendAll(attacker, frames)
    // A marker after the flood: once the resident has it, the flood has been handled.
    facilitator.provider.awareness.setLocalStateField('marker', 'after the flood')
    await waitFor(() => resident.provider.awareness.getStates().get(facilitator.doc.clientID)?.marker === 'after the flood', 'the marker arrives')
    const states = resident.provider.awareness.getStates()
    // The facilitator, the resident and at most the attacker's one entry.
    expect(states.size).toBeLessThanOrEqual(3)
    expect(floodSeen).toBeLessThanOrEqual(1)
    expect(facilitator.provider.wsconnected && resident.provider.wsconnected).toBe(true)
  })

  it('a presence state over the size cap closes its sender with 4413; the room goes on', async () => {
    const { server, created, token, facilitator, resident } = await roomWithTwo()
    const attacker = await resources.rawSocket(server.url, created.id, { token })
    const closed = closedByServer(attacker)
    await sendAll(attacker, [awarenessFloodFrame(2_000_000, 1, JSON.stringify({ user: { name: 'x'.repeat(10_000) } }))])
    expect((await closed).code).toBe(CloseCode.MessageTooLarge)
    facilitator.provider.awareness.setLocalStateField('marker', 'still here')
    await waitFor(() => resident.provider.awareness.getStates().get(facilitator.doc.clientID)?.marker === 'still here', 'presence goes on')
    expect(resident.provider.awareness.getStates().has(2_000_000)).toBe(false)
  })
})
