import * as Y from 'yjs'
import { migrateWorkshop } from '../../shared/doc/workshopDoc'
import { extractSearchEntries } from '../../shared/followup/searchEntries'
import type { Logger } from '../log'
import type { Persistence } from '../persistence/Persistence'
import { documentVersion } from './documentVersion'
import type { SearchIndex } from './SearchIndex'
import { workshopSnapshot } from './workshopSnapshot'

export interface SearchBackfillOptions {
  index: SearchIndex
  persistence: Pick<Persistence, 'listAccessRows' | 'loadDocument'>
  /** Workshops loaded in a room here: their room indexes them (searchIndexExtension). */
  loadedWorkshopIds(): readonly string[]
  log: Logger
  /** Workshops read per batch (default 10). */
  batchSize?: number
  /** The pause between batches, so rooms and requests go first (default 200 ms). */
  pauseMs?: number
}

export interface SearchBackfill {
  /** Resolves with how many workshops were indexed, once the backfill is done or stopped. */
  readonly done: Promise<number>
  /** Stops after the workshop being read; resolves when it has. */
  stop(): Promise<number>
}

/**
 * Indexes the workshops that have no search entries yet: those stored before search existed, or
 * after `search.sqlite` was deleted (it is derived data). Started once the server listens, it runs
 * off the hot path: one workshop at a time, in batches with a pause between, each read from
 * storage into a document of its own that is freed at once. A workshop loaded in a room is left to
 * the room, which indexes it as it loads; one that loads while it is being read is not written.
 */
export function startSearchBackfill(options: SearchBackfillOptions): SearchBackfill {
  const batchSize = options.batchSize ?? 10
  const pauseMs = options.pauseMs ?? 200
  let stopped = false
  let wake: (() => void) | null = null
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pauseMs)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  const run = async (): Promise<number> => {
    const indexed = await options.index.indexedWorkshopIds()
    const missing = [...new Set((await options.persistence.listAccessRows()).map((row) => row.workshopId))].filter((id) => !indexed.has(id)).sort()
    if (missing.length === 0) return 0
    options.log.info({ workshops: missing.length }, 'search backfill: indexing workshops that have no entries yet')
    let count = 0
    for (let start = 0; start < missing.length && !stopped; start += batchSize) {
      if (start > 0) await pause()
      for (const workshopId of missing.slice(start, start + batchSize)) {
        if (stopped) break
        if (await indexStored(workshopId)) count++
      }
    }
    options.log.info({ indexed: count, of: missing.length }, 'search backfill done')
    return count
  }

  const indexStored = async (workshopId: string): Promise<boolean> => {
    if (options.loadedWorkshopIds().includes(workshopId)) return false
    const doc = new Y.Doc()
    try {
      const stored = await options.persistence.loadDocument(workshopId)
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
      migrateWorkshop(doc)
      const snapshot = workshopSnapshot(doc)
      if (!snapshot || options.loadedWorkshopIds().includes(workshopId)) return false
      await options.index.replaceWorkshop(workshopId, snapshot.meta.language, extractSearchEntries(workshopId, snapshot), documentVersion(doc))
      return true
    } catch (error) {
      // A document newer than this server, or unreadable: the room that opens it says why.
      options.log.warn({ err: error, workshopId }, 'search backfill: workshop not indexed')
      return false
    } finally {
      doc.destroy()
    }
  }

  const done = run().catch((error: unknown) => {
    options.log.error({ err: error }, 'search backfill failed')
    return 0
  })
  return {
    done,
    stop() {
      stopped = true
      wake?.()
      return done
    },
  }
}
