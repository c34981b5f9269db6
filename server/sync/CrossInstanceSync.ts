import * as Y from 'yjs'
import type { Logger } from '../log'
import type { ServerMetrics } from '../metrics'
import type { SharedPersistence } from '../persistence/Persistence'
import type { FanoutHandler, RoomChannel } from '../scaleout/RoomChannel'
import type { AwarenessRelay } from './AwarenessRelay'

/** Transaction origin of updates another instance committed (via Redis or a catch-up): broadcast, never stored again. */
export const remoteOrigin = Symbol('remote')
/** How long a seq gap may stay open (the missing message may still be on its way) before reading the database. */
const GAP_GRACE_MS = 250
const CATCH_UP_RETRY_MS = 1_000

export interface CrossInstanceSyncOptions {
  documentId: string
  doc: Y.Doc
  shared: SharedPersistence
  channel: RoomChannel
  awareness: AwarenessRelay
  log: Logger
  metrics?: ServerMetrics
  /** Another instance is deleting the workshop (FanoutHandler.closeRoom). */
  onClosedElsewhere: (code: number, reason: string) => void
}

/**
 * A document served by several instances (server/scaleout): what the others committed comes in over
 * the channel and is applied with `remoteOrigin`; what this one committed goes out after its commit.
 *
 * It tracks the highest database seq up to which every committed update has been applied
 * (`#appliedSeq`). A missed message (a gap between an update's `previousSeq` and that mark, or a
 * Redis reconnect) is read back from the database, so correctness never depends on Redis.
 */
export class CrossInstanceSync implements FanoutHandler {
  readonly #options: CrossInstanceSyncOptions
  /** Every committed update with seq <= this has been applied to the doc. */
  #appliedSeq: number
  /** Updates applied out of order: previousSeq -> seq, absorbed once #appliedSeq reaches them. */
  readonly #aheadOfGap = new Map<number, number>()
  #gapTimer: NodeJS.Timeout | null = null
  #catchingUp: Promise<void> | null = null
  #catchUpAgain = false
  /** Set while applying a remote update that may integrate structs a local client sent earlier. */
  #storeRemote = false
  #closed = false

  constructor(options: CrossInstanceSyncOptions, appliedSeq: number) {
    this.#options = options
    this.#appliedSeq = appliedSeq
  }

  /** Starts listening; messages that arrived while the document loaded are applied now, in order. */
  start(): void {
    this.#options.channel.attach(this)
    this.#options.channel.queryAwareness()
  }

  /**
   * Whether the remote update being applied must be stored after all: it completed a local client's
   * update that was waiting for it, so the merged change includes that client's part.
   */
  get storingRemote(): boolean {
    return this.#storeRemote
  }

  /** This instance committed `update` as `seq`: tell the others. */
  committed(update: Uint8Array, previousSeq: number, seq: number): void {
    this.#options.channel.publishUpdate(update, previousSeq, seq)
    this.#noteApplied(previousSeq, seq)
  }

  publishAwareness(update: Uint8Array): void {
    this.#options.channel.publishAwareness(update)
  }

  // ---- FanoutHandler ----

  applyRemoteUpdate(update: Uint8Array, previousSeq: number, seq: number): void {
    if (this.#closed) return
    this.#applyRemote(() => Y.applyUpdate(this.#options.doc, update, remoteOrigin))
    this.#noteApplied(previousSeq, seq)
  }

  applyRemoteAwareness(update: Uint8Array, instanceId: string): void {
    this.#options.awareness.applyRemote(update, instanceId)
  }

  answerAwarenessQuery(): void {
    if (!this.#closed) this.#options.awareness.publishOwn()
  }

  closeRoom(code: number, reason: string): void {
    if (!this.#closed) this.#options.onClosedElsewhere(code, reason)
  }

  /** Reads every committed update after #appliedSeq from the database and applies it (broadcast, not stored). */
  catchUp(reason: 'reconnect' | 'gap'): void {
    if (this.#closed) return
    if (this.#catchingUp) {
      this.#catchUpAgain = true
      return
    }
    const { shared, documentId, doc, log, metrics } = this.#options
    this.#catchingUp = (async () => {
      do {
        this.#catchUpAgain = false
        const fromSeq = this.#appliedSeq
        metrics?.catchUps.inc({ reason })
        const stored = await shared.loadDocumentAfter(documentId, fromSeq)
        if (this.#closed) return
        this.#applyRemote(() =>
          doc.transact(() => {
            if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, remoteOrigin)
            for (const update of stored.updates) Y.applyUpdate(doc, update, remoteOrigin)
          }, remoteOrigin),
        )
        log.info({ reason, fromSeq, toSeq: stored.lastSeq, updates: stored.updates.length }, 'caught up from the database')
        this.#advanceAppliedSeq(stored.lastSeq)
      } while (this.#catchUpAgain && !this.#closed)
    })()
    this.#catchingUp
      .catch((error: unknown) => {
        log.warn({ err: error, reason }, 'catch-up failed; retrying')
        setTimeout(() => this.catchUp(reason), CATCH_UP_RETRY_MS).unref()
      })
      .finally(() => {
        this.#catchingUp = null
      })
  }

  /** Stops listening and forgets timers. */
  close(): void {
    this.#closed = true
    if (this.#gapTimer) clearTimeout(this.#gapTimer)
    this.#gapTimer = null
    this.#options.channel.leave()
  }

  /** Applies committed updates from elsewhere; they are stored again only if they complete a local client's pending update. */
  #applyRemote(apply: () => void): void {
    const store = this.#options.doc.store
    this.#storeRemote = store.pendingStructs !== null || store.pendingDs !== null
    try {
      apply()
    } finally {
      this.#storeRemote = false
    }
  }

  #noteApplied(previousSeq: number, seq: number): void {
    if (seq <= this.#appliedSeq) return
    if (previousSeq <= this.#appliedSeq) {
      this.#advanceAppliedSeq(seq)
      return
    }
    this.#aheadOfGap.set(previousSeq, seq)
    this.#scheduleGapCheck()
  }

  #scheduleGapCheck(): void {
    if (this.#gapTimer || this.#closed) return
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
}
