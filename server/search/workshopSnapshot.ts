import type * as Y from 'yjs'
import { getWorkshopMaps, readRecord, SCHEMA_KEY } from '../../shared/doc/workshopDoc'
import type { WorkshopSnapshot } from '../../shared/export/workshopJson'
import type { BoardRecord } from '../../shared/schema/records/board'
import { validateWorkshopMeta } from '../../shared/schema/records/workshopMeta'
import { validateBoard, validateItem, type ItemRecord } from '../../shared/schema/schema'

/**
 * A loaded (migrated) document as plain records, read like a client reads it: invalid records are
 * skipped, never repaired. Null when its meta is not valid (not a workshop yet).
 */
export function workshopSnapshot(doc: Y.Doc): WorkshopSnapshot | null {
  const maps = getWorkshopMaps(doc)
  const metaFields: Record<string, unknown> = {}
  maps.meta.forEach((value, key) => {
    if (key !== SCHEMA_KEY) metaFields[key] = value
  })
  const meta = validateWorkshopMeta(metaFields)
  if (!meta.ok) return null
  const boards: BoardRecord[] = []
  maps.boards.forEach((map) => {
    const result = validateBoard(readRecord(map))
    if (result.ok) boards.push(result.value)
  })
  const items: ItemRecord[] = []
  maps.items.forEach((map) => {
    const result = validateItem(readRecord(map))
    if (result.ok) items.push(result.value)
  })
  return { meta: meta.value, boards, items }
}
