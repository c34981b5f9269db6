import * as Y from 'yjs'
import type { Logger } from '../log'
import type { ServerMetrics } from '../metrics'
import { isSharedPersistence, type Persistence, type SharedPersistence } from '../persistence/Persistence'

/** One committed batch: every update applied to the document in one event-loop turn, merged. */
export interface CommittedBatch {
  update: Uint8Array
  /** The transaction origin of each update in the batch (a sender's connection, an extension's symbol, …). */
  origins: readonly unknown[]
  /** The document's newest seq before this batch (shared storage only; null with SQLite). */
  previousSeq: number | null
  seq: number
}

export interface DurableLogOptions {
  documentId: string
  persistence: Persistence
  log: Logger
  /** Write a snapshot and trim the log after this many logged updates. */
  compactEvery: number
  /** See RoomOptions.writeRetryMs. */
  writeRetryMs?: number
  metrics?: ServerMetrics
  /** The schema versions a snapshot from `encodeState` is at, stored with it (StoredDocument.snapshotSchema). */
  snapshotSchema?: string
  /** The whole document as one update: the snapshot when compacting from memory (single instance). */
  encodeState: () => Uint8Array
  /** A batch is committed: only now may anyone be told about it. */
  onCommitted: (batch: CommittedBatch) => void
  /** Storage failed for good (after retrying for writeRetryMs); called once. */
  onFailed: (error: unknown) => void
}

/** Batches the writer thread may hold at once (see #sendPending). */
const MAX_IN_FLIGHT = 4

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * A document's durable log: the write queue, the commit with retries, and compaction.
 *
 * Updates are queued as they are applied and committed once per event-loop turn (one `setImmediate`
 * for the logs of every room, #sendQueued), merged, in one transaction; `onCommitted` runs only after the commit, so whatever it broadcasts is
 * on disk, and batches are announced in the order they were applied. With SQLite the commit runs on
 * the writer thread (`SqliteUpdateWriter`) and a few batches may be in flight at once; with shared
 * storage one is, and the next gathers meanwhile. A failed write is retried with backoff for up to
 * `writeRetryMs` (a database restart); meanwhile nothing more is announced and `isFlushed` stays
 * false, so sync replies wait too. Compaction
 * (a snapshot, then deleting the log it covers) runs from a timer, never inside a message handler.
 */
export class DurableLog {
  readonly #options: DurableLogOptions
  readonly #shared: SharedPersistence | null
  #pending: { update: Uint8Array; origin: unknown }[] = []
  #flushScheduled = false
  /** Batches sent to storage whose announcement is still to come. */
  #inFlight = 0
  /** Settles once the newest batch sent is committed and announced (rejects if storage failed for good). */
  #tail: Promise<void> = Promise.resolve()
  #lastSeq: number
  #updatesSinceSnapshot: number
  /** Bytes of the stored snapshot and log; `#pendingBytes` what is queued to join them. */
  #committedBytes: number
  #pendingBytes = 0
  #compactTimer: NodeJS.Timeout | null = null
  #compacting: Promise<void> | null = null
  /** When the current run of failed writes began; null while writes succeed. */
  #failingSince: number | null = null
  #failed = false
  #closed = false
  /** The document was deleted: nothing more is written. */
  #abandoned = false

  constructor(options: DurableLogOptions, stored: { lastSeq: number; loggedUpdates: number; storedBytes: number }) {
    this.#options = options
    this.#shared = isSharedPersistence(options.persistence) ? options.persistence : null
    this.#lastSeq = stored.lastSeq
    this.#updatesSinceSnapshot = stored.loggedUpdates
    this.#committedBytes = stored.storedBytes
  }

  /**
   * What the document takes in storage (the snapshot and the log after it, and what is queued),
   * counted as it changes: the workshop size cap reads it for every update (server/limits).
   */
  get storedBytes(): number {
    return this.#committedBytes + this.#pendingBytes
  }

  /** Another instance stored an update this document applied: counted, not stored again. */
  countStoredElsewhere(bytes: number): void {
    this.#committedBytes += bytes
  }

  /** Nothing applied to the document is waiting to be written. */
  get isFlushed(): boolean {
    return this.#pending.length === 0 && this.#inFlight === 0
  }

  get hasFailed(): boolean {
    return this.#failed
  }

  /** Queues an update the document has applied; it is committed at the end of this event-loop turn. */
  append(update: Uint8Array, origin: unknown): void {
    if (this.#failed || this.#abandoned) return
    this.#pending.push({ update, origin })
    this.#pendingBytes += update.byteLength
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    // One batch per event-loop turn: every message that arrived in this turn shares it.
    if (DurableLog.#queued.size === 0) setImmediate(DurableLog.#sendQueued)
    DurableLog.#queued.add(this)
  }

  /** Logs with updates queued in this turn, of every room: one callback sends them all (#sendQueued). */
  static readonly #queued = new Set<DurableLog>()

  /**
   * Sends every room's batch of this turn, one after another in one callback, so the writer thread
   * gets them in one message and commits them in one transaction (SqliteUpdateWriter), rather than
   * a callback, a message and a wake-up per room.
   */
  static readonly #sendQueued = (): void => {
    const logs = [...DurableLog.#queued]
    DurableLog.#queued.clear()
    for (const log of logs) {
      log.#flushScheduled = false
      log.flush().catch(() => {
        // Already handled in #appendWithRetry: onFailed has closed the room.
      })
    }
  }

  /** Commits everything queued so far (and whatever is queued while it waits). */
  async flush(): Promise<void> {
    while (!this.isFlushed) {
      this.#sendPending()
      await this.#tail
    }
  }

  /**
   * Sends what is queued to storage as one batch, unless enough batches are in flight already.
   *
   * With the writer thread (SQLite) up to MAX_IN_FLIGHT batches are in flight: the writer commits
   * them in the order sent, so a batch gathered while the one before it commits does not wait for
   * that commit's reply to reach a busy event loop before it is even sent. Announcements stay in
   * order: each batch's `onCommitted` runs after the one before it. Shared storage (PostgreSQL)
   * keeps one batch in flight, since each append there learns the seq before it.
   */
  #sendPending(): void {
    if (this.#pending.length === 0 || this.#failed || this.#abandoned) return
    if (this.#inFlight >= (this.#shared ? 1 : MAX_IN_FLIGHT)) return
    const batch = this.#pending
    this.#pending = []
    const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((entry) => entry.update))
    this.#inFlight += 1
    const appended = this.#appendWithRetry(merged)
    const previous = this.#tail
    const announced = (async () => {
      try {
        const [stored] = await Promise.all([appended, previous])
        this.#announce(batch, merged, stored)
      } finally {
        this.#inFlight -= 1
      }
    })()
    // Awaited by flush; a failure is handled in #appendWithRetry (onFailed closes the room).
    announced.catch(() => undefined)
    this.#tail = announced
  }

  #announce(batch: readonly { update: Uint8Array; origin: unknown }[], merged: Uint8Array, stored: { previousSeq: number | null; seq: number }): void {
    for (const entry of batch) this.#pendingBytes -= entry.update.byteLength
    this.#committedBytes += merged.byteLength
    this.#lastSeq = stored.seq
    this.#updatesSinceSnapshot += batch.length
    this.#options.metrics?.updatesWritten.inc(batch.length)
    this.#options.onCommitted({ update: merged, origins: batch.map((entry) => entry.origin), ...stored })
    if (this.#updatesSinceSnapshot >= this.#options.compactEvery) this.#scheduleCompaction()
  }

  /**
   * Commits one merged update, retrying a failed write with backoff for up to `writeRetryMs`.
   * Updates that arrive meanwhile queue up behind it. Beyond the bound, `onFailed` closes the room
   * rather than pretend. A retry after a commit whose acknowledgement was lost stores the update
   * twice, which Yjs ignores on load.
   */
  async #appendWithRetry(merged: Uint8Array): Promise<{ previousSeq: number | null; seq: number }> {
    const { documentId, persistence, metrics, log } = this.#options
    const retryMs = this.#options.writeRetryMs ?? 0
    for (let attempt = 0; ; attempt++) {
      const started = performance.now()
      try {
        const appended = this.#shared
          ? await this.#shared.appendUpdatesInOrder(documentId, [merged])
          : { previousSeq: null, seq: await persistence.appendUpdates(documentId, [merged]) }
        metrics?.writeSeconds.observe((performance.now() - started) / 1000)
        if (this.#failingSince !== null) {
          log.info({ attempts: attempt + 1, failedForMs: Date.now() - this.#failingSince }, 'storage write succeeded again')
          this.#failingSince = null
        }
        return appended
      } catch (error) {
        metrics?.writeFailures.inc()
        this.#failingSince ??= Date.now()
        const failingFor = Date.now() - this.#failingSince
        if (this.#closed || this.#failed || failingFor >= retryMs) {
          this.#fail(error)
          throw error
        }
        const delay = Math.min(50 * 2 ** attempt, 2_000, retryMs - failingFor)
        log.warn({ err: error, attempt, failingForMs: failingFor, retryInMs: delay }, 'storage write failed; retrying')
        await sleep(delay)
      }
    }
  }

  #fail(error: unknown): void {
    if (this.#failed) return
    this.#failed = true
    this.#options.onFailed(error)
  }

  #scheduleCompaction(): void {
    if (this.#compactTimer || this.#compacting || this.#abandoned) return
    // Off the hot path: never inside a message handler or the write that triggered it.
    this.#compactTimer = setTimeout(() => {
      this.#compactTimer = null
      this.compact().catch((error: unknown) => this.#options.log.error({ err: error }, 'compaction failed'))
    }, 0)
  }

  /** Stores the whole document as the snapshot and deletes the log it replaces. */
  async compact(): Promise<void> {
    if (this.#compacting) return this.#compacting
    if (this.#abandoned) return
    this.#compacting = (async () => {
      await this.flush()
      if (this.#updatesSinceSnapshot === 0 || this.#failed) return
      const { documentId, persistence, metrics, log } = this.#options
      const counted = this.#updatesSinceSnapshot
      // What is committed while the snapshot is written stays in the log after it.
      const committedBefore = this.#committedBytes
      if (this.#shared) {
        // Built from the database: this document may lack another instance's committed update.
        const result = await this.#shared.compactStored(documentId)
        this.#updatesSinceSnapshot -= counted
        if (result) {
          this.#committedBytes = result.bytes + (this.#committedBytes - committedBefore)
          metrics?.compactions.inc()
          log.debug(result, 'compacted from the database')
        }
        return
      }
      const uptoSeq = this.#lastSeq
      const snapshot = this.#options.encodeState()
      // Counted from the moment it is sent: storage commits it before anything sent after it, so the
      // size cap (storedBytes) sees the room a compaction makes at once, not a writer round trip later.
      const replaced = committedBefore - snapshot.byteLength
      this.#committedBytes -= replaced
      try {
        await persistence.compact(documentId, snapshot, uptoSeq, this.#options.snapshotSchema)
      } catch (error) {
        this.#committedBytes += replaced
        throw error
      }
      this.#updatesSinceSnapshot -= counted
      metrics?.compactions.inc()
      log.debug({ uptoSeq, bytes: snapshot.byteLength }, 'compacted')
    })()
    try {
      await this.#compacting
    } finally {
      this.#compacting = null
    }
  }

  /** The document unloads: writes what is queued and compacts, unless storage has failed. */
  async finish(): Promise<void> {
    this.#cancelCompaction()
    if (!this.#failed) await this.compact()
  }

  /**
   * The document is being deleted (on another instance): what is queued is dropped, nothing more is
   * written, and this resolves once the write or compaction already sent has returned, so nothing
   * of the document reaches storage after it.
   */
  async abandon(): Promise<void> {
    this.#abandoned = true
    this.#closed = true
    this.#cancelCompaction()
    for (const entry of this.#pending) this.#pendingBytes -= entry.update.byteLength
    this.#pending = []
    await Promise.allSettled([this.#tail, this.#compacting])
  }

  /** The document is gone: no timers; a write still retrying gives up. */
  close(): void {
    this.#closed = true
    this.#cancelCompaction()
  }

  #cancelCompaction(): void {
    if (this.#compactTimer) clearTimeout(this.#compactTimer)
    this.#compactTimer = null
  }
}
