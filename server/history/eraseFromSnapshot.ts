import * as Y from 'yjs'
import { readItemMap } from '../../shared/doc/readItemMap'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { isCanvasItem, planDeleteItems, type CanvasItem } from '../../shared/logic/canvasItems'

/**
 * A stored state (one `Y.encodeStateAsUpdate`) without the given items: they and the arrows bound
 * to them are deleted in a document that garbage-collects, and the state encoded again. Yjs keeps a
 * deleted item's id and length (so the state still merges) but drops its content: what was written
 * is in no byte of the result. Null when the state holds none of them (nothing to rewrite).
 *
 * Works on the state as it was stored, without migrating it: deleting a key of `items` means the
 * same in every schema version, and the snapshot keeps the version it was taken with.
 */
export function eraseFromSnapshot(state: Uint8Array, itemIds: ReadonlySet<string>): Uint8Array | null {
  const doc = new Y.Doc({ gc: true })
  try {
    Y.applyUpdate(doc, state)
    const { items } = getWorkshopMaps(doc)
    const present = new Set([...itemIds].filter((id) => items.has(id)))
    if (present.size === 0) return null
    const canvasItems: CanvasItem[] = []
    items.forEach((map, id) => {
      const read = readItemMap(id, map)
      if (read.ok && isCanvasItem(read.value)) canvasItems.push(read.value)
    })
    const doomed = planDeleteItems(canvasItems, present).deleteItems ?? []
    doc.transact(() => {
      for (const id of doomed) items.delete(id)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
