import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { messageAwareness } from '../../shared/protocol'
import { remoteOrigin } from './CrossInstanceSync'
import { SyncConnection } from './SyncConnection'

export interface AwarenessRelayOptions {
  /** Sends one encoded awareness message to every local socket. */
  broadcast: (message: Uint8Array) => void
  /** Tells the other instances (Redis); absent on a single instance. */
  publish?: (update: Uint8Array) => void
}

/**
 * A room's presence (y-protocols awareness: names, cursors, views), relayed to its sockets and to
 * the other instances. Never stored.
 *
 * Awareness is broadcast once per room per event-loop turn, carrying every client that changed
 * meanwhile: 30 cursors at 10/s in a room of 330 would otherwise be ~100,000 frames/s, which the
 * benchmark showed starves note updates (bench/RESULTS-quick.md, scenario a).
 */
export class AwarenessRelay {
  readonly awareness: awarenessProtocol.Awareness
  readonly #options: AwarenessRelayOptions
  readonly #changed = new Set<number>()
  #flushScheduled = false
  #destroyed = false

  constructor(doc: Y.Doc, options: AwarenessRelayOptions) {
    this.#options = options
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.#onUpdate)
  }

  /** A client's awareness update (already stamped by the room's extensions). */
  applyFromClient(connection: SyncConnection, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection)
  }

  /** Another instance's clients changed. */
  applyRemote(update: Uint8Array): void {
    if (this.#destroyed) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, remoteOrigin)
  }

  /** Every known state as one message, for a newcomer or a query (with no entries when nobody is here). */
  encodeAll(): Uint8Array {
    return this.#encode([...this.awareness.getStates().keys()])
  }

  get isEmpty(): boolean {
    return this.awareness.getStates().size === 0
  }

  /** Another instance loaded the room and asks who is here. */
  answerQuery(): void {
    if (this.#destroyed || !this.#options.publish) return
    const clientIds = [...this.awareness.getStates().keys()]
    if (clientIds.length > 0) this.#options.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
  }

  /** A socket left: everyone stops seeing the states it announced. */
  removeConnection(connection: SyncConnection): void {
    if (connection.awarenessClientIds.size === 0 || this.#destroyed) return
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], null)
  }

  destroy(): void {
    this.#destroyed = true
    this.awareness.destroy()
  }

  readonly #flush = (): void => {
    this.#flushScheduled = false
    const ids = [...this.#changed]
    this.#changed.clear()
    if (this.#destroyed || ids.length === 0) return
    this.#options.broadcast(this.#encode(ids))
  }

  readonly #onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin instanceof SyncConnection) {
      for (const id of added) origin.awarenessClientIds.add(id)
      for (const id of removed) origin.awarenessClientIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    for (const id of changed) this.#changed.add(id)
    if (!this.#flushScheduled) {
      this.#flushScheduled = true
      setImmediate(this.#flush)
    }
    // Each instance times out stale states on its own ('timeout'); relaying that would echo.
    if (this.#options.publish && origin !== remoteOrigin && origin !== 'timeout' && !this.#destroyed) {
      this.#options.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    }
  }

  #encode(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
    return encoding.toUint8Array(encoder)
  }
}
