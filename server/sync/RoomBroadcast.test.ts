import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import { messageAwareness, messageSync } from '../../shared/protocol'
import { RoomBroadcast } from './RoomBroadcast'
import type { SyncConnection } from './SyncConnection'

/** A socket as the broadcast sees it: what it was sent, in order, as `p<n>` (presence frame n) and `u<n>` (update n). */
interface FakeSocket {
  hasDocument: boolean
  isOpen: boolean
  got: string[]
  send(message: Uint8Array): void
}

function socket(hasDocument = true): FakeSocket {
  return {
    hasDocument,
    isOpen: true,
    got: [],
    send(message) {
      const decoder = decoding.createDecoder(message)
      const type = decoding.readVarUint(decoder)
      if (type === messageAwareness) this.got.push(`p${decoding.readVarUint8Array(decoder)[0]}`)
      else {
        expect(type).toBe(messageSync)
        decoding.readVarUint(decoder)
        this.got.push(`u${decoding.readVarUint8Array(decoder)[0]}`)
      }
    },
  }
}

/** A presence frame as AwarenessRelay encodes it, its payload's first byte numbering it. */
const presence = (n: number) => new Uint8Array([messageAwareness, 1, n])
const update = (n: number) => new Uint8Array([n])
/** One turn of the event loop: a slice scheduled before this call runs before it resolves. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

let broadcast: RoomBroadcast | null = null
afterEach(() => broadcast?.destroy())

function room(count: number, sliceSockets = 4): { sockets: FakeSocket[]; connections: Set<SyncConnection>; broadcast: RoomBroadcast } {
  const sockets = Array.from({ length: count }, () => socket())
  const connections = new Set(sockets as unknown as SyncConnection[])
  broadcast = new RoomBroadcast({ connections, sliceSockets })
  return { sockets, connections, broadcast }
}

const reached = (sockets: FakeSocket[], frame: string) => sockets.filter((s) => s.got.includes(frame)).length

describe('RoomBroadcast: presence in slices', () => {
  it('spreads a pass over the sockets across turns, a slice per turn', async () => {
    const { sockets, broadcast } = room(10)
    broadcast.presence(presence(1))
    const perTurn = [reached(sockets, 'p1')]
    while (broadcast.presencePending) {
      await nextTurn()
      perTurn.push(reached(sockets, 'p1'))
    }
    expect(perTurn).toEqual([4, 8, 10])
    expect(sockets.every((s) => s.got.join() === 'p1')).toBe(true)
  })

  it('sends an update committed mid-pass to every socket at once, after the presence it had not yet brought them, and ends the pass', async () => {
    const { sockets, broadcast } = room(10)
    broadcast.presence(presence(1))
    await nextTurn()
    expect(reached(sockets, 'p1')).toBe(8)
    broadcast.update(update(7), sockets[0])
    // Every socket has the update now, in order after the presence frame; the sender has only the presence.
    expect(sockets.slice(1).map((s) => s.got.join())).toEqual(Array(9).fill('p1,u7'))
    expect(sockets[0]!.got).toEqual(['p1'])
    expect(broadcast.presencePending).toBe(false)
    await nextTurn()
    await nextTurn()
    expect(sockets.slice(1).map((s) => s.got.join())).toEqual(Array(9).fill('p1,u7'))
  })

  it('keeps each socket\'s frames in order when a pass starts before the last one ended', async () => {
    const { sockets, broadcast } = room(10)
    broadcast.presence(presence(1))
    broadcast.presence(presence(2))
    await nextTurn()
    broadcast.presence(presence(3))
    while (broadcast.presencePending) await nextTurn()
    expect(sockets.map((s) => s.got.join())).toEqual(Array(10).fill('p1,p2,p3'))
  })

  it('skips a socket closed mid-pass, and one without the document; a socket that got it mid-pass waits for the next pass', async () => {
    const { sockets, connections, broadcast } = room(10)
    const joiner = socket(false)
    connections.add(joiner as unknown as SyncConnection)
    broadcast.presence(presence(1))
    sockets[9]!.isOpen = false
    // Sent the document (and with it everyone's presence, by the room) between two slices.
    joiner.hasDocument = true
    while (broadcast.presencePending) await nextTurn()
    expect(sockets[9]!.got).toEqual([])
    expect(joiner.got).toEqual([])
    broadcast.presence(presence(2))
    broadcast.update(update(3), undefined)
    expect(joiner.got).toEqual(['p2', 'u3'])
    expect(sockets[9]!.got).toEqual([])
  })

  it('sends no update to a socket that has not been sent the document', () => {
    const { connections, broadcast } = room(2)
    const joiner = socket(false)
    connections.add(joiner as unknown as SyncConnection)
    broadcast.update(update(1), undefined)
    expect(joiner.got).toEqual([])
  })

  it('sends nothing more once destroyed', async () => {
    const { sockets, broadcast } = room(10)
    broadcast.presence(presence(1))
    broadcast.destroy()
    await nextTurn()
    await nextTurn()
    expect(reached(sockets, 'p1')).toBe(4)
  })
})

describe('RoomBroadcast: one socket', () => {
  it('sends a reply to one open socket and counts it as broadcasts are counted; a closed socket gets and counts nothing', () => {
    const counted: string[] = []
    const metrics = {
      messagesSent: { inc: (labels: { type: string }, n = 1) => counted.push(`${labels.type}×${n}`) },
      bytesSent: { inc: (bytes: number) => counted.push(`${bytes} B`) },
    }
    const sockets = [socket(false), socket()]
    broadcast = new RoomBroadcast({ connections: new Set(sockets as unknown as SyncConnection[]), metrics: metrics as never })
    broadcast.to(sockets[0] as unknown as SyncConnection, presence(7), 'awareness')
    sockets[1]!.isOpen = false
    broadcast.to(sockets[1] as unknown as SyncConnection, presence(8), 'awareness')
    expect(sockets.map((s) => s.got)).toEqual([['p7'], []])
    expect(counted).toEqual(['awareness×1', '3 B'])
  })
})
