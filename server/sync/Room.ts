import assert from 'node:assert/strict'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { migrateWorkshop } from '../../shared/doc/workshopDoc'
import { CloseCode, messageAwareness, messageControl, messageQueryAwareness, messageSync } from '../../shared/protocol'
import type { Logger } from '../log'
import type { MessageKind, ServerMetrics } from '../metrics'
import { isSharedPersistence, type Persistence } from '../persistence/Persistence'
import type { RoomChannel } from '../scaleout/RoomChannel'
import { GuardedOrigin } from '../facilitation/UpdateGuard'
import { AwarenessRelay } from './AwarenessRelay'
import { CrossInstanceSync, remoteOrigin } from './CrossInstanceSync'
import { DurableLog, type CommittedBatch } from './DurableLog'
import { MalformedMessageError } from './MalformedMessageError'
import type { MessageHandler, SyncConnection } from './SyncConnection'

/**
 * Roles and facilitation on top of plain sync (server/facilitation/WorkshopSession.ts). A room
 * without one (the held-notes companion document, which has no sockets) applies updates as they come.
 */
export interface RoomSession {
  applyClientUpdate(connection: SyncConnection, update: Uint8Array): void
  handleControl(connection: SyncConnection, json: string): void | Promise<void>
  stampAwareness(connection: SyncConnection, update: Uint8Array): Uint8Array
  connectionAdded(connection: SyncConnection): void
  isRemoved(participantId: string): boolean
  unload(): Promise<void>
  destroy(): void
}

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
  /**
   * How long a failing write is retried (with backoff) before the room gives up and closes its
   * sockets with 4500. Nothing is broadcast meanwhile. 0: give up at the first failure (SQLite,
   * whose errors are not transient). PostgreSQL restarts are ridden out with e.g. 30 000.
   */
  writeRetryMs?: number
  /** The link to other instances serving this workshop (Redis); requires SharedPersistence. */
  channel?: RoomChannel
  metrics?: ServerMetrics
}

/**
 * One loaded workshop: its Y.Doc, its awareness and the sockets editing it.
 *
 * Durability rule: an update is broadcast only after it is committed to storage, and a sync reply
 * (which carries the whole document) is only encoded when nothing in the doc is still unwritten.
 * So no client is ever told about state that a crash could lose, and a client that saw an edit can
 * trust it survives a restart.
 *
 * With several instances (a RoomChannel), the same holds across them: an update is published to the
 * others only after commit, and they broadcast it without storing it again. Each room tracks the
 * highest database seq up to which it has applied everything (`#appliedSeq`); a missed message
 * (a gap between an update's `previousSeq` and that mark, or a Redis reconnect) is read back from
 * the database.
 */
export class Room implements MessageHandler {
  readonly workshopId: string
  readonly doc: Y.Doc
  readonly connections = new Set<SyncConnection>()
  readonly #options: RoomOptions
  readonly #log: Logger
  readonly #durable: DurableLog
  readonly #presence: AwarenessRelay
  readonly #instances: CrossInstanceSync | null
  readonly #metrics: ServerMetrics | undefined
  #broken = false
  #destroyed = false
  #session: RoomSession | null = null

  private constructor(options: RoomOptions, doc: Y.Doc, lastSeq: number, loggedUpdates: number) {
    this.#options = options
    this.workshopId = options.workshopId
    this.#log = options.log
    this.doc = doc
    this.#metrics = options.metrics
    const shared = isSharedPersistence(options.persistence) ? options.persistence : null
    assert(!options.channel || shared !== null, 'several instances need a SharedPersistence')
    this.#durable = new DurableLog(
      {
        documentId: options.workshopId,
        persistence: options.persistence,
        log: options.log,
        compactEvery: options.compactEvery,
        writeRetryMs: options.writeRetryMs,
        metrics: options.metrics,
        encodeState: () => Y.encodeStateAsUpdate(doc),
        onCommitted: (batch) => this.#onCommitted(batch),
        onFailed: (error) => this.#fail(error),
      },
      { lastSeq, loggedUpdates },
    )
    this.#presence = new AwarenessRelay(doc, {
      broadcast: (message) => this.#broadcast(message, 'awareness'),
      publish: options.channel ? (update) => this.#instances?.publishAwareness(update) : undefined,
    })
    this.#instances =
      options.channel && shared
        ? new CrossInstanceSync(
            { documentId: options.workshopId, doc, shared, channel: options.channel, awareness: this.#presence, log: options.log, metrics: options.metrics },
            lastSeq,
          )
        : null
    // The 'update' event fires only for updates that changed the document: exactly what to store.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === remoteOrigin && !this.#instances?.storingRemote) this.#broadcastUpdate(update, undefined)
      else this.#durable.append(update, origin instanceof GuardedOrigin ? origin.connection : origin)
    })
    this.#instances?.start()
  }

  get awareness(): awarenessProtocol.Awareness {
    return this.#presence.awareness
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

  /** Attaches facilitation; before the first connection. */
  attachSession(session: RoomSession): void {
    assert(this.connections.size === 0 && this.#session === null, 'attachSession on a room in use')
    this.#session = session
  }

  get session(): RoomSession | null {
    return this.#session
  }

  /** Nothing applied to the document is waiting to be written. */
  get isFlushed(): boolean {
    return this.#durable.isFlushed
  }

  /** Writes and broadcasts everything applied to the doc so far. */
  flush(): Promise<void> {
    return this.#durable.flush()
  }

  /** Stores the whole document as the snapshot and deletes the log it replaces. */
  compact(): Promise<void> {
    return this.#durable.compact()
  }

  addConnection(connection: SyncConnection): void {
    assert(!this.#destroyed, 'addConnection on a destroyed room')
    this.connections.add(connection)
    if (connection.isOpen) {
      // Like the reference server: ask for the client's state, and tell it who else is here.
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageSync)
      syncProtocol.writeSyncStep1(encoder, this.doc)
      this.#send(connection, encoding.toUint8Array(encoder), 'sync')
      if (!this.#presence.isEmpty) this.#send(connection, this.#presence.encodeAll(), 'awareness')
      this.#session?.connectionAdded(connection)
    }
    connection.attach(this)
  }

  removeConnection(connection: SyncConnection): void {
    if (!this.connections.delete(connection)) return
    if (!this.#destroyed) this.#presence.removeConnection(connection)
    if (this.connections.size === 0 && !this.#broken) this.#options.onIdle(this)
  }

  handleMessage(connection: SyncConnection, message: Uint8Array): void | Promise<void> {
    const decoder = decoding.createDecoder(message)
    const messageType = decoding.readVarUint(decoder)
    this.#metrics?.bytesReceived.inc(message.byteLength)
    switch (messageType) {
      case messageSync:
        this.#metrics?.messagesReceived.inc({ type: 'sync' })
        return this.#handleSyncMessage(connection, decoder)
      case messageAwareness: {
        this.#metrics?.messagesReceived.inc({ type: 'awareness' })
        const update = decoding.readVarUint8Array(decoder)
        this.#presence.applyFromClient(connection, this.#session ? this.#session.stampAwareness(connection, update) : update)
        return
      }
      case messageQueryAwareness:
        this.#metrics?.messagesReceived.inc({ type: 'query_awareness' })
        this.#send(connection, this.#presence.encodeAll(), 'awareness')
        return
      case messageControl:
        if (!this.#session) throw new MalformedMessageError('this room has no control channel')
        this.#metrics?.messagesReceived.inc({ type: 'control' })
        return this.#session.handleControl(connection, decoding.readVarString(decoder))
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
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder)
        // Origin = the connection, so the broadcast can skip the sender.
        if (this.#session) this.#session.applyClientUpdate(connection, update)
        else Y.applyUpdate(this.doc, update, connection)
        return
      }
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
    this.#send(connection, encoding.toUint8Array(encoder), 'sync')
  }

  /** Sends one message to one socket (the session's control messages). */
  sendMessage(connection: SyncConnection, message: Uint8Array, kind: MessageKind): void {
    this.#send(connection, message, kind)
  }

  #send(connection: SyncConnection, message: Uint8Array, kind: MessageKind): void {
    if (!connection.isOpen) return
    this.#metrics?.messagesSent.inc({ type: kind })
    this.#metrics?.bytesSent.inc(message.byteLength)
    connection.send(message)
  }

  /** Durable now: tell everyone. One encoding for all; the sender already has its own edit. */
  #onCommitted({ update, origins, previousSeq, seq }: CommittedBatch): void {
    const first = origins[0]
    this.#broadcastUpdate(update, origins.every((origin) => origin === first) ? first : undefined)
    if (this.#instances && previousSeq !== null) this.#instances.committed(update, previousSeq, seq)
  }

  /** Sends a committed update to every local socket except `except` (its sender). */
  #broadcastUpdate(update: Uint8Array, except: unknown): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeUpdate(encoder, update)
    this.#broadcast(encoding.toUint8Array(encoder), 'sync', except)
  }

  /**
   * Sends one encoded message to every open local socket but `except`, counting it in the metrics
   * once per broadcast rather than once per socket (a labelled counter lookup per recipient adds up
   * in a room of hundreds).
   */
  #broadcast(message: Uint8Array, kind: MessageKind, except?: unknown): void {
    let sent = 0
    for (const connection of this.connections) {
      if (connection === except || !connection.isOpen) continue
      connection.send(message)
      sent++
    }
    if (sent === 0) return
    this.#metrics?.messagesSent.inc({ type: kind }, sent)
    this.#metrics?.bytesSent.inc(message.byteLength * sent)
  }

  /** Flushes, compacts and frees the room. The registry calls it once no one is connected. */
  async unload(): Promise<void> {
    try {
      if (!this.#broken) await Promise.all([this.#durable.finish(), this.#session?.unload()])
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
    this.#durable.close()
    this.#instances?.close()
    this.#session?.destroy()
    this.#presence.destroy()
    this.doc.destroy()
  }

  #fail(error: unknown): void {
    if (this.#broken) return
    this.#broken = true
    this.#log.error({ err: error }, 'storage write failed; closing the room')
    this.closeConnections(CloseCode.ServerError, 'The server could not save; please reconnect')
    this.#options.onBroken(this)
  }
}
