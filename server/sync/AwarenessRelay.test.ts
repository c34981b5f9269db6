import * as awarenessProtocol from 'y-protocols/awareness'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AwarenessRelay } from './AwarenessRelay'

/** An awareness update announcing one client of another instance. */
function announce(clientId: number, name: string | null): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const awareness = new awarenessProtocol.Awareness(doc)
  if (name === null) awareness.setLocalState(null)
  else awareness.setLocalStateField('user', { name })
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId])
  awareness.destroy()
  return update
}

describe('AwarenessRelay: other instances\' people', () => {
  it('knows which instance each remote client is on, drops only a dead instance\'s, and never answers for others', () => {
    const published: Uint8Array[] = []
    const relay = new AwarenessRelay(new Y.Doc(), { broadcast: () => {}, publish: (update) => published.push(update) })
    relay.applyRemote(announce(11, 'Ada'), 'instance-a')
    relay.applyRemote(announce(12, 'Aksel'), 'instance-a')
    relay.applyRemote(announce(21, 'Bo'), 'instance-b')
    expect(relay.remoteInstances()).toEqual(new Set(['instance-a', 'instance-b']))

    relay.dropInstance('instance-a')
    expect([...relay.awareness.getStates().keys()]).toEqual([21])
    expect(relay.remoteInstances()).toEqual(new Set(['instance-b']))
    // Every survivor removes a dead instance's people itself: nothing is relayed, and nobody here is this instance's own.
    relay.publishOwn()
    expect(published).toEqual([])

    // A client that left on its instance is forgotten there too.
    relay.applyRemote(announce(21, null), 'instance-b')
    expect(relay.remoteInstances()).toEqual(new Set())
    relay.destroy()
  })
})
