import * as Y from 'yjs'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { readSession } from '../../shared/schema/records/sessionHistory'
import type { Logger } from '../log'
import type { Persistence } from '../persistence/Persistence'
import type { AccessStore } from './AccessStore'

/**
 * Runs once on start, before the server listens: access rows an older version stored in the clear
 * (link keys and the workshop's signing secret verbatim) are sealed with the server secret, so the
 * links and the participant tokens issued before keep working while a copy of the database opens
 * nothing. The removals of such a workshop, kept until now only in its document's session, are
 * copied into `removed_participants` first, so every route and socket refuses them from the start.
 *
 * Safe with several instances starting at once: a row is replaced only if it is still the one read
 * (the other instance's seal wins), and adding a removal twice is no error.
 */
export async function migrateAccess(persistence: Persistence, access: AccessStore, log: Logger): Promise<number> {
  let sealed = 0
  for (const row of await persistence.listAccessRows()) {
    const next = access.sealStoredRow(row)
    if (!next) continue
    await persistence.addRemovedParticipants(row.workshopId, await removedInDocument(persistence, row.workshopId, log))
    if (await persistence.replaceAccessIf(row, next)) sealed++
  }
  if (sealed > 0) {
    await persistence.scrubReplacedAccess()
    log.info({ workshops: sealed }, 'link keys and signing secrets sealed with the server secret')
  }
  return sealed
}

/** The participants a workshop's stored session lists as removed. */
async function removedInDocument(persistence: Persistence, workshopId: string, log: Logger): Promise<string[]> {
  const doc = new Y.Doc()
  try {
    const stored = await persistence.loadDocument(workshopId)
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return readSession(getWorkshopMaps(doc).session.toJSON()).session.removed
  } catch (error) {
    // Its keys are sealed all the same: a key left in the clear would be worse than a lost removal.
    log.warn({ err: error, workshopId }, 'could not read the removed participants of a stored workshop')
    return []
  } finally {
    doc.destroy()
  }
}
