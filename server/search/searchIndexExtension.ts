import { createHash } from 'node:crypto'
import { extractSearchEntries, type SearchEntry } from '../../shared/followup/searchEntries'
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
 * instance's commits, the document is read again and only the entries that differ from the last
 * written ones are written or removed. Reading a workshop of thousands of records takes
 * milliseconds, and happens at most once per `delayMs` per workshop; a failed write is logged and
 * the next one replaces whole. A write lost to a crash is caught up the next time a room loads the
 * workshop: the index's version is then older than the document's.
 */
export function searchIndexExtension(options: SearchIndexingOptions): RoomExtensionFactory {
  return (room) => new WorkshopIndexer(room, options).extension()
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
    return {
      name: 'search',
      afterCommit: ({ local }) => {
        // Another instance's change is indexed by the instance that made it.
        if (local) this.#schedule(this.#options.delayMs)
      },
      beforeUnload: () => {
        if (this.#timer) {
          clearTimeout(this.#timer)
          this.#timer = null
          this.#enqueue()
        }
        return this.#chain
      },
      onDestroy: () => {
        this.#destroyed = true
        if (this.#timer) clearTimeout(this.#timer)
        this.#timer = null
      },
    }
  }

  #schedule(delayMs: number): void {
    if (this.#timer || this.#destroyed) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#enqueue()
    }, delayMs)
    this.#timer.unref()
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
    const version = documentVersion(this.#room.doc)
    if (version === this.#indexedVersion) return
    const snapshot = workshopSnapshot(this.#room.doc)
    if (!snapshot) return
    await this.#write(extractSearchEntries(workshopId, snapshot), snapshot.meta.language, version)
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
