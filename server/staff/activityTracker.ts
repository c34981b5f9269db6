import type { Logger } from '../log'
import type { RoomExtensionFactory } from '../sync/RoomExtension'
import type { StaffStorage } from './StaffStorage'

/** At most one write of a workshop's last activity per this many ms while it is edited. */
export const ACTIVITY_WRITE_EVERY_MS = 60_000

/**
 * How long a workshop's activity waits for others' to share its write. Each write was a commit (and
 * a disk sync on the event loop, with SQLite) of its own: opening and closing 2,000 rooms made
 * 2,000 of them (bench/RESULTS.md, "Open and close").
 */
export const ACTIVITY_GROUP_MS = 200

/**
 * A room extension keeping `workshop_activity.last_activity_at` current cheaply: on a commit of an
 * edit made on this instance, at most once a minute, and the last one when the room unloads. Only
 * stored edits count (opening a workshop to look at it does not), which is what retention will
 * measure "unused for N months" by. The writes of every room are grouped (ActivityWrites).
 */
export function activityTracker(storage: StaffStorage, log: Logger, everyMs = ACTIVITY_WRITE_EVERY_MS, groupMs = ACTIVITY_GROUP_MS): RoomExtensionFactory {
  const writes = new ActivityWrites(storage, log, groupMs)
  return (room) => {
    let lastWritten = 0
    let unwritten: number | null = null
    return {
      name: 'activity',
      afterCommit: ({ local }) => {
        if (!local) return
        const now = Date.now()
        if (now - lastWritten < everyMs) {
          unwritten = now
          return
        }
        lastWritten = now
        unwritten = null
        void writes.touch(room.workshopId, now)
      },
      beforeUnload: async () => {
        if (unwritten === null) return
        const at = unwritten
        unwritten = null
        await writes.touch(room.workshopId, at)
      },
    }
  }
}

/**
 * Activity times of many workshops, written together: what arrives within `groupMs` of the first
 * is one transaction. A promise settles once its time is stored (or the write failed, which is
 * logged: activity only feeds retention, it never fails an edit).
 */
export class ActivityWrites {
  readonly #storage: StaffStorage
  readonly #log: Logger
  readonly #groupMs: number
  readonly #pending = new Map<string, number>()
  #written: Promise<void> | null = null

  constructor(storage: StaffStorage, log: Logger, groupMs: number) {
    this.#storage = storage
    this.#log = log
    this.#groupMs = groupMs
  }

  touch(workshopId: string, at: number): Promise<void> {
    this.#pending.set(workshopId, Math.max(at, this.#pending.get(workshopId) ?? 0))
    this.#written ??= new Promise<void>((resolve) => setTimeout(resolve, this.#groupMs)).then(() => this.#write())
    return this.#written
  }

  async #write(): Promise<void> {
    this.#written = null
    const entries = [...this.#pending].map(([workshopId, at]) => ({ workshopId, at }))
    this.#pending.clear()
    try {
      await this.#storage.touchActivity(entries)
    } catch (error) {
      this.#log.warn({ err: error, workshops: entries.length }, 'could not record activity')
    }
  }
}
