/** Messages between `SqliteUpdateWriter` (main thread) and `sqliteWriterWorker.mjs` (its thread). */

export type WriterJob =
  | { kind: 'append'; id: number; workshopId: string; updates: Uint8Array[] }
  /** `schema`: the schema versions the snapshot is at (StoredDocument.snapshotSchema); null when not known. */
  | { kind: 'compact'; id: number; workshopId: string; snapshot: Uint8Array; uptoSeq: number; schema: string | null }
  /** A history snapshot (server/history), committed with whatever else is queued (a room's final compaction). `counts`: JSON. */
  | { kind: 'history'; id: number; workshopId: string; entryId: string; createdAt: number; entryKind: string; label: string; state: Uint8Array; counts: string }
  /** The staff storage's `workshop_activity` times (`[workshopId, at]`), committed with whatever else is queued: no disk sync of its own on the event loop. */
  | { kind: 'activity'; id: number; entries: [string, number][] }
  /** Reads a pragma of the writer's own connection (tests and diagnostics: `synchronous` is per connection). */
  | { kind: 'pragma'; id: number; name: string }

/**
 * What the main thread posts: the jobs sent in one event-loop turn (from every room) in one message,
 * or, after every job, the request to close.
 */
export type WriterRequest =
  | { kind: 'jobs'; jobs: WriterJob[] }
  /** Sent after every job queued before it has been answered. */
  | { kind: 'close' }

export type WriterReply =
  | { kind: 'done'; id: number; value: number | string | null }
  | { kind: 'failed'; id: number; message: string; code: string | null }

/** One commit of the thread: its jobs, the appends among them, and how long the transaction took (its disk sync included). */
export interface WriterCommit {
  jobs: number
  appends: number
  ms: number
}

/** What the thread posts: the replies to every job of one commit in one message, or that it closed. */
export type WriterAnswer =
  | { kind: 'replies'; replies: WriterReply[]; commit: WriterCommit }
  /** Every job is answered and the connection is closed; the thread ends next. */
  | { kind: 'closed' }

export interface WriterData {
  file: string
}
