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

/** Sent after every job queued before it has been answered. */
export interface CloseRequest {
  kind: 'close'
}

export type WriterReply =
  | { kind: 'done'; id: number; value: number | string | null }
  | { kind: 'failed'; id: number; message: string; code: string | null }
  /** Every job is answered and the connection is closed; the thread ends next. */
  | { kind: 'closed' }

export interface WriterData {
  file: string
}
