import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { messageAwareness } from '../../shared/protocol'
import type { Grant } from '../access/AccessStore'
import { remoteOrigin } from './CrossInstanceSync'
import { SyncConnection } from './SyncConnection'

/** Origin of the removal of a dead instance's states: each instance removes them itself, so it is not relayed. */
export const instanceGoneOrigin = Symbol('instance gone')

export interface AwarenessRelayOptions {
  /** Sends one encoded awareness message to every local socket that has the document (RoomBroadcast.presence). */
  broadcast: (message: Uint8Array) => void
  /** Tells the other instances (Redis); absent on a single instance. */
  publish?: (update: Uint8Array) => void
  /** A client of this instance's showed up on another one: no local socket answers for it any more. */
  release?: (clientId: number) => void
  /** Shortest gap between two broadcasts, ms (DEFAULT_AWARENESS_TICK_MS when absent): what a cursor may lag to save fan-out. */
  tickMs?: number
}

/**
 * 25 ms: at most 40 presence frames a second per socket, however many people move their cursors; a
 * cursor lags by at most one tick, less than the 100 ms between two moves a client sends.
 */
export const DEFAULT_AWARENESS_TICK_MS = 25

/**
 * A room's presence (y-protocols awareness: names, cursors, views), relayed to its sockets and to
 * the other instances. Never stored.
 *
 * Awareness is broadcast at most once per room per tick (`tickMs`), carrying every client that
 * changed meanwhile: the first change after a quiet tick goes out at the end of its event-loop turn,
 * later ones wait for the tick to end. One frame per socket per turn was not enough: 30 cursors at
 * 10/s arrive in ~300 turns a second, so a room of 330 still sent ~100,000 frames/s and the fan-out
 * took most of a core, delaying note updates behind it (bench/RESULTS.md, 2026-12-06, scenario a).
 */
export class AwarenessRelay {
  readonly awareness: awarenessProtocol.Awareness
  readonly #options: AwarenessRelayOptions
  readonly #changed = new Set<number>()
  /**
   * The instance each other instance's client is connected to (who announced it over Redis), so
   * the states of an instance that died can be removed at once (InstanceHeartbeats) instead of
   * lingering until y-protocols' 30 s timeout. Clients of this instance's sockets are not in it.
   */
  readonly #remoteOwners = new Map<number, string>()
  #flushScheduled = false
  #flushTimer: NodeJS.Timeout | null = null
  #flushImmediate: NodeJS.Immediate | null = null
  /** When the last broadcast went out (performance.now()); the next waits until a tick after it. */
  #lastFlushAt = -Infinity
  #destroyed = false

  constructor(doc: Y.Doc, options: AwarenessRelayOptions) {
    this.#options = options
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.#onUpdate)
  }

  /**
   * Whether a connection may not take `clientId` as its entry (AwarenessGate): someone here is shown
   * under it. The one exception is a client of another instance whose state the server stamped as
   * the same person (`access`, facilitation/stampAwareness.ts) as this connection: a client that
   * moved here (a balancer sent it over, a phone changed network) before that instance noticed.
   */
  isTaken(clientId: number, grant: Grant | null): boolean {
    const state = this.awareness.getStates().get(clientId) as { access?: { role?: unknown; participantId?: unknown } } | undefined
    if (state === undefined) return false
    if (!this.#remoteOwners.has(clientId) || !grant) return true
    return state.access?.role !== grant.role || state.access.participantId !== grant.participantId
  }

  /** A client's awareness update (already stamped by the room's extensions). */
  applyFromClient(connection: SyncConnection, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, this.#asNewest(update), connection)
  }

  /** Clients on another instance (`instanceId`) changed. */
  applyRemote(update: Uint8Array, instanceId: string): void {
    if (this.#destroyed) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, remoteOrigin)
    const states = this.awareness.getStates()
    for (const clientId of clientIdsOf(update)) {
      if (!states.has(clientId)) {
        this.#remoteOwners.delete(clientId)
        continue
      }
      // Shown here and not another instance's: it was this instance's client, and it moved.
      if (!this.#remoteOwners.has(clientId)) this.#options.release?.(clientId)
      this.#remoteOwners.set(clientId, instanceId)
    }
  }

  /** The other instances whose clients this room shows. */
  remoteInstances(): Set<string> {
    return new Set(this.#remoteOwners.values())
  }

  /** An instance died (its heartbeat expired): everyone here stops seeing its clients now. */
  dropInstance(instanceId: string): void {
    if (this.#destroyed) return
    const gone = [...this.#remoteOwners].filter(([, owner]) => owner === instanceId).map(([clientId]) => clientId)
    if (gone.length === 0) return
    for (const clientId of gone) this.#remoteOwners.delete(clientId)
    awarenessProtocol.removeAwarenessStates(this.awareness, gone, instanceGoneOrigin)
  }

  /** Every known state as one message, for a newcomer or a query (with no entries when nobody is here). */
  encodeAll(): Uint8Array {
    return this.#encode([...this.awareness.getStates().keys()])
  }

  get isEmpty(): boolean {
    return this.awareness.getStates().size === 0
  }

  /**
   * Tells the other instances about this instance's own clients: when one loaded the room and asks
   * who is here, and when they may have dropped them (this instance's heartbeat lapsed). Only its
   * own: every instance answers for its clients, so each knows which instance a client is on.
   */
  publishOwn(): void {
    if (this.#destroyed || !this.#options.publish) return
    const clientIds = [...this.awareness.getStates().keys()].filter((clientId) => !this.#remoteOwners.has(clientId))
    if (clientIds.length > 0) this.#options.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
  }

  /** A socket left: everyone stops seeing the states it announced. */
  removeConnection(connection: SyncConnection): void {
    if (connection.awarenessClientIds.size === 0 || this.#destroyed) return
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], null)
  }

  destroy(): void {
    this.#destroyed = true
    this.#cancelFlush()
    this.awareness.destroy()
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    const wait = this.#lastFlushAt + (this.#options.tickMs ?? DEFAULT_AWARENESS_TICK_MS) - performance.now()
    // After this turn in any case: everything that arrived in it shares the frame.
    if (wait <= 0) this.#flushImmediate = setImmediate(this.#flush)
    else this.#flushTimer = setTimeout(this.#flush, wait)
  }

  #cancelFlush(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer)
    if (this.#flushImmediate) clearImmediate(this.#flushImmediate)
    this.#flushTimer = null
    this.#flushImmediate = null
  }

  /**
   * Sends what changed since the last broadcast now rather than at the end of its tick: the room
   * calls it just before it broadcasts a committed update, which takes the presence frame along in
   * the same write to each socket (RoomBroadcast.update, corkedWrites) instead of it costing a
   * pass over every socket of its own.
   */
  flushWithUpdate(): void {
    if (!this.#flushScheduled) return
    this.#cancelFlush()
    this.#flush()
  }

  readonly #flush = (): void => {
    this.#flushScheduled = false
    this.#flushTimer = null
    this.#flushImmediate = null
    const ids = [...this.#changed]
    this.#changed.clear()
    if (this.#destroyed || ids.length === 0) return
    this.#lastFlushAt = performance.now()
    this.#options.broadcast(this.#encode(ids))
  }

  readonly #onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin instanceof SyncConnection) {
      for (const id of added) origin.awarenessClientIds.add(id)
      for (const id of removed) origin.awarenessClientIds.delete(id)
      // A client that moved here from another instance is this instance's now.
      for (const id of added) this.#remoteOwners.delete(id)
      for (const id of updated) this.#remoteOwners.delete(id)
    }
    if (origin !== remoteOrigin) for (const id of removed) this.#remoteOwners.delete(id)
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    for (const id of changed) this.#changed.add(id)
    this.#scheduleFlush()
    // Each instance times out stale states on its own ('timeout') and removes a dead instance's
    // (instanceGoneOrigin); relaying either would echo.
    if (this.#options.publish && origin !== remoteOrigin && origin !== 'timeout' && origin !== instanceGoneOrigin && !this.#destroyed) {
      this.#options.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    }
  }

  /**
   * The update with each entry's clock raised above the one the room holds, where it is not above
   * it already and brings a different state. y-protocols takes an entry only with a higher clock
   * (`applyAwarenessUpdate`), and the room keeps a client's clock after the client left: a client
   * that reconnects, here or through another instance, sends the clock it had, which everyone
   * ignored until its next renewal (15 to 30 s). The socket announcing an entry is the only one
   * that may (AwarenessGate), so what it sends is the newest state there is. A state equal to the
   * one held keeps its clock, so the client's own echo (it takes the raised clock) ends there.
   */
  #asNewest(update: Uint8Array): Uint8Array {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    let raised: { clientId: number; clock: number; state: string }[] | null = null
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const held = this.awareness.meta.get(clientId)
      if (held === undefined || clock > held.clock) {
        // The usual case: no string is decoded.
        const bytes = decoding.readVarUint8Array(decoder)
        raised?.push({ clientId, clock, state: textDecoder.decode(bytes) })
        continue
      }
      const state = decoding.readVarString(decoder)
      const current = this.awareness.getStates().get(clientId)
      const same = current === undefined ? state === 'null' : state === JSON.stringify(current)
      raised ??= entriesBefore(update, i)
      raised.push({ clientId, clock: same ? clock : held.clock + 1, state })
    }
    if (raised === null) return update
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, raised.length)
    for (const entry of raised) {
      encoding.writeVarUint(encoder, entry.clientId)
      encoding.writeVarUint(encoder, entry.clock)
      encoding.writeVarString(encoder, entry.state)
    }
    return encoding.toUint8Array(encoder)
  }

  #encode(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
    return encoding.toUint8Array(encoder)
  }
}

const textDecoder = new TextDecoder()

/** The first `count` entries of an awareness update. */
function entriesBefore(update: Uint8Array, count: number): { clientId: number; clock: number; state: string }[] {
  const decoder = decoding.createDecoder(update)
  decoding.readVarUint(decoder)
  const entries: { clientId: number; clock: number; state: string }[] = []
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) })
  }
  return entries
}

/** The client ids an awareness update carries (y-protocols' format: count, then id, clock, state each). */
function clientIdsOf(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder))
    decoding.readVarUint(decoder)
    decoding.readVarString(decoder)
  }
  return ids
}
