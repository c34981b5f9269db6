import { createHash } from 'node:crypto'
import type * as Y from 'yjs'
import { getWorkshopMaps, readRecord } from '../../shared/doc/workshopDoc'
import { extractSearchEntries, itemSearchEntry, kindsReadWithOthers, type SearchEntry } from '../../shared/followup/searchEntries'
import { validateBoard, validateItem } from '../../shared/schema/schema'
import type { Logger } from '../log'
import type { Room } from '../sync/Room'
import type { RoomExtension, RoomExtensionFactory } from '../sync/RoomExtension'
import type { SearchIndex } from './SearchIndex'
import { documentVersion } from './documentVersion'
import { workshopSnapshot } from './workshopSnapshot'

export interface SearchIndexingOptions {
  index: SearchIndex
  log: Logger
  /** Wait this long after a commit before indexing, so a burst of edits is indexed once. */
  delayMs: number
}

/**
 * Keeps the search index current from a room's commits (server/sync/README.md: `afterCommit`).
 * `delayMs` after the room loads (or as it unloads, if sooner), the workshop is reconciled: nothing
 * is written when the index already holds this version of the document (documentVersion.ts: an
 * unchanged room writes nothing, and reads no records), else its entries are replaced (the index
 * writes only those that differ). After that, `delayMs` after the first of a burst of this
 * instance's commits, the items changed since the last pass are read (the whole workshop when a
 * name or board others depend on changed: #noteChanges) and only the entries that differ from the
 * last written ones are written or removed, at most once per `delayMs` per workshop and one workshop
 * per event-loop turn (runDuePass); a failed write is logged and the next one replaces whole. A write lost to a crash is caught up the next time a room loads the
 * workshop: the index's version is then older than the document's.
 */
export function searchIndexExtension(options: SearchIndexingOptions): RoomExtensionFactory {
  return (room) => new WorkshopIndexer(room, options).extension()
}

/**
 * Workshops whose pass is due, run one per event-loop turn (#runDuePass) rather than all in the
 * turn their timers fire. Rooms edited together (a hundred small rooms of one event) start their
 * delays together, so their timers fire in one timers phase: reading, digesting and writing every
 * one of them there took 140–360 ms of CPU in one go every `delayMs` with 100 rooms of ~65 notes,
 * and every note sent meanwhile waited for all of it (bench/RESULTS.md, 2026-12-06 "(b) the knee").
 * One at a time, a note waits for one workshop's pass at most; the sockets' reads and the writer
 * thread's commits are taken between two.
 */
const duePasses = new Set<WorkshopIndexer>()
let nextPass: NodeJS.Immediate | null = null

function runDuePass(): void {
  nextPass = null
  const [first] = duePasses
  if (!first) return
  duePasses.delete(first)
  first.runPass()
  if (duePasses.size > 0) nextPass = setImmediate(runDuePass)
}

class WorkshopIndexer {
  readonly #room: Room
  readonly #options: SearchIndexingOptions
  readonly #log: Logger
  /**
   * What the index holds for this workshop (record id → digest of the entry), or null: replace whole
   * next time. A digest, not the entry's JSON: that was ~200 B per note, kept for every loaded room.
   */
  #written: Map<string, string> | null = null
  #language = ''
  /** The document version the index holds for this workshop; null: none or unknown; undefined: not asked yet. */
  #indexedVersion: string | null | undefined = undefined
  #timer: NodeJS.Timeout | null = null
  /**
   * Items changed since the last pass read the document, so the next reads only those; null: read
   * the whole workshop (the first pass, or the meta, a board, a stakeholder's or group's name, or
   * something nested changed). Reading every record each time cost 1.4–3.6 ms per workshop of
   * 65–100 notes every `delayMs`, 7–18 % of a core for 100 busy rooms (bench/RESULTS.md, "(b) the knee").
   */
  #changed: Set<string> | null = null
  /** Items of kindsReadWithOthers as of the last pass (a deleted one's kind is no longer in the document). */
  #named = new Set<string>()
  /** Writes in order, one at a time. */
  #chain: Promise<void> = Promise.resolve()
  #destroyed = false

  constructor(room: Room, options: SearchIndexingOptions) {
    this.#room = room
    this.#options = options
    this.#log = options.log.child({ workshopId: room.workshopId, extension: 'search' })
  }

  extension(): RoomExtension {
    // The whole-workshop reconciliation on load waits as long as a burst of edits does: at 0 ms it
    // read and validated every record (~100 ms for 10,000 notes) in the turn where the first
    // joiner's sync reply was due. A room closed sooner does it in beforeUnload, once, together
    // with whatever was edited (before: once on load and again on unload).
    this.#schedule(this.#options.delayMs)
    this.#room.doc.on('afterTransaction', this.#noteChanges)
    return {
      name: 'search',
      afterCommit: ({ local }) => {
        // Another instance's change is indexed by the instance that made it.
        if (local) this.#schedule(this.#options.delayMs)
      },
      beforeUnload: () => {
        // A pass still waiting (its timer, or its turn) runs now: the room's last edits are indexed before it goes.
        if (this.#timer || duePasses.has(this)) {
          if (this.#timer) clearTimeout(this.#timer)
          this.#timer = null
          duePasses.delete(this)
          this.#enqueue()
        }
        return this.#chain
      },
      onDestroy: () => {
        this.#room.doc.off('afterTransaction', this.#noteChanges)
        this.#destroyed = true
        if (this.#timer) clearTimeout(this.#timer)
        this.#timer = null
        duePasses.delete(this)
      },
    }
  }

  #schedule(delayMs: number): void {
    if (this.#timer || this.#destroyed || duePasses.has(this)) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      duePasses.add(this)
      nextPass ??= setImmediate(runDuePass)
    }, delayMs)
    this.#timer.unref()
  }

  /** Its turn has come (runDuePass). */
  runPass(): void {
    this.#enqueue()
  }

  #enqueue(): void {
    this.#chain = this.#chain.then(() => this.#index())
  }

  async #index(): Promise<void> {
    const { index } = this.#options
    const workshopId = this.#room.workshopId
    try {
      // Once per load: what the index holds may be from this document's last load, or older (a crash).
      this.#indexedVersion ??= await index.indexedVersion(workshopId)
    } catch (error) {
      this.#log.warn({ err: error }, 'could not read the search index; replacing the workshop')
      this.#indexedVersion = null
    }
    // Freed meanwhile without an unload (storage failed, or deleted): nothing to write.
    if (this.#destroyed) return
    // Read in this turn: the version and the entries are of the same document.
    const changed = this.#changed
    this.#changed = new Set()
    const version = documentVersion(this.#room.doc)
    if (version === this.#indexedVersion) return
    if (changed !== null && this.#written !== null) return this.#writeChanged(changed, version)
    const snapshot = workshopSnapshot(this.#room.doc)
    if (!snapshot) {
      this.#changed = null
      return
    }
    this.#named = new Set(snapshot.items.filter((item) => kindsReadWithOthers.has(item.kind)).map((item) => item.id))
    await this.#write(extractSearchEntries(workshopId, snapshot), snapshot.meta.language, version)
  }

  readonly #noteChanges = (transaction: Y.Transaction): void => {
    if (this.#changed === null) return
    const { items, session } = getWorkshopMaps(this.#room.doc)
    for (const [type, keys] of transaction.changed) {
      if ((type as unknown) === session) continue
      const parent = type._item?.parent
      const id = (type as unknown) === items ? null : parent === items ? type._item!.parentSub : undefined
      if (id === undefined) {
        this.#changed = null
        return
      }
      for (const changedId of id === null ? keys : [id]) {
        if (changedId === null) continue
        // Made with others' names, or carrying one: read whole.
        if (this.#named.has(changedId) || kindsReadWithOthers.has(items.get(changedId)?.get('kind') as string)) {
          this.#changed = null
          return
        }
        this.#changed.add(changedId)
      }
    }
  }

  /** Only the items changed since the last pass: the meta, the boards and every name are as that pass read them. */
  async #writeChanged(changed: ReadonlySet<string>, version: string): Promise<void> {
    const { index } = this.#options
    const workshopId = this.#room.workshopId
    const written = this.#written!
    const { boards, items } = getWorkshopMaps(this.#room.doc)
    const boardIds = new Set<string>()
    boards.forEach((map) => {
      const board = validateBoard(readRecord(map))
      if (board.ok) boardIds.add(board.value.id)
    })
    const upsert: SearchEntry[] = []
    const remove: string[] = []
    const digests = new Map<string, string | null>()
    // None of these items is of a kind that reads others' names (#noteChanges).
    const noNames = { stakeholderNames: new Map<string, string>(), groupNames: new Map<string, string>() }
    for (const id of changed) {
      const map = items.get(id)
      const item = map ? validateItem(readRecord(map)) : null
      const entry = item?.ok && boardIds.has(item.value.boardId) ? itemSearchEntry(workshopId, item.value, noNames) : null
      const digest = entry ? entryDigest(entry) : null
      digests.set(id, digest)
      if (entry && digest !== written.get(id)) upsert.push(entry)
      else if (!entry && written.has(id)) remove.push(id)
    }
    this.#written = null
    this.#indexedVersion = null
    try {
      await index.updateWorkshop(workshopId, this.#language, { upsert, remove }, version)
      for (const [id, digest] of digests) {
        if (digest === null) written.delete(id)
        else written.set(id, digest)
      }
      this.#written = written
      this.#indexedVersion = version
    } catch (error) {
      this.#log.warn({ err: error }, 'search index write failed; the next one replaces the workshop whole')
    }
  }

  async #write(entries: readonly SearchEntry[], language: string, version: string): Promise<void> {
    const { index } = this.#options
    const workshopId = this.#room.workshopId
    const next = new Map(entries.map((e) => [e.recordId, entryDigest(e)]))
    const written = this.#written
    // Clear first: if the write fails, the next one replaces whole.
    this.#written = null
    this.#indexedVersion = null
    try {
      if (written === null || language !== this.#language) {
        await index.replaceWorkshop(workshopId, language, entries, version)
      } else {
        const upsert = entries.filter((e) => written.get(e.recordId) !== next.get(e.recordId))
        const remove = [...written.keys()].filter((id) => !next.has(id))
        await index.updateWorkshop(workshopId, language, { upsert, remove }, version)
      }
      this.#written = next
      this.#language = language
      this.#indexedVersion = version
    } catch (error) {
      this.#log.warn({ err: error }, 'search index write failed; the next one replaces the workshop whole')
    }
  }
}

/** Tells a changed entry from an unchanged one; 28 characters whatever the entry's length. */
function entryDigest(entry: SearchEntry): string {
  return createHash('sha1').update(JSON.stringify(entry)).digest('base64')
}
