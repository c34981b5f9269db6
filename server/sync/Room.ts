import assert from 'node:assert/strict'
import * as decoding from 'lib0/decoding'
import type * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { trimDecodedContent } from '../../shared/doc/trimDecodedContent'
import { migrateWorkshop } from '../../shared/doc/workshopDoc'
import { currentSchema, encodeSchemaVersions } from '../../shared/schema/versions'
import { CloseCode, messageAwareness, messageQueryAwareness, messageSync } from '../../shared/protocol'
import type { Logger } from '../log'
import type { MessageKind, ServerMetrics } from '../metrics'
import { isSharedPersistence } from '../persistence/Persistence'
import { AwarenessRelay } from './AwarenessRelay'
import { CrossInstanceSync, remoteOrigin } from './CrossInstanceSync'
import { DurableLog, type CommittedBatch } from './DurableLog'
import { EncodedState } from './EncodedState'
import { MalformedMessageError } from './MalformedMessageError'
import { RoomBroadcast } from './RoomBroadcast'
import { RoomHooks } from './RoomHooks'
import { syncReplyOf } from './storedReply'
import type { RoomExtension, RoomRefusal } from './RoomExtension'
import type { MessageHandler, SyncConnection } from './SyncConnection'
import { UndoableApply } from './UndoableApply'

import type { RoomOptions } from './RoomOptions'

export type { RoomOptions }

/** What a room stores its snapshots as (and answers early from, `onStoredReply`): this server's schema. */
const SNAPSHOT_SCHEMA = encodeSchemaVersions(currentSchema)

/**
 * One loaded document and the sockets editing it: connections plus protocol (README.md beside this
 * file). It decodes each message, runs the extensions' hooks, and broadcasts; what it keeps is in
 * modules of its own: the durable log (DurableLog), the other instances (CrossInstanceSync) and
 * presence (AwarenessRelay).
 *
 * Durability rule: an update is broadcast only after it is committed to storage, and a sync reply
 * (which carries the whole document) is only encoded when nothing in the doc is still unwritten.
 * So no client is ever told about state that a crash could lose, and a client that saw an edit can
 * trust it survives a restart. With several instances the same holds across them.
 */
export class Room implements MessageHandler {
  readonly workshopId: string
  readonly doc: Y.Doc
  readonly connections = new Set<SyncConnection>()
  readonly #options: RoomOptions
  readonly #log: Logger
  readonly #durable: DurableLog
  /** Made when first needed (#presence): a companion document never has sockets, so never a presence relay. */
  #presenceRelay: AwarenessRelay | null = null
  readonly #fanOut: RoomBroadcast
  /** The sync reply for joiners with nothing yet, encoded once per document version (EncodedState.ts). */
  readonly #encoded: EncodedState
  readonly #instances: CrossInstanceSync | null
  readonly #metrics: ServerMetrics | undefined
  /** Other instances may write this document too (SharedPersistence): memory is not what is stored. */
  readonly #shared: boolean
  #hooks = RoomHooks.none
  /** Set when an extension checks applied updates: refused ones are undone through it. */
  #undoable: UndoableApply | null = null
  /** Documents that belong to this room (ExtensionTools.loadCompanion): unloaded and freed with it. */
  readonly #companions: Room[] = []
  #broken = false
  #destroyed = false
  /** The reply joiners got from the stored snapshot while the room loaded, and that snapshot's state vector. */
  #storedReply: { reply: WeakRef<Uint8Array>; stateVector: Uint8Array } | null = null
  #closedElsewhere: { code: CloseCode; reason: string } | null = null

  private constructor(options: RoomOptions, doc: Y.Doc, stored: { lastSeq: number; loggedUpdates: number; storedBytes: number }) {
    this.#options = options
    this.workshopId = options.workshopId
    this.#log = options.log
    this.doc = doc
    this.#metrics = options.metrics
    this.#encoded = new EncodedState(doc)
    const shared = isSharedPersistence(options.persistence) ? options.persistence : null
    this.#shared = shared !== null
    assert(!options.channel || shared !== null, 'several instances need a SharedPersistence')
    this.#durable = new DurableLog(
      {
        documentId: options.workshopId,
        persistence: options.persistence,
        log: options.log,
        compactEvery: options.compactEvery,
        writeRetryMs: options.writeRetryMs,
        metrics: options.metrics,
        snapshotSchema: SNAPSHOT_SCHEMA,
        // Called once flushed: the encoding joiners and history share, made at most once per version.
        encodeState: () => this.#encoded.state(),
        onCommitted: (batch) => this.#onCommitted(batch),
        onFailed: (error) => this.#fail(error),
      },
      stored,
    )
    this.#fanOut = new RoomBroadcast({ connections: this.connections, metrics: options.metrics })
    this.#instances =
      options.channel && shared
        ? new CrossInstanceSync(
            {
              documentId: options.workshopId,
              doc,
              shared,
              channel: options.channel,
              awareness: this.#presence,
              log: options.log,
              metrics: options.metrics,
              onClosedElsewhere: (code, reason) => {
                this.#closedElsewhere ??= { code: code as CloseCode, reason }
                options.onClosedElsewhere?.(this, code as CloseCode, reason)
              },
            },
            stored.lastSeq,
          )
        : null
    // The 'update' event fires only for updates that changed the document: exactly what to store.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === remoteOrigin && !this.#instances?.storingRemote) {
        this.#durable.countStoredElsewhere(update.byteLength)
        this.#fanOut.update(update, undefined)
      }
      // A client's update being applied is stored from its outcome (#applyClientUpdate).
      else if (!this.#undoable?.isHolding) this.#durable.append(update, origin)
    })
    this.#instances?.start()
  }

  /**
   * The room's presence, made on first use: the first socket's awareness, or another instance's.
   * Companion documents (ExtensionTools.loadCompanion) have no sockets and, on one instance, never
   * make one (an Awareness, its 3 s check timer and listeners, three times per room opened before).
   */
  get #presence(): AwarenessRelay {
    if (this.#presenceRelay) return this.#presenceRelay
    this.#presenceRelay = new AwarenessRelay(this.doc, {
      broadcast: (message) => this.#fanOut.presence(message),
      publish: this.#options.channel ? (update) => this.#instances?.publishAwareness(update) : undefined,
      release: (clientId) => {
        for (const connection of this.connections) connection.awarenessClientIds.delete(clientId)
      },
    })
    // Asked for after the room was freed (a late callback): empty, and without a timer left running.
    if (this.#destroyed) this.#presenceRelay.destroy()
    return this.#presenceRelay
  }

  get awareness(): awarenessProtocol.Awareness {
    return this.#presence.awareness
  }

  /** The room's presence relay: which instances' clients it shows, dropping a dead one's (server/scaleout). */
  get presence(): AwarenessRelay {
    return this.#presence
  }

  /**
   * Loads the snapshot and the log after it, migrates the document to the current schema and
   * stores the migration, all before any connection is attached. Throws SchemaTooNewError when the
   * document is newer than this server.
   */
  static async load(options: RoomOptions): Promise<Room> {
    const stored = await options.persistence.loadDocument(options.workshopId)
    // The snapshot alone is the document (every unload compacts): joiners get its bytes as stored,
    // before the decode below when it needs no migration. A change below drops them again.
    const whole = stored.snapshot !== null && stored.updates.length === 0 ? stored.snapshot : null
    const early = whole && options.onStoredReply && stored.snapshotSchema === SNAPSHOT_SCHEMA ? syncReplyOf(whole) : null
    if (early) await options.onStoredReply!(early)
    // Its own guid: Yjs would draw a random one, ~30 calls to the system's random source per room opened.
    const doc = new Y.Doc({ guid: options.workshopId })
    // ~1.5 KB per note less: decoded field values otherwise keep room for 17 (trimDecodedContent.ts).
    trimDecodedContent(doc)
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    let storedBytes = stored.snapshot?.byteLength ?? 0
    for (const update of stored.updates) {
      Y.applyUpdate(doc, update)
      storedBytes += update.byteLength
    }
    const room = new Room(options, doc, { lastSeq: stored.lastSeq, loggedUpdates: stored.updates.length, storedBytes })
    if (whole) room.#encoded.seedReply(early ?? syncReplyOf(whole))
    if (early) room.#storedReply = { reply: new WeakRef(early), stateVector: Y.encodeStateVector(doc) }
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

  /** Plugs in the extensions, in order (RoomExtension.ts); once, before the first connection. */
  attachExtensions(extensions: readonly RoomExtension[]): void {
    assert(this.connections.size === 0 && this.#hooks.extensions.length === 0, 'attachExtensions on a room in use')
    this.#hooks = new RoomHooks(extensions)
    // After the extensions: their own listeners read a client's transaction before the undo manager does.
    if (this.#hooks.checkApplied.length > 0 || this.#hooks.afterApply.length > 0) this.#undoable = new UndoableApply(this.doc)
  }

  /** A companion document (ExtensionTools.loadCompanion) is stored, unloaded and freed with this room. */
  adoptCompanion(companion: Room): void {
    this.#companions.push(companion)
  }

  /** What this workshop takes in storage: its snapshot and log, and its companions' (the held notes). */
  get storedBytes(): number {
    let bytes = this.#durable.storedBytes
    for (const companion of this.#companions) bytes += companion.storedBytes
    return bytes
  }

  /** The size cap, when there is one (RoomOptions.maxStoredBytes). */
  get maxStoredBytes(): number | null {
    return this.#options.maxStoredBytes ?? null
  }

  /** The stored size has reached the cap: the limits extension refuses growth until it is below again. */
  get isFull(): boolean {
    const max = this.#options.maxStoredBytes
    return max !== undefined && this.storedBytes >= max
  }

  /** Nothing applied to the document is waiting to be written. */
  get isFlushed(): boolean {
    return this.#durable.isFlushed
  }

  /** Flushed, the document is what storage holds: one instance writes it, not freed, storage not failed. */
  get mirrorsStorage(): boolean {
    return !this.#shared && !this.#destroyed && !this.#broken && !this.#durable.hasFailed
  }

  /**
   * The whole document exactly as stored, from memory (history snapshots): the encoding joiners and
   * compaction share (EncodedState), so nothing is read back or decoded. Null while it may differ
   * from storage: something applied is unwritten, an update is being checked or undone, or not
   * `mirrorsStorage`.
   */
  storedState(): Uint8Array | null {
    return this.#isStoredState() ? this.#encoded.state() : null
  }
  #isStoredState(): boolean {
    return this.mirrorsStorage && this.isFlushed && !this.#undoable?.isHolding
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
      // Like the reference server: ask for the client's state (one encoding per version; who else is here follows its sync reply).
      this.#fanOut.to(connection, this.#encoded.syncStep1(), 'sync')
      this.#completeEarlyReply(connection)
      for (const onConnect of this.#hooks.onConnect) {
        if (connection.isRejected) break
        onConnect(connection)
      }
    }
    connection.attach(this)
  }

  /**
   * A joiner answered from the stored snapshot while the room loaded (SyncConnection.offerStoredReply)
   * gets what the document gained since (a migration, an extension's write, another instance's
   * update), as if it had asked with that snapshot's state vector; nothing when it gained nothing.
   */
  #completeEarlyReply(connection: SyncConnection): void {
    const reply = connection.takeEarlyReply()
    if (reply !== null && this.#encoded.holds(reply)) this.#sentDocument(connection)
    if (reply === null || connection.hasDocument) return
    const stored = this.#storedReply
    // Not this load's reply (never expected): the whole document, as to any joiner.
    const stateVector = stored && stored.reply.deref() === reply ? stored.stateVector : new Uint8Array([0])
    this.#answerSyncStep1(connection, stateVector)?.catch(() => {
      // Storage failed while the reply waited: the room has closed everyone with ServerError.
    })
  }

  removeConnection(connection: SyncConnection): void {
    if (!this.connections.delete(connection)) return
    if (!this.#destroyed) this.#presenceRelay?.removeConnection(connection)
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
        const sent = decoding.readVarUint8Array(decoder)
        let update = connection.awarenessGate.admit(connection, sent, (clientId) => this.#presence.isTaken(clientId, connection.grant))
        if (update === null) return
        for (const onAwareness of this.#hooks.onAwareness) update = onAwareness(connection, update)
        this.#presence.applyFromClient(connection, update)
        return
      }
      case messageQueryAwareness: {
        this.#metrics?.messagesReceived.inc({ type: 'query_awareness' })
        // Before its sync reply, which brings everyone's presence anyway, a socket is told nothing about anyone.
        const reply = this.#presence.encodeAll()
        if (connection.hasDocument && connection.chargeReply(reply.byteLength)) this.#fanOut.to(connection, reply, 'awareness')
        return
      }
      default: {
        const extensionMessage = this.#hooks.messages.get(messageType)
        if (!extensionMessage) throw new MalformedMessageError(`unknown message type ${messageType}`)
        this.#metrics?.messagesReceived.inc({ type: extensionMessage.kind })
        return extensionMessage.handle(connection, decoder)
      }
    }
  }

  #handleSyncMessage(connection: SyncConnection, decoder: decoding.Decoder): void | Promise<void> {
    const syncType = decoding.readVarUint(decoder)
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        connection.knownState = Y.decodeStateVector(stateVector) // throws here, in the malformed-message path, if garbage
        connection.syncRequests++
        return this.#answerSyncStep1(connection, stateVector)
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        this.#applyClientUpdate(connection, decoding.readVarUint8Array(decoder))
        return
      }
      default:
        throw new MalformedMessageError(`unknown sync message type ${syncType}`)
    }
  }

  /**
   * A client's update through the extensions' hooks (RoomExtension.ts): refused before it is
   * applied, or applied and then refused (and undone), or applied and standing. Its origin is the
   * connection, so the broadcast can skip the sender.
   */
  #applyClientUpdate(connection: SyncConnection, update: Uint8Array): void {
    const hooks = this.#hooks
    for (const beforeApply of hooks.beforeApply) {
      const refusal = beforeApply({ connection, update })
      if (refusal) return this.#refused(connection, update, refusal, false)
    }
    if (!this.#undoable) {
      Y.applyUpdate(this.doc, update, connection)
      return
    }
    const { transaction, refusal, updates, origin } = this.#undoable.apply(connection, update, (applied) => {
      for (const checkApplied of hooks.checkApplied) {
        const found = checkApplied({ connection, update, transaction: applied })
        if (found) return found
      }
      return null
    })
    for (const stored of updates) this.#durable.append(stored, origin)
    // A refused update's structs were collected after its events: the cached reply must not predate that.
    if (updates.length > 0) this.#encoded.invalidate()
    if (refusal) return this.#refused(connection, update, refusal, true)
    if (transaction) for (const afterApply of hooks.afterApply) afterApply({ connection, update, transaction })
  }

  #refused(connection: SyncConnection, update: Uint8Array, refusal: RoomRefusal, undone: boolean): void {
    // The same object to every hook: extensions may key what they noted about it by the refusal.
    const { close } = refusal
    const about = { reason: refusal.reason, boardId: refusal.boardId, recordId: refusal.recordId, detail: refusal.detail }
    if (undone) connection.log.info(about, 'update refused and undone')
    else connection.log.debug(about, 'update refused before it was applied')
    for (const onRefused of this.#hooks.onRefused) onRefused({ connection, update, refusal, undone })
    // Told first (the hooks above), then closed: its later updates would build on the refused one.
    if (close) connection.reject(close.code, close.reason)
  }

  #answerSyncStep1(connection: SyncConnection, stateVector: Uint8Array): void | Promise<void> {
    if (this.isFlushed) return this.#sendSyncStep2(connection, stateVector)
    return this.#answerAfterFlush(connection, stateVector)
  }

  async #answerAfterFlush(connection: SyncConnection, stateVector: Uint8Array): Promise<void> {
    // Loop: another connection may apply an update between the flush and this continuation.
    while (!this.isFlushed) await this.flush()
    this.#sendSyncStep2(connection, stateVector)
  }

  #sendSyncStep2(connection: SyncConnection, stateVector: Uint8Array): void {
    const reply = this.#encoded.replyTo(stateVector)
    // Joining is free however big the workshop; asking again for it is paid from the sender's budget.
    if (connection.syncRequests > 1 && !connection.chargeReply(reply.byteLength)) return
    this.#fanOut.to(connection, reply, 'sync')
    this.#sentDocument(connection)
  }

  /**
   * The socket holds the document now: from here on it gets the room's broadcasts (RoomBroadcast),
   * and first everyone's presence, which no socket gets before its sync reply.
   */
  #sentDocument(connection: SyncConnection): void {
    if (connection.hasDocument) return
    connection.hasDocument = true
    const presence = this.#presenceRelay
    if (presence && !presence.isEmpty) this.#fanOut.to(connection, presence.encodeAll(), 'awareness')
  }

  /** Sends one message to one socket (an extension's messages). */
  sendMessage(connection: SyncConnection, message: Uint8Array, kind: MessageKind): void {
    this.#fanOut.to(connection, message, kind)
  }

  /** Durable now: tell everyone. One encoding for all; the sender already has its own edit. */
  #onCommitted({ update, origins, previousSeq, seq }: CommittedBatch): void {
    const first = origins[0]
    // Presence that changed meanwhile first: the update takes it along in the same write to each socket.
    this.#presenceRelay?.flushWithUpdate()
    this.#fanOut.update(update, origins.every((origin) => origin === first) ? first : undefined)
    if (this.#instances && previousSeq !== null) this.#instances.committed(update, previousSeq, seq)
    if (this.#hooks.afterCommit.length > 0) {
      const local = origins.some((origin) => origin !== remoteOrigin)
      for (const afterCommit of this.#hooks.afterCommit) afterCommit({ update, local })
    }
  }

  /** Flushes, compacts and frees the room and its companions. The registry calls it once no one is connected. */
  async unload(): Promise<void> {
    try {
      if (!this.#broken) {
        for (const beforeUnload of this.#hooks.beforeUnload) await beforeUnload()
        await this.#durable.flush()
        // From here to the compaction's write no await: what atUnload writes can share its transaction.
        if (this.#isStoredState()) for (const atUnload of this.#hooks.atUnload) atUnload()
        await Promise.all([this.#durable.finish(), ...this.#companions.map((companion) => companion.unload())])
      }
    } finally {
      this.destroy()
    }
  }

  /** Set once another instance said the workshop is being deleted (possibly while this room was still loading). */
  get closedElsewhere(): { code: CloseCode; reason: string } | null {
    return this.#closedElsewhere
  }

  /**
   * Frees the room without writing anything more: the workshop is being deleted. What is queued is
   * dropped; resolves once the writes already sent (its companions' too) have returned.
   */
  async discard(): Promise<void> {
    try {
      await Promise.all([this.#durable.abandon(), ...this.#companions.map((companion) => companion.#durable.abandon())])
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
    for (const onDestroy of this.#hooks.onDestroy) onDestroy()
    this.#undoable?.destroy()
    for (const companion of this.#companions) companion.destroy()
    this.#presenceRelay?.destroy()
    this.#fanOut.destroy()
    this.#encoded.destroy()
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
