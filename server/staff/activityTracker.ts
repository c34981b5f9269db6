import type { Logger } from '../log'
import type { RoomExtensionFactory } from '../sync/RoomExtension'
import type { StaffStorage } from './StaffStorage'

/** At most one write of a workshop's last activity per this many ms while it is edited. */
export const ACTIVITY_WRITE_EVERY_MS = 60_000

/**
 * A room extension keeping `workshop_activity.last_activity_at` current cheaply: on a commit of an
 * edit made on this instance, at most once a minute, and the last one when the room unloads. Only
 * stored edits count (opening a workshop to look at it does not), which is what retention will
 * measure "unused for N months" by.
 */
export function activityTracker(storage: StaffStorage, log: Logger, everyMs = ACTIVITY_WRITE_EVERY_MS): RoomExtensionFactory {
  return (room) => {
    let lastWritten = 0
    let unwritten: number | null = null
    const write = (at: number): Promise<void> =>
      storage.touchActivity(room.workshopId, at).catch((error: unknown) => log.warn({ err: error, workshopId: room.workshopId }, 'could not record activity'))
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
        void write(now)
      },
      beforeUnload: async () => {
        if (unwritten === null) return
        const at = unwritten
        unwritten = null
        await write(at)
      },
    }
  }
}
