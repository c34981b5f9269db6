import assert from 'node:assert/strict'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { migrateWorkshop } from '../../shared/doc/workshopDoc'
import { CloseCode } from '../../shared/protocol'
import type { Logger } from '../log'
import type { Persistence } from '../persistence/Persistence'
import { MalformedMessageError, messageAwareness, messageQueryAwareness, messageSync } from './messages'
import { SyncConnection, type MessageHandler } from './SyncConnection'

export interface RoomOptions {
  workshopId: string
  persistence: Persistence
  log: Logger
  /** Write a snapshot and trim the log after this many logged updates. */
  compactEvery: number
  /** Called when the last connection left, so the registry can schedule an unload. */
  onIdle: (room: Room) => void
  /** Called when storage failed and the room must be dropped without saving. */
  onBroken: (room: Room) => void
}

interface PendingUpdate {
  update: Uint8Array
  origin: unknown
}

/**
 * One loaded workshop: its Y.Doc, its awareness and the sockets editing it.
 *
 * Durability rule: an update is broadcast only after it is committed to storage, and a sync reply
 * (which carries the whole document) is only encoded when nothing in the doc is still unwritten.
 * So no client is ever told about state that a crash could lose, and a client that saw an edit can
 * trust it survives a restart.
 */
export class Room implements MessageHandler {
  readonly workshopId: string
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<SyncConnection>()
  readonly #options: RoomOptions
  readonly #log: Logger
  #pending: PendingUpdate[] = []
  #flushScheduled = false
  #writing: Promise<void> | null = null
  #lastSeq: number
  #updatesSinceSnapshot: number
  #compactTimer: NodeJS.Timeout | null = null
  #compacting: Promise<void> | null = null
  #broken = false
  #destroyed = false

  private constructor(options: RoomOptions, doc: Y.Doc, lastSeq: number, loggedUpdates: number) {
    this.#options = options
    this.workshopId = options.workshopId
    this.#log = options.log
    this.doc = doc
    this.#lastSeq = lastSeq
    this.#updatesSinceSnapshot = loggedUpdates
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
    // The 'update' event fires only for updates that changed the document: exactly what to store.
    doc.on('update', (update: Uint8Array, origin: unknown) => this.#enqueue(update, origin))
    this.awareness.on('update', this.#onAwarenessUpdate)
  }

  /**
   * Loads the snapshot and the log after it, migrates the document to the current schema and
   * stores the migration, all before any connection is attached. Throws SchemaTooNewError when the
   * document is newer than this server.
   */
  static async load(options: RoomOptions): Promise<Room> {
    const stored = await options.persistence.loadDocument(options.workshopId)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    const room = new Room(options, doc, stored.lastSeq, stored.updates.length)
    try {
      const report = migrateWorkshop(doc)
      if (report.recordsChanged > 0 || Object.keys(report.migratedKinds).length > 0) {
        options.log.info({ migratedKinds: report.migratedKinds, recordsChanged: report.recordsChanged }, 'migrated workshop')
      }
      await room.flush()
    } catch (error) {
      room.destroy()
      throw error
    }
    return room
  }

  get isFlushed(): boolean {
    return this.#pending.length === 0 && this.#writing === null
  }

  addConnection(connection: SyncConnection): void {
    assert(!this.#destroyed, 'addConnection on a destroyed room')
    this.connections.add(connection)
    if (connection.isOpen) {
      // Like the reference server: ask for the client's state, and tell it who else is here.
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageSync)
      syncProtocol.writeSyncStep1(encoder, this.doc)
      connection.send(encoding.toUint8Array(encoder))
      const states = this.awareness.getStates()
      if (states.size > 0) {
        connection.send(this.#encodeAwareness([...states.keys()]))
      }
    }
    connection.attach(this)
  }

  removeConnection(connection: SyncConnection): void {
    if (!this.connections.delete(connection)) return
    if (connection.awarenessClientIds.size > 0 && !this.#destroyed) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], null)
    }
    if (this.connections.size === 0 && !this.#broken) this.#options.onIdle(this)
  }

  handleMessage(connection: SyncConnection, message: Uint8Array): void | Promise<void> {
    const decoder = decoding.createDecoder(message)
    const messageType = decoding.readVarUint(decoder)
    switch (messageType) {
      case messageSync:
        return this.#handleSyncMessage(connection, decoder)
      case messageAwareness:
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), connection)
        return
      case messageQueryAwareness:
        connection.send(this.#encodeAwareness([...this.awareness.getStates().keys()]))
        return
      default:
        throw new MalformedMessageError(`unknown message type ${messageType}`)
    }
  }

  #handleSyncMessage(connection: SyncConnection, decoder: decoding.Decoder): void | Promise<void> {
    const syncType = decoding.readVarUint(decoder)
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        Y.decodeStateVector(stateVector) // throws here, in the malformed-message path, if garbage
        if (this.isFlushed) {
          this.#sendSyncStep2(connection, stateVector)
          return
        }
        return this.#answerAfterFlush(connection, stateVector)
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        // Origin = the connection, so the broadcast can skip the sender.
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), connection)
        return
      default:
        throw new MalformedMessageError(`unknown sync message type ${syncType}`)
    }
  }

  async #answerAfterFlush(connection: SyncConnection, stateVector: Uint8Array): Promise<void> {
    // Loop: another connection may apply an update between the flush and this continuation.
    while (!this.isFlushed) await this.flush()
    this.#sendSyncStep2(connection, stateVector)
  }

  #sendSyncStep2(connection: SyncConnection, stateVector: Uint8Array): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeSyncStep2(encoder, this.doc, stateVector)
    connection.send(encoding.toUint8Array(encoder))
  }

  #enqueue(update: Uint8Array, origin: unknown): void {
    if (this.#broken) return
    this.#pending.push({ update, origin })
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    // One transaction per event-loop turn: every message that arrived in this turn shares it.
    setImmediate(() => {
      this.#flushScheduled = false
      this.flush().catch(() => {
        // Already handled in #writeBatch: the room is broken and its connections closed.
      })
    })
  }

  /** Writes and broadcasts everything applied to the doc so far. */
  async flush(): Promise<void> {
    while (!this.isFlushed) {
      if (this.#writing) {
        await this.#writing
        continue
      }
      const writing = this.#writeBatch()
      this.#writing = writing
      try {
        await writing
      } finally {
        if (this.#writing === writing) this.#writing = null
      }
    }
  }

  async #writeBatch(): Promise<void> {
    const batch = this.#pending
    this.#pending = []
    const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((entry) => entry.update))
    try {
      this.#lastSeq = await this.#options.persistence.appendUpdates(this.workshopId, [merged])
    } catch (error) {
      this.#fail(error)
      throw error
    }
    this.#updatesSinceSnapshot += batch.length
    // Durable now: tell everyone. One encoding for all; the sender already has its own edit.
    const soleOrigin = batch.every((entry) => entry.origin === batch[0]!.origin) ? batch[0]!.origin : undefined
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeUpdate(encoder, merged)
    const message = encoding.toUint8Array(encoder)
    for (const connection of this.connections) {
      if (connection !== soleOrigin) connection.send(message)
    }
    if (this.#updatesSinceSnapshot >= this.#options.compactEvery) this.#scheduleCompaction()
  }

  #scheduleCompaction(): void {
    if (this.#compactTimer || this.#compacting) return
    // Off the hot path: never inside a message handler or the write that triggered it.
    this.#compactTimer = setTimeout(() => {
      this.#compactTimer = null
      this.compact().catch((error: unknown) => this.#log.error({ err: error }, 'compaction failed'))
    }, 0)
  }

  /** Stores the whole document as the snapshot and deletes the log it replaces. */
  async compact(): Promise<void> {
    if (this.#compacting) return this.#compacting
    this.#compacting = (async () => {
      await this.flush()
      if (this.#updatesSinceSnapshot === 0 || this.#broken) return
      const uptoSeq = this.#lastSeq
      const counted = this.#updatesSinceSnapshot
      const snapshot = Y.encodeStateAsUpdate(this.doc)
      await this.#options.persistence.compact(this.workshopId, snapshot, uptoSeq)
      this.#updatesSinceSnapshot -= counted
      this.#log.debug({ uptoSeq, bytes: snapshot.byteLength }, 'compacted')
    })()
    try {
      await this.#compacting
    } finally {
      this.#compacting = null
    }
  }

  /** Flushes, compacts and frees the room. The registry calls it once no one is connected. */
  async unload(): Promise<void> {
    if (this.#compactTimer) clearTimeout(this.#compactTimer)
    this.#compactTimer = null
    try {
      if (!this.#broken) await this.compact()
    } finally {
      this.destroy()
    }
  }

  /** Closes every connection with the given code (server shutdown, storage failure). */
  closeConnections(code: CloseCode, reason: string): void {
    for (const connection of this.connections) connection.reject(code, reason)
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    if (this.#compactTimer) clearTimeout(this.#compactTimer)
    this.awareness.destroy()
    this.doc.destroy()
  }

  #fail(error: unknown): void {
    if (this.#broken) return
    this.#broken = true
    this.#log.error({ err: error }, 'storage write failed; closing the room')
    this.closeConnections(CloseCode.ServerError, 'The server could not save; please reconnect')
    this.#options.onBroken(this)
  }

  #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof SyncConnection) {
      for (const id of added) origin.awarenessClientIds.add(id)
      for (const id of removed) origin.awarenessClientIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    const message = this.#encodeAwareness(changed)
    for (const connection of this.connections) connection.send(message)
  }

  #encodeAwareness(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
    return encoding.toUint8Array(encoder)
  }
}
