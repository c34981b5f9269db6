import type { WorkshopSnapshot } from '../../../shared/export/workshopJson'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { WorkshopStore } from '../store/WorkshopStore'

/**
 * The whole workshop as the store holds it (validated records only), for the exports. Items whose
 * board no longer exists are not shown anywhere, so they are not exported either.
 */
export function snapshotFromStore(store: WorkshopStore): WorkshopSnapshot | null {
  const meta = store.getMeta()
  if (!meta) return null
  const boards = store.getBoards()
  const items: ItemRecord[] = []
  for (const board of boards) {
    for (const id of store.getItemIds(board.id)) {
      const item = store.getItem(id)
      if (item) items.push(item)
    }
  }
  return { meta, boards, items }
}
