import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode, MAX_MESSAGE_BYTES } from '../../shared/protocol'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { closedByServer, createWorkshop, synced, TestResources, waitFor } from './helpers'
import { addNumberedNote, numberedNotes } from './testNotes'

const resources = new TestResources()
afterEach(() => resources.dispose())

async function roomWithTwoClients() {
  const server = await resources.startServer({ dataDir: await resources.tempDir() })
  const id = await createWorkshop(server.url)
  const a = resources.connect(server.url, id)
  const b = resources.connect(server.url, id)
  await Promise.all([synced(a.provider), synced(b.provider)])
  return { server, id, a, b }
}

describe('a misbehaving peer is closed alone', () => {
  const cases: { name: string; frame: () => Buffer | string; code: number }[] = [
    { name: 'an unknown message type', frame: () => Buffer.from([200, 1, 2, 3]), code: CloseCode.MalformedMessage },
    { name: 'a truncated sync update', frame: () => Buffer.from([0, 2, 50, 1, 2]), code: CloseCode.MalformedMessage },
    { name: 'an unknown sync message type', frame: () => Buffer.from([0, 9, 0]), code: CloseCode.MalformedMessage },
    { name: 'a text frame', frame: () => 'hello', code: CloseCode.MalformedMessage },
    { name: 'a frame over MAX_MESSAGE_BYTES', frame: () => Buffer.alloc(MAX_MESSAGE_BYTES + 1), code: CloseCode.MessageTooLarge },
  ]

  for (const { name, frame, code } of cases) {
    it(`${name} closes that socket with ${code}; the others keep syncing`, async () => {
      const { server, id, a, b } = await roomWithTwoClients()
      const bad = await resources.rawSocket(server.url, id)
      const closed = closedByServer(bad)
      bad.send(frame())
      const { code: closeCode, reason } = await closed
      expect(closeCode).toBe(code)
      expect(reason.length).toBeGreaterThan(0)

      getWorkshopMaps(a.doc).meta.set('title', 'still works')
      await waitFor(() => getWorkshopMaps(b.doc).meta.get('title') === 'still works', 'B receives A’s edit')
      addNumberedNote(b.doc, 'from-b', 1)
      await waitFor(() => numberedNotes(a.doc, 'from-b').length === 1, 'A receives B’s edit')
      expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
      expect(server.rooms.connectionCount()).toBe(2)
    })
  }

  it('an unknown workshop id is closed with WorkshopNotFound', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    for (const id of ['AAAAAAAAAAAAAAAAAAAAA', 'short', '..%2F..%2Fetc']) {
      const socket = await resources.rawSocket(server.url, id)
      expect((await closedByServer(socket)).code).toBe(CloseCode.WorkshopNotFound)
    }
    expect(server.rooms.loadedWorkshopIds()).toEqual([])
  })

  it('terminates a socket that stops answering pings', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), pingIntervalMs: 50 })
    const id = await createWorkshop(server.url)
    const silent = await resources.rawSocket(server.url, id)
    // Stop the automatic pong by replacing the receiver's ping handling.
    ;(silent as unknown as { pong: () => void }).pong = () => {}
    const closed = closedByServer(silent)
    const healthy = resources.connect(server.url, id)
    await synced(healthy.provider)
    expect((await closed).code).toBe(1006)
    await waitFor(() => server.rooms.connectionCount() === 1, 'only the healthy client remains')
    expect(healthy.provider.wsconnected).toBe(true)
  })
})

describe('awareness', () => {
  it('relays presence and removes it for everyone when the socket that set it closes', async () => {
    const { server, id, a, b } = await roomWithTwoClients()
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada', 'B sees Ada')

    // A peer that vanishes without saying goodbye: only the server can clean up after it.
    const ghostDoc = new Y.Doc()
    const ghostAwareness = new awarenessProtocol.Awareness(ghostDoc)
    resources.defer(() => ghostDoc.destroy())
    ghostAwareness.setLocalStateField('user', { name: 'Ghost' })
    const ghost = await resources.rawSocket(server.url, id)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(ghostAwareness, [ghostDoc.clientID]))
    ghost.send(encoding.toUint8Array(encoder))
    await waitFor(() => b.provider.awareness.getStates().has(ghostDoc.clientID), 'B sees the ghost')
    await waitFor(() => a.provider.awareness.getStates().has(ghostDoc.clientID), 'A sees the ghost')

    ghost.terminate()
    await waitFor(() => !b.provider.awareness.getStates().has(ghostDoc.clientID), 'ghost removed for B')
    await waitFor(() => !a.provider.awareness.getStates().has(ghostDoc.clientID), 'ghost removed for A')
    // Ada is untouched.
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe('Ada')
  })

  it('sends current presence to a newcomer on connect', async () => {
    const { server, id, a } = await roomWithTwoClients()
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    const c = resources.connect(server.url, id)
    await waitFor(() => c.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada', 'newcomer sees Ada')
  })

  it('tells a socket about nobody before its sync reply, then everyone right after it', async () => {
    const { server, id, a, b } = await roomWithTwoClients()
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada', 'B sees Ada')
    // Message type, and for sync its kind: 0/0 the room's request, 0/1 the reply, 1 presence.
    const seen: string[] = []
    const raw = await resources.rawSocket(server.url, id, {}, (data) => seen.push(data[0] === 0 ? `sync ${data[1]}` : `${data[0]}`))
    await waitFor(() => seen.includes('sync 0'), 'the room asks the newcomer for its state')
    // Ada moves: B hears of it, the newcomer does not (it holds no document yet).
    a.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.x === 1, 'B sees Ada move')
    addNumberedNote(a.doc, 'early', 1)
    await waitFor(() => numberedNotes(b.doc, 'early').length === 1, 'B has the note')
    expect(seen).toEqual(['sync 0'])

    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()))
    raw.send(encoding.toUint8Array(encoder))
    await waitFor(() => seen.length === 3, 'the reply and the presence')
    expect(seen).toEqual(['sync 0', 'sync 1', '1'])
    a.provider.awareness.setLocalStateField('cursor', { x: 3, y: 4 })
    await waitFor(() => seen.length === 4, 'the next move reaches it')
    expect(seen[3]).toBe('1')
  })
})
