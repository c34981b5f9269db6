import assert from 'node:assert/strict'
import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import type { CreatedWorkshop } from '../../shared/access'
import { applyPlan } from '../../shared/doc/applyPlan'
import { initializeWorkshop } from '../../shared/doc/workshopDoc'
import type { BoardRecord } from '../../shared/schema/records/board'
import type { WorkshopMetaRecord } from '../../shared/schema/records/workshopMeta'
import type { ItemRecord } from '../../shared/schema/schema'
import { linksFor, type AccessStore } from '../access/AccessStore'
import type { Persistence } from '../persistence/Persistence'
import type { StaffStorage } from '../staff/StaffStorage'

/** What a new workshop starts with: a new one has one board, an imported one its boards and items. */
export interface WorkshopContent {
  meta: WorkshopMetaRecord
  boards: readonly BoardRecord[]
  items: readonly ItemRecord[]
}

/**
 * The document of a new workshop: meta and the first board, then the other records through the one
 * validated write path (shared/doc/applyPlan, which throws PlanRejectedError on an invalid record).
 * Pure CPU: an import runs it in a worker (importWorker.ts).
 */
export function buildWorkshopState(content: WorkshopContent): Uint8Array {
  const [firstBoard, ...otherBoards] = content.boards
  assert(firstBoard, 'a workshop needs at least one board')
  const doc = new Y.Doc()
  try {
    initializeWorkshop(doc, { meta: content.meta, firstBoard })
    if (otherBoards.length > 0 || content.items.length > 0) {
      applyPlan(doc, { createBoards: otherBoards, createItems: [...content.items] }, null)
    }
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * The same document as `buildWorkshopState`, as a series of updates: meta and the boards first, then
 * the items `recordsPerUpdate` at a time (each record is checked alone, so any split is valid). A
 * big import is stored as these, one short transaction each with a turn of the event loop between
 * them: stored as one snapshot, a 20 MB import (a 27 MB document) held the event loop for seconds.
 */
export function buildWorkshopUpdates(content: WorkshopContent, recordsPerUpdate = 500): Uint8Array[] {
  const [firstBoard, ...otherBoards] = content.boards
  assert(firstBoard, 'a workshop needs at least one board')
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  try {
    doc.transact(() => {
      initializeWorkshop(doc, { meta: content.meta, firstBoard })
      if (otherBoards.length > 0) applyPlan(doc, { createBoards: otherBoards }, null)
    })
    for (let start = 0; start < content.items.length; start += recordsPerUpdate) {
      applyPlan(doc, { createItems: content.items.slice(start, start + recordsPerUpdate) }, null)
    }
    return updates
  } finally {
    doc.destroy()
  }
}

/**
 * Creates a workshop with a new id: its document (`state`, or built from `content`), its row and its
 * access (a join code and link keys, drawn again if the code is taken), stored in one transaction.
 * Answers what `POST /api/workshops` and the import return; an import's document comes as updates (`buildWorkshopUpdates`). Then the creator becomes its owner
 * (`createdBy`, a signed-in staff member's id; null in the embedded mode) and its activity row starts.
 */
export async function createStoredWorkshop(
  { persistence, access, staff }: { persistence: Persistence; access: AccessStore; staff: { storage: StaffStorage } },
  baseUrl: string,
  content: WorkshopContent | { meta: WorkshopMetaRecord; updates: readonly Uint8Array[] },
  createdBy: string | null,
): Promise<CreatedWorkshop> {
  const [state, ...rest] = 'updates' in content ? content.updates : [buildWorkshopState(content)]
  assert(state, 'a workshop starts with a document')
  const id = nanoid(21)
  const { meta } = content
  const stored = await access.withFreshCode(
    () => access.newAccess(id),
    (fresh) => persistence.createWorkshop({ id, title: meta.title, language: meta.language, createdAt: meta.createdAt }, state, fresh),
  )
  // The rest of an import, a short transaction each, the rooms served between them. No one has the
  // workshop's id or links before the answer below, so no one sees it half written.
  for (const update of rest) {
    await new Promise((resolve) => setImmediate(resolve))
    await persistence.appendUpdates(id, [update])
  }
  await staff.storage.recordCreated(id, createdBy, meta.createdAt)
  const token = stored.access.keys.facilitator
  assert(token !== null, 'a new workshop has a facilitator key')
  return { id, url: `/w/${id}`, code: stored.access.code, links: linksFor(stored.access, baseUrl), token }
}
