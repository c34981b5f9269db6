import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { describe, expect, it, vi } from 'vitest'
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

describe('AwarenessRelay: one presence frame per tick', () => {
  it('sends the first change at once and gathers the changes of the following tick into one frame carrying each of them', async () => {
    await withFakeTimers(async () => {
      const sent: Uint8Array[] = []
      const relay = new AwarenessRelay(new Y.Doc(), { broadcast: (message) => sent.push(message), tickMs: 25 })
      relay.applyRemote(announce(11, 'Ada'), 'instance-a')
      await vi.advanceTimersByTimeAsync(0)
      expect(sent.map(clientsIn)).toEqual([[11]])

      // Within the tick: held back, then one frame for both.
      relay.applyRemote(announce(12, 'Aksel'), 'instance-a')
      await vi.advanceTimersByTimeAsync(5)
      relay.applyRemote(announce(13, 'Bo'), 'instance-a')
      await vi.advanceTimersByTimeAsync(10)
      expect(sent).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(10)
      expect(sent.map(clientsIn)).toEqual([[11], [12, 13]])

      // Destroyed with a frame pending: nothing more is sent.
      relay.applyRemote(announce(14, 'Cato'), 'instance-a')
      relay.destroy()
      await vi.advanceTimersByTimeAsync(100)
      expect(sent).toHaveLength(2)
    })
  })

  it('goes out with a committed update instead of at the end of its tick, once', async () => {
    await withFakeTimers(async () => {
      const sent: Uint8Array[] = []
      const relay = new AwarenessRelay(new Y.Doc(), { broadcast: (message) => sent.push(message), tickMs: 25 })
      relay.applyRemote(announce(11, 'Ada'), 'instance-a')
      await vi.advanceTimersByTimeAsync(0)
      relay.applyRemote(announce(12, 'Aksel'), 'instance-a')
      await vi.advanceTimersByTimeAsync(5)
      // The room broadcasts an update now: the waiting change rides along.
      relay.flushWithUpdate()
      expect(sent.map(clientsIn)).toEqual([[11], [12]])
      // Nothing was left for the tick, and with nothing waiting it sends nothing.
      await vi.advanceTimersByTimeAsync(50)
      relay.flushWithUpdate()
      expect(sent).toHaveLength(2)
      // A change after a quiet tick goes out at the end of its turn again.
      relay.applyRemote(announce(13, 'Bo'), 'instance-a')
      await vi.advanceTimersByTimeAsync(0)
      expect(sent.map(clientsIn)).toEqual([[11], [12], [13]])
      relay.destroy()
    })
  })
})

/** Runs `run` with fake timers (setTimeout, setImmediate, performance.now), real ones again after. */
async function withFakeTimers(run: () => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'performance'] })
  try {
    await run()
  } finally {
    vi.useRealTimers()
  }
}

/** The client ids of one broadcast presence frame (message type, then the awareness update). */
function clientsIn(message: Uint8Array): number[] {
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  const update = decoding.readVarUint8Array(decoder)
  const inner = decoding.createDecoder(update)
  const ids: number[] = []
  for (let i = decoding.readVarUint(inner); i > 0; i--) {
    ids.push(decoding.readVarUint(inner))
    decoding.readVarUint(inner)
    decoding.readVarString(inner)
  }
  return ids
}
