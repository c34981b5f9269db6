import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { readBoardMap } from '../../shared/doc/readRecords'
import { readItemMap } from '../../shared/doc/readItemMap'
import { getWorkshopMaps, migrateWorkshop, SCHEMA_KEY } from '../../shared/doc/workshopDoc'
import { countRecords, type HistoryCounts } from '../../shared/logic/history'
import type { BoardRecord } from '../../shared/schema/records/board'
import type { ItemRecord } from '../../shared/schema/schema'
import type { Logger } from '../log'
import type { HistoryEntry, HistoryKind, HistoryPersistence, Persistence } from '../persistence/Persistence'
import type { Room } from '../sync/Room'
import type { RoomExtension } from '../sync/RoomExtension'
import { eraseFromSnapshot } from './eraseFromSnapshot'
import { selectThinnedSnapshots } from './retention'

export interface WorkshopHistoryOptions {
  persistence: Persistence & HistoryPersistence
  log: Logger
  /** At most one automatic snapshot per this many ms while people edit. Default 5 minutes. */
  autoEveryMs?: number
  /** The loaded room of a workshop on this instance, if any (so its pending writes go first). */
  findRoom: (workshopId: string) => Room | undefined
  now?: () => number
}

/** A snapshot as plain records, read with the shared document helpers and validators. */
export interface SnapshotRecords {
  meta: Record<string, unknown>
  boards: BoardRecord[]
  items: ItemRecord[]
}

/** A state to store as a snapshot, with what it holds. */
interface TakenState {
  state: Uint8Array
  counts: HistoryCounts
}

interface Tracking {
  /** A client of this instance changed the document since the last snapshot. */
  dirty: boolean
  lastSnapshotAt: number
  timer: NodeJS.Timeout | null
}

export const DEFAULT_AUTO_SNAPSHOT_MS = 5 * 60 * 1000

/**
 * The history of workshops (README.md beside this file): automatic snapshots while a room is edited
 * and when it unloads, named checkpoints on request, and retention.
 *
 * A snapshot holds exactly what is stored: this instance's pending writes are flushed first. With
 * one instance the loaded room's document then is the stored state, taken from memory
 * (Room.storedState); with several it may lack another instance's committed update, so the
 * snapshot is built from the database (the stored snapshot and the log after it, as compaction does).
 */
export class WorkshopHistory {
  readonly #options: WorkshopHistoryOptions
  readonly #autoEveryMs: number
  readonly #now: () => number
  readonly #pending = new Set<Promise<unknown>>()
  /** Snapshots being built on this instance (automatic and checkpoints): an erasure waits for them. */
  readonly #taking = new Set<Promise<unknown>>()
  #closed = false

  constructor(options: WorkshopHistoryOptions) {
    this.#options = options
    this.#autoEveryMs = options.autoEveryMs ?? DEFAULT_AUTO_SNAPSHOT_MS
    this.#now = options.now ?? Date.now
  }

  /**
   * Watches a loaded room, as its extension: changes made through this instance (people's updates,
   * and what facilitation wrote for their commands; another instance snapshots its own clients' work)
   * start the clock for an automatic snapshot once committed; when the room unloads (with its final
   * compaction) one more is taken if anything changed since the last.
   */
  roomExtension(room: Room): RoomExtension {
    const tracking: Tracking = { dirty: false, lastSnapshotAt: this.#now(), timer: null }
    return {
      name: 'history',
      afterCommit: ({ local }) => {
        if (!local) return
        tracking.dirty = true
        if (tracking.timer || this.#closed) return
        const wait = Math.max(0, tracking.lastSnapshotAt + this.#autoEveryMs - this.#now())
        tracking.timer = setTimeout(() => {
          tracking.timer = null
          if (!tracking.dirty) return
          tracking.dirty = false
          tracking.lastSnapshotAt = this.#now()
          this.#background(room.workshopId, 'while editing')
        }, wait)
        tracking.timer.unref()
      },
      // Room.unload has written everything: the snapshot is the room's document as stored, sent to
      // storage in the turn that sends the final compaction (one commit on SQLite's writer thread).
      atUnload: () => {
        const taken = tracking.dirty ? takeFromRoom(room) : null
        if (!taken) return
        tracking.dirty = false
        this.#background(room.workshopId, 'on unload', taken)
      },
      // Freed without atUnload (storage failed, or several instances): built from the database.
      onDestroy: () => {
        if (tracking.timer) clearTimeout(tracking.timer)
        tracking.timer = null
        if (tracking.dirty) {
          tracking.dirty = false
          this.#background(room.workshopId, 'on unload')
        }
      },
    }
  }

  #background(workshopId: string, reason: string, taken?: TakenState): void {
    const storing = taken ? this.#track(this.#store(workshopId, 'auto', '', taken)) : this.takeSnapshot(workshopId, 'auto', '')
    const work = storing
      .then(async (entry) => {
        this.#options.log.info({ workshopId, historyId: entry.id, reason }, 'automatic history snapshot')
        await this.thin(workshopId)
      })
      .catch((error: unknown) => this.#options.log.error({ err: error, workshopId, reason }, 'history snapshot failed'))
    this.#pending.add(work)
    void work.finally(() => this.#pending.delete(work))
  }

  /** Stores the workshop's current stored state as a history entry. */
  takeSnapshot(workshopId: string, kind: HistoryKind, label: string): Promise<HistoryEntry> {
    return this.#track(this.#read(workshopId).then((taken) => this.#store(workshopId, kind, label, taken)))
  }

  /** An erasure waits for every snapshot read before it and stored after it looked (eraseItems). */
  #track<T>(taking: Promise<T>): Promise<T> {
    const settled = taking.catch(() => undefined)
    this.#taking.add(settled)
    void settled.finally(() => this.#taking.delete(settled))
    return taking
  }

  /**
   * The stored state and its counts. From the loaded room's memory when it mirrors storage (one
   * instance), once nothing applied to it is unwritten: no read back, no decode, and the encoding
   * is the one joiners and compaction share. Otherwise from the database, decoded once.
   */
  async #read(workshopId: string): Promise<TakenState> {
    const room = this.#options.findRoom(workshopId)
    if (room) {
      // Loop: an update may be applied while the flush is awaited (Room.#answerAfterFlush does the same).
      await room.flush()
      while (room.mirrorsStorage) {
        const taken = takeFromRoom(room)
        if (taken) return taken
        await room.flush()
      }
    }
    return this.#readStored(workshopId)
  }

  async #readStored(workshopId: string): Promise<TakenState> {
    const stored = await this.#options.persistence.loadDocument(workshopId)
    // Its own guid: Yjs would draw a random one (~30 calls to the system's random source).
    const doc = new Y.Doc({ guid: workshopId })
    try {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
      const state = Y.encodeStateAsUpdate(doc)
      // Counted as a reader sees it (readSnapshotRecords), from this copy instead of decoding `state` again.
      migrateWorkshop(doc)
      return { state, counts: countRecords(readDocRecords(doc)) }
    } finally {
      doc.destroy()
    }
  }

  async #store(workshopId: string, kind: HistoryKind, label: string, { state, counts }: TakenState): Promise<HistoryEntry> {
    const entry: HistoryEntry = { id: nanoid(), workshopId, createdAt: this.#now(), kind, label, counts }
    await this.#options.persistence.addHistory(entry, state)
    return entry
  }

  list(workshopId: string): Promise<HistoryEntry[]> {
    return this.#options.persistence.listHistory(workshopId)
  }

  async getRecords(workshopId: string, id: string): Promise<{ entry: HistoryEntry; records: SnapshotRecords } | undefined> {
    const found = await this.#options.persistence.getHistory(workshopId, id)
    return found && { entry: found.entry, records: readSnapshotRecords(found.state) }
  }

  /**
   * A resident's erasure reaches history: every snapshot of the workshop holding one of these items
   * is stored again without them (eraseFromSnapshot.ts), so neither reading nor restoring an older
   * version brings their text back. Resolves with how many snapshots were rewritten.
   */
  async eraseItems(workshopId: string, itemIds: ReadonlySet<string>): Promise<number> {
    if (itemIds.size === 0) return 0
    // One that began reading before the items were deleted may store them after this has looked:
    // wait for those. One begun later reads a database that no longer holds them.
    await Promise.allSettled([...this.#taking])
    let rewritten = 0
    for (const entry of await this.#options.persistence.listHistory(workshopId)) {
      const found = await this.#options.persistence.getHistory(workshopId, entry.id)
      const erased = found && eraseFromSnapshot(found.state, itemIds)
      if (!erased) continue
      if (await this.#options.persistence.replaceHistoryState(workshopId, entry.id, erased, countRecords(readSnapshotRecords(erased)))) rewritten += 1
    }
    return rewritten
  }

  /** Applies the retention rule (retention.ts). */
  async thin(workshopId: string): Promise<number> {
    const entries = await this.#options.persistence.listHistory(workshopId)
    const drop = selectThinnedSnapshots(entries, this.#now())
    if (drop.length > 0) await this.#options.persistence.deleteHistory(workshopId, drop)
    return drop.length
  }

  /** Waits for snapshots under way (call before the database closes). */
  async close(): Promise<void> {
    this.#closed = true
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending])
  }
}

/**
 * The records of a stored state, migrated to the current schema (a snapshot may predate a schema
 * change) and validated like a client reads them: invalid records are skipped, never repaired.
 */
export function readSnapshotRecords(state: Uint8Array): SnapshotRecords {
  // A fixed guid: Yjs would draw a random one (~30 calls to the system's random source).
  const doc = new Y.Doc({ guid: 'history' })
  try {
    Y.applyUpdate(doc, state)
    migrateWorkshop(doc)
    return readDocRecords(doc)
  } finally {
    doc.destroy()
  }
}

/** The records of a document at the current schema, validated like a client reads them. */
function readDocRecords(doc: Y.Doc): SnapshotRecords {
  const maps = getWorkshopMaps(doc)
  const meta: Record<string, unknown> = {}
  maps.meta.forEach((value, key) => {
    if (key !== SCHEMA_KEY) meta[key] = value
  })
  const boards: BoardRecord[] = []
  maps.boards.forEach((map, id) => {
    const result = readBoardMap(id, map)
    if (result.ok) boards.push(result.value)
  })
  const items: ItemRecord[] = []
  maps.items.forEach((map, id) => {
    const result = readItemMap(id, map)
    if (result.ok) items.push(result.value)
  })
  boards.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
  return { meta, boards, items }
}

/**
 * A loaded room's stored state and its counts, read together in this turn: null while it may
 * differ from storage (Room.storedState). The room's document was migrated when it loaded, so it
 * is counted as it is, as readSnapshotRecords would count the same state.
 */
function takeFromRoom(room: Room): TakenState | null {
  const state = room.storedState()
  return state && { state, counts: countRecords(readDocRecords(room.doc)) }
}
