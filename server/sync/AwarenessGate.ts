import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { CloseCode } from '../../shared/protocol'
import type { SyncConnection } from './SyncConnection'
import { TokenBucket } from './TokenBucket'

/** What one connection may announce of its presence (server/limits/limits.ts). */
export interface AwarenessLimits {
  /** Largest state (JSON) of its one entry; bigger closes the connection with 4413. */
  awarenessStateBytes: number
  /** Changes of its entry per second; more are dropped. */
  awarenessUpdatesPerSecond: number
}

/**
 * One presence entry per connection, with a size and a rate cap, so a flood of made-up entries
 * reaches nobody (server/limits/README.md).
 *
 * A connection's entry is the first client id it announces that is not someone else's in the room
 * (`isTaken`: shown for another socket; a client that moved here from another instance may take
 * its own back, AwarenessRelay.isTaken); from then on every other id it sends is dropped. Dropping costs honest clients nothing: a stock
 * y-websocket client sends back every state it receives, and those belong to other connections
 * (or other instances), which announce them themselves.
 */
export class AwarenessGate {
  readonly #limits: AwarenessLimits
  readonly #rate: TokenBucket
  /** The client id of the connection's one entry, once it has announced one. */
  #owned: number | undefined

  constructor(limits: AwarenessLimits) {
    this.#limits = limits
    this.#rate = new TokenBucket(limits.awarenessUpdatesPerSecond, 1000)
  }

  /**
   * The part of `update` (a y-protocols awareness update) the room takes from `connection`: its own
   * entry, when within the caps, or null when nothing is left. Throws on bytes that are not an
   * awareness update; closes the connection (4413) when its entry is too big.
   */
  admit(connection: SyncConnection, update: Uint8Array, isTaken: (clientId: number) => boolean): Uint8Array | null {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    let owned = this.#owned
    let admitted: { clientId: number; clock: number; state: string } | null = null
    let foreign = 0
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      if (owned === undefined && state !== 'null' && !isTaken(clientId)) {
        owned = clientId
        this.#owned = clientId
      }
      if (clientId === owned && admitted === null) admitted = { clientId, clock, state }
      else foreign++
    }
    if (foreign > 0) connection.noteLimit('awareness_foreign_id')
    if (admitted === null) return null
    const bytes = Buffer.byteLength(admitted.state)
    if (bytes > this.#limits.awarenessStateBytes) {
      connection.noteLimit('awareness_state_bytes')
      connection.log.warn({ bytes }, 'presence state too large; closing connection')
      connection.reject(CloseCode.MessageTooLarge, `A presence state is limited to ${this.#limits.awarenessStateBytes} bytes`)
      return null
    }
    // Leaving (a null state) always passes: everyone should stop seeing the cursor.
    if (admitted.state !== 'null' && !this.#rate.take(1)) {
      connection.noteLimit('awareness_rate')
      return null
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, admitted.clientId)
    encoding.writeVarUint(encoder, admitted.clock)
    encoding.writeVarString(encoder, admitted.state)
    return encoding.toUint8Array(encoder)
  }
}
