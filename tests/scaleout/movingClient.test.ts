import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageAwareness, messageQueryAwareness, messageSync } from '../../shared/protocol'
import { createWorkshop, createWorkshopWithAccess, eventually, joinWorkshop, synced, TestResources, waitFor, type Client } from '../server/helpers'
import { LoadBalancer } from './loadBalancer'
import { isolate, startInstance } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** How soon a person who moved to another instance must show again (y-protocols would take 15–30 s). */
const SHOWN_AGAIN_WITHIN_MS = 2_000

function names(client: Client): (string | undefined)[] {
  return [...client.provider.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name)
}

function cursorOf(client: Client, name: string): unknown {
  return [...client.provider.awareness.getStates().values()].find((state) => state.user?.name === name)?.cursor
}

async function connections(baseUrl: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text()
  const line = text.split('\n').find((candidate) => candidate.startsWith('samskap_connections '))
  return Number(line?.split(' ')[1] ?? 0)
}

/** Two instances, Bob on the second, Ada through a load balancer that sends her to the first. */
async function setUp() {
  const isolation = await isolate(resources)
  const first = await startInstance(resources, isolation)
  const second = await startInstance(resources, isolation)
  const id = await createWorkshop(first.url)
  const balancer = await LoadBalancer.listen(resources, first.url)
  const ada = resources.connect(balancer.url, id)
  const bob = resources.connect(second.url, id)
  await Promise.all([synced(ada.provider), synced(bob.provider)])
  ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })
  ada.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 })
  bob.provider.awareness.setLocalStateField('user', { name: 'Bob' })
  await waitFor(() => names(bob).includes('Ada') && names(ada).includes('Bob'), 'Ada and Bob see each other')
  return { id, first, second, balancer, ada, bob }
}

describe('a client that moves to another instance', () => {
  it('shows again for the others within 2 s, and its later changes arrive', async () => {
    const { first, second, balancer, ada, bob } = await setUp()

    // The first instance is drained: the balancer cuts Ada's socket and she reconnects to the second.
    balancer.move(second.url)
    await waitFor(() => !ada.provider.wsconnected, 'Ada is cut off')
    await waitFor(() => ada.provider.wsconnected, 'Ada reconnects through the balancer')
    await waitFor(() => names(bob).includes('Ada'), 'Bob sees Ada again', SHOWN_AGAIN_WITHIN_MS)
    expect(await connections(first.url)).toBe(0)

    ada.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 })
    await waitFor(() => (cursorOf(bob, 'Ada') as { x?: number } | undefined)?.x === 2, 'Bob sees Ada’s cursor move', SHOWN_AGAIN_WITHIN_MS)
    // Once, not twice: the entry she had on the first instance is gone.
    expect(names(bob).filter((name) => name === 'Ada')).toHaveLength(1)
  })

  it('stays shown when the instance it left notices only later (a phone that changed network)', async () => {
    const { id, first, second, balancer, ada, bob } = await setUp()

    // The first instance is not told: it still holds Ada's socket and shows her.
    balancer.move(second.url, { halfOpen: true })
    await waitFor(() => !ada.provider.wsconnected, 'Ada is cut off')
    ada.provider.awareness.setLocalStateField('cursor', { x: 3, y: 3 })
    await waitFor(() => ada.provider.wsconnected, 'Ada reconnects through the balancer')
    await waitFor(() => (cursorOf(bob, 'Ada') as { x?: number } | undefined)?.x === 3, 'Bob sees Ada, as she is now', SHOWN_AGAIN_WITHIN_MS)

    // When the first instance finally drops her old socket, that must not take her away from anyone,
    // not even for the round trip her page would take to announce itself again.
    const removals: number[] = []
    bob.provider.awareness.on('change', ({ removed }: { removed: number[] }) => removals.push(...removed))
    expect(await connections(first.url)).toBe(1)
    balancer.closeHalfOpen()
    await eventually(() => connections(first.url), 0, 'the first instance drops her old socket')
    // Whatever the first instance relayed about her old socket has arrived by the time a round trip through it has.
    const carol = resources.connect(first.url, id)
    await synced(carol.provider)
    carol.provider.awareness.setLocalStateField('user', { name: 'Carol' })
    await waitFor(() => names(bob).includes('Carol'), 'Bob sees Carol, who came after through the first instance')
    expect(removals).not.toContain(ada.doc.clientID)
    expect(names(bob)).toContain('Ada')
    expect(names(carol)).toContain('Ada')
  })
})

describe('taking an entry from another instance', () => {
  it('is refused to someone the server knows as another person', async () => {
    const isolation = await isolate(resources)
    const first = await startInstance(resources, isolation)
    const second = await startInstance(resources, isolation)
    const created = await createWorkshopWithAccess(first.url)
    const ada = resources.connect(first.url, created.id)
    await synced(ada.provider)
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' })

    // A participant on the other instance announces Ada's client id, then asks who is here.
    const mallory = await joinWorkshop(second.url, { code: created.code })
    const socket = await resources.rawSocket(second.url, created.id, { token: mallory.token })
    const seen = new awarenessProtocol.Awareness(new Y.Doc())
    let replies = 0
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== messageAwareness) return
      awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(decoder), null)
      replies++
    })
    // It asks for the document, as a client does: no socket is told who is here before its sync reply.
    socket.send(
      encoding.encode((encoder) => {
        encoding.writeVarUint(encoder, messageSync)
        syncProtocol.writeSyncStep1(encoder, new Y.Doc())
      }),
    )
    await waitFor(() => (seen.getStates().get(ada.doc.clientID)?.user as { name?: string } | undefined)?.name === 'Ada', 'the second instance shows Ada')
    const forged = new awarenessProtocol.Awareness(new Y.Doc())
    forged.clientID = ada.doc.clientID
    // Each call raises the clock: this one is above Ada's, so only the gate can stop it.
    for (let i = 0; i < 5; i++) forged.setLocalState({ user: { name: 'Mallory' } })
    const update = encoding.createEncoder()
    encoding.writeVarUint(update, messageAwareness)
    encoding.writeVarUint8Array(update, awarenessProtocol.encodeAwarenessUpdate(forged, [ada.doc.clientID]))
    socket.send(encoding.toUint8Array(update))
    const before = replies
    socket.send(encoding.encode((encoder) => encoding.writeVarUint(encoder, messageQueryAwareness)))
    await waitFor(() => replies > before, 'the answer to the query')
    expect((seen.getStates().get(ada.doc.clientID)?.user as { name?: string } | undefined)?.name).toBe('Ada')
  })
})
