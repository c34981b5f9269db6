import { Worker } from 'node:worker_threads'
import type { WriterAnswer, WriterCommit, WriterData, WriterJob, WriterReply, WriterRequest } from './sqliteWriterProtocol'

const entry = new URL('./sqliteWriterWorker.mjs', import.meta.url)

/** A job the writer thread could not do: SQLite's message and code (`SQLITE_FULL`, …) as it gave them. */
export class SqliteWriteError extends Error {
  override name = 'SqliteWriteError'
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message)
  }
}

/**
 * A whole-document buffer (a snapshot, a history state) as the thread gets it: one copy of its own,
 * moved to the thread (postMessage's transfer) instead of cloned: a clone copies it twice, into the
 * message (grown by reallocation) and out of it on the thread. Transient buffers of a workshop's
 * size are what leaves glibc holding freed memory (bench/RESULTS.md, "RSS per note").
 */
function ownCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes)
}

interface Waiting {
  resolve: (value: number | string | null) => void
  reject: (error: Error) => void
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never
type JobWithoutId = WithoutId<WriterJob>

/** What the thread has committed since it was made (metrics: how many commits, how full, how long). */
export interface WriterCommitTotals {
  commits: number
  jobs: number
  appends: number
  /** Time inside the commits' transactions (their disk syncs included), seconds. */
  seconds: number
}

/**
 * The update log's writer, off the event loop: a worker thread (`sqliteWriterWorker.mjs`) owns a
 * second connection to the database file and does every write of the `updates`, `snapshots` and
 * `history` rows a room makes (appends, compaction and history snapshots). better-sqlite3 is synchronous, so on the main thread
 * each commit's fsync stopped every room; here the main thread goes on receiving and applying while
 * the thread commits, and what arrives meanwhile, from every room, shares the next commit.
 *
 * A promise settles only after its job's transaction has committed (`synchronous = FULL`), so a
 * caller that broadcasts after it broadcasts what is on disk. Jobs run in the order they were sent.
 * If the thread dies, every job waiting on it is rejected and the next one starts a new thread.
 */
export class SqliteUpdateWriter {
  readonly #file: string
  readonly #totals: WriterCommitTotals = { commits: 0, jobs: 0, appends: 0, seconds: 0 }
  #worker: Worker | null = null
  readonly #waiting = new Map<number, Waiting>()
  #nextId = 1
  #closing: Promise<void> | null = null
  /** Jobs sent in this turn, posted together once it ends (#post). */
  #outbox: WriterJob[] = []
  /** The buffers of the outbox's snapshots, moved with it (ownCopy). */
  #transfer: ArrayBuffer[] = []

  constructor(file: string) {
    this.#file = file
  }

  /** Starts the thread ahead of the first write (a room is loading), so that write does not wait for it. */
  warmUp(): void {
    if (!this.#worker && !this.#closing) this.#start()
  }

  /** Appends updates in one transaction; resolves with the last sequence number. */
  async append(workshopId: string, updates: readonly Uint8Array[]): Promise<number> {
    return (await this.#send({ kind: 'append', workshopId, updates: [...updates] })) as number
  }

  /** Replaces the snapshot and deletes the log rows it covers, in one transaction. */
  async compact(workshopId: string, snapshot: Uint8Array, uptoSeq: number, schema: string | null = null): Promise<void> {
    const owned = ownCopy(snapshot)
    await this.#send({ kind: 'compact', workshopId, snapshot: owned, uptoSeq, schema }, owned.buffer)
  }

  /**
   * Stores a history snapshot (server/history). Here rather than on the main connection: its commit
   * (a disk sync) no longer stops every room, and a room's snapshot at unload shares the transaction
   * of its final compaction when both are sent in the same turn.
   */
  async addHistory(entry: { workshopId: string; id: string; createdAt: number; kind: string; label: string }, state: Uint8Array, counts: string): Promise<void> {
    const { workshopId, id: entryId, createdAt, kind: entryKind, label } = entry
    const owned = ownCopy(state)
    await this.#send({ kind: 'history', workshopId, entryId, createdAt, entryKind, label, state: owned, counts }, owned.buffer)
  }

  /** Stores workshops' last activity (server/staff/activityTracker.ts) with whatever else is queued. */
  async touchActivity(entries: readonly { workshopId: string; at: number }[]): Promise<void> {
    await this.#send({ kind: 'activity', entries: entries.map(({ workshopId, at }): [string, number] => [workshopId, at]) })
  }

  /** Commits so far, and what they held (`samskap_sqlite_commits_total` and its siblings). */
  get commitTotals(): Readonly<WriterCommitTotals> {
    return this.#totals
  }

  /** A pragma as the writer's own connection has it. */
  pragma(name: string): Promise<number | string | null> {
    return this.#send({ kind: 'pragma', name })
  }

  /** Waits for every job sent so far to commit, then closes the connection and ends the thread. */
  close(): Promise<void> {
    this.#closing ??= this.#drainAndStop()
    return this.#closing
  }

  async #drainAndStop(): Promise<void> {
    const worker = this.#worker
    if (!worker) return
    worker.ref()
    const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    this.#post()
    worker.postMessage({ kind: 'close' } satisfies WriterRequest)
    await stopped
  }

  /** `transfer`: a buffer the job alone holds, moved to the thread rather than copied (ownCopy). */
  #send(job: JobWithoutId, transfer?: ArrayBuffer): Promise<number | string | null> {
    if (this.#closing) return Promise.reject(new Error('the SQLite writer is closed'))
    const worker = this.#worker ?? this.#start()
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      // Kept alive only while it owes an answer: an idle writer never holds the process open.
      if (this.#waiting.size === 0) worker.ref()
      this.#waiting.set(id, { resolve, reject })
      if (this.#outbox.length === 0) queueMicrotask(() => this.#post())
      this.#outbox.push({ ...job, id } as WriterJob)
      if (transfer) this.#transfer.push(transfer)
    })
  }

  /**
   * Posts the jobs sent so far in one message. The durable logs of every room send theirs in one
   * callback (DurableLog), so a turn's writes from all rooms cross to the thread together: one
   * message to copy and one event to wake it, not one per room.
   */
  #post(): void {
    if (this.#outbox.length === 0) return
    const jobs = this.#outbox
    const transfer = this.#transfer
    this.#outbox = []
    this.#transfer = []
    this.#worker?.postMessage({ kind: 'jobs', jobs } satisfies WriterRequest, transfer)
  }

  #start(): Worker {
    // execArgv []: the thread is plain JavaScript and needs no loader the process was started with (tsx).
    const worker = new Worker(entry, { workerData: { file: this.#file } satisfies WriterData, execArgv: [] })
    worker.unref()
    this.#worker = worker
    worker.on('message', (answer: WriterAnswer) => {
      if (answer.kind !== 'replies') return
      this.#count(answer.commit)
      for (const reply of answer.replies) this.#settle(worker, reply)
    })
    worker.on('error', (error) => this.#lost(worker, error))
    worker.on('exit', (code) => this.#lost(worker, new Error(`the SQLite writer thread exited with code ${code}`)))
    return worker
  }

  #count(commit: WriterCommit): void {
    this.#totals.commits += 1
    this.#totals.jobs += commit.jobs
    this.#totals.appends += commit.appends
    this.#totals.seconds += commit.ms / 1000
  }

  #settle(worker: Worker, reply: WriterReply): void {
    const waiting = this.#waiting.get(reply.id)
    if (!waiting) return
    this.#waiting.delete(reply.id)
    if (this.#waiting.size === 0 && !this.#closing) worker.unref()
    if (reply.kind === 'done') waiting.resolve(reply.value)
    else waiting.reject(new SqliteWriteError(reply.message, reply.code))
  }

  /** The thread failed or ended: whatever it still owed fails (the durable log retries), and the next job starts a new one. */
  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return
    this.#worker = null
    const waiting = [...this.#waiting.values()]
    this.#waiting.clear()
    for (const { reject } of waiting) reject(error)
  }
}
