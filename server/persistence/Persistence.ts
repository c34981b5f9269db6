/**
 * What the server needs from storage. Async so that a networked database (PostgreSQL) can implement
 * it later; the SQLite implementation completes its writes before the returned promise is created.
 */
export interface WorkshopRow {
  id: string
  title: string
  language: string
  createdAt: number
}

/** Everything needed to rebuild a workshop's Y.Doc: the last snapshot, then the log after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** Highest log sequence number stored (or the snapshot's, when the log is empty); 0 when none. */
  lastSeq: number
}

export interface Persistence {
  /** Inserts the workshop row and its initial document state in one transaction. */
  createWorkshop(row: WorkshopRow, initialState: Uint8Array): Promise<void>
  getWorkshop(id: string): Promise<WorkshopRow | undefined>
  loadDocument(workshopId: string): Promise<StoredDocument>
  /** Appends updates durably, in one transaction, in order. Resolves with the last sequence number. */
  appendUpdates(workshopId: string, updates: readonly Uint8Array[]): Promise<number>
  /** Replaces the snapshot and deletes log rows up to and including `uptoSeq`, in one transaction. */
  compact(workshopId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>
  close(): Promise<void>
}
