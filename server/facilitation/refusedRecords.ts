import { REFUSED_RECORDS_MAX, type RefusalReason, type RefusedRecord } from '../../shared/facilitation/commands'
import type { DocumentChange } from '../../shared/facilitation/guard'
import type { WorkshopMaps } from '../../shared/doc/workshopDoc'

/**
 * Refusals whose writing is kept for its author: the rules changed under them (a board locked, a
 * private phase begun, "only their own" switched on) while they wrote, often offline. The others
 * (an observer, the session, something outside a workshop) never carry a participant's words.
 */
const keptFor: ReadonlySet<RefusalReason> = new Set(['locked', 'privatePhase', 'notYours'])

/**
 * What a refused update wrote, read while it is still applied (in `checkApplied`, before the room
 * undoes it): each touched record that exists after it and carries text.
 */
export function readWritten(maps: WorkshopMaps, change: DocumentChange, reason: RefusalReason): RefusedRecord[] {
  if (!keptFor.has(reason)) return []
  const written: RefusedRecord[] = []
  for (const item of change.items) {
    if (item.boardAfter === null || written.length >= REFUSED_RECORDS_MAX) continue
    const map = maps.items.get(item.id)
    const kind = map?.get('kind')
    const text = map?.get('text')
    if (typeof kind === 'string' && typeof text === 'string' && text.trim() !== '') written.push({ id: item.id, kind, boardId: item.boardAfter, text })
  }
  return written
}

/**
 * Of what the update wrote, what the undo took away: records that are gone, or whose text is not
 * what the author wrote. A note only moved onto a locked board keeps its text and is not listed.
 */
export function lostByUndo(maps: WorkshopMaps, written: readonly RefusedRecord[]): RefusedRecord[] {
  return written.filter((record) => maps.items.get(record.id)?.get('text') !== record.text)
}
