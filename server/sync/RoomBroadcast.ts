import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { messageSync } from '../../shared/protocol'
import type { MessageKind, ServerMetrics } from '../metrics'
import type { SyncConnection } from './SyncConnection'

/**
 * Sockets a presence pass sends to per event-loop turn. A pass over a room's sockets is nearly all
 * `writev` (one system call per socket, the receiver's TCP work inside it on loopback): 13–43 ms for
 * 330 sockets on a quiet machine, and a note that arrived meanwhile waited for all of it. A slice
 * of 32 took a quarter of a whole pass at the median in the profiles, so a note waits for one slice
 * at most (bench/RESULTS.md, "no note waits behind a presence pass").
 */
export const PRESENCE_SLICE_SOCKETS = 32

export interface RoomBroadcastOptions {
  /** The room's sockets (the set itself: who is in it when a pass starts or an update goes out). */
  connections: ReadonlySet<SyncConnection>
  metrics?: ServerMetrics
  /** Sockets per turn of a presence pass (PRESENCE_SLICE_SOCKETS when absent). */
  sliceSockets?: number
}

/** One presence frame on its way: the sockets it is for (fixed when it started) and how far it got. */
interface PresencePass {
  message: Uint8Array
  to: SyncConnection[]
  next: number
}

/**
 * How a room's frames reach its sockets, and where they are counted: a committed update to every
 * socket at once, presence in slices of a few dozen sockets per turn, so no note waits behind a
 * whole presence pass; a reply or an extension's message to one socket.
 *
 * Per socket, frames keep their order: passes run one after the other, and an update first sends
 * the presence frames still on their way to the sockets they have not reached, in the same write
 * (corkedWrites.ts), so a pending pass rides along with the update instead of costing turns of its
 * own. Only sockets that have been sent the document (SyncConnection.hasDocument) get either: a
 * joiner gets everyone's presence with its sync reply (Room), so a pass does not include it.
 */
export class RoomBroadcast {
  readonly #connections: ReadonlySet<SyncConnection>
  readonly #metrics: ServerMetrics | undefined
  readonly #sliceSockets: number
  readonly #passes: PresencePass[] = []
  #nextSlice: NodeJS.Immediate | null = null

  constructor(options: RoomBroadcastOptions) {
    this.#connections = options.connections
    this.#metrics = options.metrics
    this.#sliceSockets = options.sliceSockets ?? PRESENCE_SLICE_SOCKETS
  }

  /** A presence frame to every socket that has the document: the first slice now, the rest in later turns. */
  presence(message: Uint8Array): void {
    const to: SyncConnection[] = []
    for (const connection of this.#connections) if (connection.hasDocument && connection.isOpen) to.push(connection)
    if (to.length === 0) return
    this.#passes.push({ message: shared(message), to, next: 0 })
    if (this.#nextSlice === null) this.#sendSlice()
  }

  /** Presence frames still on their way to some sockets. */
  get presencePending(): boolean {
    return this.#passes.length > 0
  }

  /**
   * A committed update to every socket that has the document but `except` (its sender), with the
   * presence still on its way first, all in one write per socket.
   */
  update(update: Uint8Array, except: unknown): void {
    this.#finishPresence()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeUpdate(encoder, update)
    const message = shared(encoding.toUint8Array(encoder))
    let sent = 0
    for (const connection of this.#connections) {
      if (connection === except || !connection.hasDocument || !connection.isOpen) continue
      connection.send(message)
      sent++
    }
    this.#count('sync', message, sent)
  }

  /** One message to one socket (a sync reply, an answer, an extension's message), counted as the broadcasts are. */
  to(connection: SyncConnection, message: Uint8Array, kind: MessageKind): void {
    if (!connection.isOpen) return
    connection.send(message)
    this.#count(kind, message, 1)
  }

  /** Drops the presence on its way (the room is freed). */
  destroy(): void {
    if (this.#nextSlice !== null) clearImmediate(this.#nextSlice)
    this.#nextSlice = null
    this.#passes.length = 0
  }

  #finishPresence(): void {
    if (this.#passes.length === 0) return
    if (this.#nextSlice !== null) clearImmediate(this.#nextSlice)
    this.#nextSlice = null
    this.#send(Infinity)
  }

  readonly #sendSlice = (): void => {
    this.#nextSlice = null
    this.#send(this.#sliceSockets)
    // setImmediate, not nextTick: the sockets' reads and the writer thread's replies (a commit to
    // broadcast) are taken between two slices.
    if (this.#passes.length > 0) this.#nextSlice = setImmediate(this.#sendSlice)
  }

  /** Sends the passes' frames in order to up to `sockets` sockets; a socket closed since the pass started is skipped. */
  #send(sockets: number): void {
    let left = sockets
    while (left > 0 && this.#passes.length > 0) {
      const pass = this.#passes[0]!
      const end = Math.min(pass.to.length, pass.next + left)
      let sent = 0
      for (let i = pass.next; i < end; i++) {
        const connection = pass.to[i]!
        if (!connection.isOpen) continue
        connection.send(pass.message)
        sent++
      }
      left -= end - pass.next
      pass.next = end
      this.#count('awareness', pass.message, sent)
      if (pass.next === pass.to.length) this.#passes.shift()
    }
  }

  /** Counted once per loop, not per socket: a labelled counter lookup per socket adds up. */
  #count(kind: MessageKind, message: Uint8Array, sent: number): void {
    if (sent === 0) return
    this.#metrics?.messagesSent.inc({ type: kind }, sent)
    this.#metrics?.bytesSent.inc(message.byteLength * sent)
  }
}

/**
 * The message as a Buffer over the same bytes, made once per broadcast: `ws` wraps anything else
 * in a new Buffer for every socket it is sent to.
 */
function shared(message: Uint8Array): Buffer {
  return Buffer.isBuffer(message) ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength)
}
