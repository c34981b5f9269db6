import type { WorkshopStore } from '../store/WorkshopStore'

/**
 * Under the board tabs, for everyone: what the session means for the board shown (locked, private
 * writing with the composer, an open vote or its results, following the facilitator), and what the
 * server refused. Also moves this person when the facilitator brings everyone to a board.
 */
export function SessionNotices(_props: { store: WorkshopStore; workshopId: string; boardId: string | null }) {
  return null
}
