/**
 * What the server needs from storage. Async so that a networked database (PostgreSQL) can implement
 * it; the SQLite implementation completes its writes before the returned promise is created.
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
  /**
   * The schema versions (`encodeSchemaVersions`) of the server that wrote the snapshot from a
   * migrated document; null when unknown (written before this was kept, or by storage that does not
   * keep it). Equal to this server's: the snapshot needs no migration, so with an empty log it can
   * answer a joiner before the document is built (Room.load).
   */
  snapshotSchema?: string | null
}

/**
 * Who may enter a workshop (server/access): the join code and the link keys, table `workshop_access`.
 * Storage sees the keys only sealed with the server secret (server/access/ServerKeys.ts): this
 * layer stores and compares the strings it is given and never opens them.
 */
export interface AccessRow {
  workshopId: string
  /** Normalised join code (shared/access.ts); unique among all workshops. */
  code: string
  facilitatorKey: string
  /** Rotated by the facilitator: the old participant link and code stop admitting new people. */
  participantKey: string
  observerKey: string
  /**
   * The workshop's own token-signing secret, from before the server secret existed: kept (sealed)
   * only so participant tokens issued then still work; '' for workshops made since.
   */
  secret: string
  /**
   * Workshops created before roles existed: a connection without a token is a facilitator, as it
   * was, until a facilitator closes the old address. New workshops never have it.
   */
  legacyOpen: boolean
}

/** `Persistence.getWorkshopAccess`: what a token is checked against, read together. */
export interface WorkshopAccessRows {
  workshop: WorkshopRow
  access: AccessRow | undefined
  removed: string[]
}

/** `createWorkshop` or `putAccess` collided with another workshop's join code: draw a new one and retry. */
export class JoinCodeTakenError extends Error {
  override name = 'JoinCodeTakenError'
  constructor(readonly code: string) {
    super(`join code ${code} is taken`)
  }
}

export interface Persistence {
  /**
   * Inserts the workshop row, its initial document state and its access row in one transaction.
   * Throws JoinCodeTakenError when the code is in use (nothing is stored then).
   */
  createWorkshop(row: WorkshopRow, initialState: Uint8Array, access: AccessRow): Promise<void>
  getWorkshop(id: string): Promise<WorkshopRow | undefined>
  /** The rows of those of `ids` that exist, in no particular order: one read for a register's page, however many workshops. */
  getWorkshops(ids: readonly string[]): Promise<WorkshopRow[]>
  getAccess(workshopId: string): Promise<AccessRow | undefined>
  /**
   * The workshop, its access row (undefined for a workshop from before roles) and its removed
   * participants in one read (one statement, one round trip): what every socket and route that
   * checks a token reads, so a rotation or removal made on any instance is refused at once.
   */
  getWorkshopAccess(id: string): Promise<WorkshopAccessRows | undefined>
  findAccessByCode(code: string): Promise<AccessRow | undefined>
  /** Replaces a workshop's access row (rotation, closing the legacy address). Throws JoinCodeTakenError. */
  updateAccess(row: AccessRow): Promise<void>
  /**
   * Inserts an access row for a workshop that has none (created before roles) unless another
   * instance got there first; resolves with the row that is stored either way.
   */
  insertAccessIfMissing(row: AccessRow): Promise<AccessRow>
  /** Every access row (the start-up migration reads them once). */
  listAccessRows(): Promise<AccessRow[]>
  /**
   * Replaces `expected` with `next` only if the row still is `expected`; false when it changed (or
   * another instance migrated it first).
   */
  replaceAccessIf(expected: AccessRow, next: AccessRow): Promise<boolean>
  /**
   * After `replaceAccessIf` rewrote rows that held keys in the clear: drops what the files still
   * keep of the old values (SQLite: zeroed as they were replaced, the WAL checkpointed and emptied;
   * PostgreSQL: the table rewritten without its dead row versions).
   */
  scrubReplacedAccess(): Promise<void>
  /** Participants the facilitator removed (table `removed_participants`); adding one twice is no error. */
  addRemovedParticipants(workshopId: string, participantIds: readonly string[]): Promise<void>
  listRemovedParticipants(workshopId: string): Promise<string[]>
  /** A value of table `server_settings` (the server secret's fingerprint), undefined when not set. */
  getServerSetting(name: string): Promise<string | undefined>
  /** Stores the value unless one is set; resolves with the value stored either way. */
  putServerSettingIfMissing(name: string, value: string): Promise<string>
  loadDocument(workshopId: string): Promise<StoredDocument>
  /** Appends updates durably, in one transaction, in order. Resolves with the last sequence number. */
  appendUpdates(workshopId: string, updates: readonly Uint8Array[]): Promise<number>
  /**
   * Replaces the snapshot and deletes log rows up to and including `uptoSeq`, in one transaction.
   * `schema`: the schema versions of the migrated document it was encoded from, kept where the
   * storage can (StoredDocument.snapshotSchema).
   */
  compact(workshopId: string, snapshot: Uint8Array, uptoSeq: number, schema?: string): Promise<void>
  close(): Promise<void>
}

/** Where an append landed in a workshop's log. */
export interface AppendResult {
  /** The workshop's newest sequence number before this append (0 when none). */
  previousSeq: number
  /** The sequence number of the last update appended. */
  seq: number
}

/**
 * Storage that several server instances share (PostgreSQL). Per workshop, appends commit in
 * sequence order, so "everything after seq N" is a complete answer and an instance that knows
 * `previousSeq` of every update it receives can detect one it missed.
 */
export interface SharedPersistence extends Persistence {
  appendUpdatesInOrder(workshopId: string, updates: readonly Uint8Array[]): Promise<AppendResult>
  /**
   * What an instance that has applied everything up to `afterSeq` lacks: the log after it, and the
   * snapshot too when a compaction has already deleted part of that log.
   */
  loadDocumentAfter(workshopId: string, afterSeq: number): Promise<StoredDocument>
  /**
   * Builds the snapshot from the stored snapshot and log (never from one instance's memory, which
   * may lack another instance's committed update), then replaces the snapshot and deletes the log it
   * covers, in one transaction. Resolves null when another instance is compacting this workshop.
   * `schema`: the schema versions of the room asking, kept with the snapshot (StoredDocument.snapshotSchema):
   * the room migrated the document and stored the migration before anyone wrote, and the instances
   * of one deployment run one version, so the log it merges is at that schema.
   */
  compactStored(workshopId: string, schema?: string): Promise<{ uptoSeq: number; bytes: number } | null>
}

export function isSharedPersistence(persistence: Persistence): persistence is SharedPersistence {
  const candidate = persistence as Partial<SharedPersistence>
  return (
    typeof candidate.appendUpdatesInOrder === 'function' &&
    typeof candidate.loadDocumentAfter === 'function' &&
    typeof candidate.compactStored === 'function'
  )
}

// ---- History (snapshots a person can browse and restore; server/history/README.md) ----

export type HistoryKind = 'auto' | 'checkpoint'

/** One stored snapshot of a workshop, without its state. `counts` is what shared/logic/history counted. */
export interface HistoryEntry {
  id: string
  workshopId: string
  /** ms since epoch */
  createdAt: number
  kind: HistoryKind
  /** '' for automatic snapshots. */
  label: string
  counts: unknown
}

/**
 * Storage for history: table `history` (workshop_id, id, created_at, kind, label, state, counts).
 * Separate from the live document: a snapshot is never compacted away and a restore never rewrites
 * one, it only adds a new state to the live document.
 */
export interface HistoryPersistence {
  /** Stores a snapshot: the whole document as one Yjs update (Y.encodeStateAsUpdate). */
  addHistory(entry: HistoryEntry, state: Uint8Array): Promise<void>
  /** Every entry of a workshop, newest first (ties by id). */
  listHistory(workshopId: string): Promise<HistoryEntry[]>
  getHistory(workshopId: string, id: string): Promise<{ entry: HistoryEntry; state: Uint8Array } | undefined>
  /** Deletes entries (retention thins automatic snapshots). */
  deleteHistory(workshopId: string, ids: readonly string[]): Promise<void>
  /**
   * Overwrites a snapshot's state and counts (a resident's erasure, server/history/eraseFromSnapshot.ts),
   * so the old bytes are gone from the row, not merely superseded. False if the entry is gone.
   */
  replaceHistoryState(workshopId: string, id: string, state: Uint8Array, counts: unknown): Promise<boolean>
}

export function isHistoryPersistence(persistence: object): persistence is HistoryPersistence {
  const candidate = persistence as Partial<HistoryPersistence>
  return (
    typeof candidate.addHistory === 'function' &&
    typeof candidate.listHistory === 'function' &&
    typeof candidate.getHistory === 'function' &&
    typeof candidate.deleteHistory === 'function' &&
    typeof candidate.replaceHistoryState === 'function'
  )
}
