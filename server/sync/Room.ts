import assert from 'node:assert/strict'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { migrateWorkshop } from '../../shared/doc/workshopDoc'
import { CloseCode, messageAwareness, messageControl, messageQueryAwareness, messageSync } from '../../shared/protocol'
import type { Logger } from '../log'
import type { MessageKind, ServerMetrics } from '../metrics'
import { isSharedPersistence, type Persistence, type SharedPersistence } from '../persistence/Persistence'
import type { FanoutHandler, RoomChannel } from '../scaleout/RoomChannel'
import { GuardedOrigin } from '../facilitation/UpdateGuard'
import { MalformedMessageError } from './MalformedMessageError'
import { SyncConnection, type MessageHandler } from './SyncConnection'

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

interface PendingUpdate {
  update: Uint8Array
  origin: unknown
}

/** Transaction origin of updates another instance committed (via Redis or a catch-up): broadcast, never stored again. */
const remoteOrigin = Symbol('remote')
/** How long a seq gap may stay open (the missing message may still be on its way) before reading the database. */
const GAP_GRACE_MS = 250
const CATCH_UP_RETRY_MS = 1_000

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
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
export class Room implements MessageHandler, FanoutHandler {
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
  readonly #shared: SharedPersistence | null
  readonly #channel: RoomChannel | null
  readonly #metrics: ServerMetrics | undefined
  /** When the current run of failed writes began; null while writes succeed. */
  #failingSince: number | null = null
  /** Every committed update with seq <= this has been applied to the doc (multi-instance). */
  #appliedSeq: number
  /** Updates applied out of order: previousSeq -> seq, absorbed once #appliedSeq reaches them. */
  readonly #aheadOfGap = new Map<number, number>()
  #gapTimer: NodeJS.Timeout | null = null
  #catchingUp: Promise<void> | null = null
  #catchUpAgain = false
  /** Set while applying a remote update that may integrate structs a local client sent earlier. */
  #storeRemote = false
  #session: RoomSession | null = null

  private constructor(options: RoomOptions, doc: Y.Doc, lastSeq: number, loggedUpdates: number) {
    this.#options = options
    this.workshopId = options.workshopId
    this.#log = options.log
    this.doc = doc
    this.#lastSeq = lastSeq
    this.#appliedSeq = lastSeq
    this.#updatesSinceSnapshot = loggedUpdates
    this.#shared = isSharedPersistence(options.persistence) ? options.persistence : null
    this.#channel = options.channel ?? null
    assert(this.#channel === null || this.#shared !== null, 'several instances need a SharedPersistence')
    this.#metrics = options.metrics
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
    // The 'update' event fires only for updates that changed the document: exactly what to store.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === remoteOrigin && !this.#storeRemote) this.#broadcastUpdate(update, undefined)
      else this.#enqueue(update, origin)
    })
    this.awareness.on('update', this.#onAwarenessUpdate)
    if (this.#channel) {
      // Messages that arrived while the document loaded are applied now, in order.
      this.#channel.attach(this)
      this.#channel.queryAwareness()
    }
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
      this.#send(connection, encoding.toUint8Array(encoder), 'sync')
      const states = this.awareness.getStates()
      if (states.size > 0) {
        this.#send(connection, this.#encodeAwareness([...states.keys()]), 'awareness')
      }
      this.#session?.connectionAdded(connection)
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
    this.#metrics?.bytesReceived.inc(message.byteLength)
    switch (messageType) {
      case messageSync:
        this.#metrics?.messagesReceived.inc({ type: 'sync' })
        return this.#handleSyncMessage(connection, decoder)
      case messageAwareness: {
        this.#metrics?.messagesReceived.inc({ type: 'awareness' })
        const update = decoding.readVarUint8Array(decoder)
        awarenessProtocol.applyAwarenessUpdate(this.awareness, this.#session ? this.#session.stampAwareness(connection, update) : update, connection)
        return
      }
      case messageQueryAwareness:
        this.#metrics?.messagesReceived.inc({ type: 'query_awareness' })
        this.#send(connection, this.#encodeAwareness([...this.awareness.getStates().keys()]), 'awareness')
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

  #enqueue(update: Uint8Array, origin: unknown): void {
    if (this.#broken) return
    // A guarded client update is its connection's, for skipping the sender when broadcasting.
    this.#pending.push({ update, origin: origin instanceof GuardedOrigin ? origin.connection : origin })
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
    const appended = await this.#appendWithRetry(merged)
    this.#lastSeq = appended.seq
    this.#updatesSinceSnapshot += batch.length
    this.#metrics?.updatesWritten.inc(batch.length)
    // Durable now: tell everyone. One encoding for all; the sender already has its own edit.
    const soleOrigin = batch.every((entry) => entry.origin === batch[0]!.origin) ? batch[0]!.origin : undefined
    this.#broadcastUpdate(merged, soleOrigin)
    if (this.#channel && appended.previousSeq !== null) {
      this.#channel.publishUpdate(merged, appended.previousSeq, appended.seq)
      this.#noteApplied(appended.previousSeq, appended.seq)
    }
    if (this.#updatesSinceSnapshot >= this.#options.compactEvery) this.#scheduleCompaction()
  }

  /**
   * Commits one merged update, retrying a failed write with backoff for up to `writeRetryMs`
   * (a database restart). Until it commits nothing is broadcast and sync replies wait; updates that
   * arrive meanwhile queue up behind it. Beyond the bound the room closes its sockets with 4500
   * rather than pretend. A retry after a commit whose acknowledgement was lost stores the update
   * twice, which Yjs ignores on load.
   */
  async #appendWithRetry(merged: Uint8Array): Promise<{ previousSeq: number | null; seq: number }> {
    const retryMs = this.#options.writeRetryMs ?? 0
    for (let attempt = 0; ; attempt++) {
      const started = performance.now()
      try {
        const appended = this.#shared
          ? await this.#shared.appendUpdatesInOrder(this.workshopId, [merged])
          : { previousSeq: null, seq: await this.#options.persistence.appendUpdates(this.workshopId, [merged]) }
        this.#metrics?.writeSeconds.observe((performance.now() - started) / 1000)
        if (this.#failingSince !== null) {
          this.#log.info({ attempts: attempt + 1, failedForMs: Date.now() - this.#failingSince }, 'storage write succeeded again')
          this.#failingSince = null
        }
        return appended
      } catch (error) {
        this.#metrics?.writeFailures.inc()
        this.#failingSince ??= Date.now()
        const failingFor = Date.now() - this.#failingSince
        if (this.#destroyed || this.#broken || failingFor >= retryMs) {
          this.#fail(error)
          throw error
        }
        const delay = Math.min(50 * 2 ** attempt, 2_000, retryMs - failingFor)
        this.#log.warn({ err: error, attempt, failingForMs: failingFor, retryInMs: delay }, 'storage write failed; retrying')
        await sleep(delay)
      }
    }
  }

  // ---- Other instances (FanoutHandler) ----

  applyRemoteUpdate(update: Uint8Array, previousSeq: number, seq: number): void {
    if (this.#destroyed) return
    this.#applyRemote(() => Y.applyUpdate(this.doc, update, remoteOrigin))
    this.#noteApplied(previousSeq, seq)
  }

  applyRemoteAwareness(update: Uint8Array): void {
    if (this.#destroyed) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, remoteOrigin)
  }

  answerAwarenessQuery(): void {
    if (this.#destroyed || !this.#channel) return
    const clientIds = [...this.awareness.getStates().keys()]
    if (clientIds.length > 0) {
      this.#channel.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
    }
  }

  /** Reads every committed update after #appliedSeq from the database and applies it (broadcast, not stored). */
  catchUp(reason: 'reconnect' | 'gap'): void {
    if (this.#destroyed || !this.#shared) return
    if (this.#catchingUp) {
      this.#catchUpAgain = true
      return
    }
    const shared = this.#shared
    this.#catchingUp = (async () => {
      do {
        this.#catchUpAgain = false
        const fromSeq = this.#appliedSeq
        this.#metrics?.catchUps.inc({ reason })
        const stored = await shared.loadDocumentAfter(this.workshopId, fromSeq)
        if (this.#destroyed) return
        this.#applyRemote(() =>
          this.doc.transact(() => {
            if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, remoteOrigin)
            for (const update of stored.updates) Y.applyUpdate(this.doc, update, remoteOrigin)
          }, remoteOrigin),
        )
        this.#log.info({ reason, fromSeq, toSeq: stored.lastSeq, updates: stored.updates.length }, 'caught up from the database')
        this.#advanceAppliedSeq(stored.lastSeq)
      } while (this.#catchUpAgain && !this.#destroyed)
    })()
    this.#catchingUp
      .catch((error: unknown) => {
        this.#log.warn({ err: error, reason }, 'catch-up failed; retrying')
        setTimeout(() => this.catchUp(reason), CATCH_UP_RETRY_MS).unref()
      })
      .finally(() => {
        this.#catchingUp = null
      })
  }

  /** Applies committed updates from elsewhere; they are stored again only if they complete a local client's pending update. */
  #applyRemote(apply: () => void): void {
    const store = this.doc.store
    this.#storeRemote = store.pendingStructs !== null || store.pendingDs !== null
    try {
      apply()
    } finally {
      this.#storeRemote = false
    }
  }

  #noteApplied(previousSeq: number, seq: number): void {
    if (!this.#channel || seq <= this.#appliedSeq) return
    if (previousSeq <= this.#appliedSeq) {
      this.#advanceAppliedSeq(seq)
      return
    }
    this.#aheadOfGap.set(previousSeq, seq)
    this.#scheduleGapCheck()
  }

  #scheduleGapCheck(): void {
    if (this.#gapTimer || this.#destroyed) return
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = null
      if (this.#aheadOfGap.size > 0) this.catchUp('gap')
    }, GAP_GRACE_MS)
  }

  #advanceAppliedSeq(seq: number): void {
    if (seq > this.#appliedSeq) this.#appliedSeq = seq
    for (const previousSeq of this.#aheadOfGap.keys()) {
      if (previousSeq < this.#appliedSeq) this.#aheadOfGap.delete(previousSeq)
    }
    for (let next = this.#aheadOfGap.get(this.#appliedSeq); next !== undefined; next = this.#aheadOfGap.get(this.#appliedSeq)) {
      this.#aheadOfGap.delete(this.#appliedSeq)
      this.#appliedSeq = next
    }
    if (this.#aheadOfGap.size === 0 && this.#gapTimer) {
      clearTimeout(this.#gapTimer)
      this.#gapTimer = null
    } else if (this.#aheadOfGap.size > 0) {
      this.#scheduleGapCheck()
    }
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
      const counted = this.#updatesSinceSnapshot
      if (this.#shared) {
        // Built from the database: this doc may lack another instance's committed update.
        const result = await this.#shared.compactStored(this.workshopId)
        this.#updatesSinceSnapshot -= counted
        if (result) {
          this.#metrics?.compactions.inc()
          this.#log.debug(result, 'compacted from the database')
        }
        return
      }
      const uptoSeq = this.#lastSeq
      const snapshot = Y.encodeStateAsUpdate(this.doc)
      await this.#options.persistence.compact(this.workshopId, snapshot, uptoSeq)
      this.#updatesSinceSnapshot -= counted
      this.#metrics?.compactions.inc()
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
      if (!this.#broken) await Promise.all([this.compact(), this.#session?.unload()])
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
    if (this.#gapTimer) clearTimeout(this.#gapTimer)
    this.#channel?.leave()
    this.#session?.destroy()
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

  /**
   * Awareness is broadcast once per room per event-loop turn, carrying every client that changed
   * meanwhile: 30 cursors at 10/s in a room of 330 would otherwise be ~100,000 frames/s, which the
   * benchmark showed starves note updates (bench/RESULTS-quick.md, scenario a).
   */
  #awarenessChanged = new Set<number>()
  #awarenessFlushScheduled = false
  #flushAwareness = (): void => {
    this.#awarenessFlushScheduled = false
    const ids = [...this.#awarenessChanged]
    this.#awarenessChanged.clear()
    if (this.#destroyed || ids.length === 0) return
    const message = this.#encodeAwareness(ids)
    this.#broadcast(message, 'awareness')
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
    for (const id of changed) this.#awarenessChanged.add(id)
    if (!this.#awarenessFlushScheduled) {
      this.#awarenessFlushScheduled = true
      setImmediate(this.#flushAwareness)
    }
    // Each instance times out stale states on its own ('timeout'); relaying that would echo.
    if (this.#channel && origin !== remoteOrigin && origin !== 'timeout' && !this.#destroyed) {
      this.#channel.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    }
  }

  #encodeAwareness(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
    return encoding.toUint8Array(encoder)
  }
}
