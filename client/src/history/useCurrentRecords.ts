import { useEffect, useMemo, useState } from 'react'
import type { WorkshopRecords } from '../../../shared/logic/history'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { WorkshopStore } from '../store/WorkshopStore'

/** The live document's boards and items as plain records (what planRestore compares with). */
export function readCurrentRecords(store: WorkshopStore): WorkshopRecords {
  const boards = store.getBoards()
  const items: ItemRecord[] = []
  for (const board of boards) {
    for (const id of store.getItemIds(board.id)) {
      const item = store.getItem(id)
      if (item) items.push(item)
    }
  }
  return { boards, items }
}

/**
 * The live records, re-read whenever a board or the item list of a board changes (enough for
 * counts; a restore reads them afresh at the moment it plans).
 */
export function useCurrentRecords(store: WorkshopStore): WorkshopRecords {
  const [version, setVersion] = useState(0)
  const boards = store.getBoards()
  const boardIds = boards.map((board) => board.id).join(' ')
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1)
    const unsubscribes = [store.subscribe('boards', bump)]
    for (const id of boardIds.split(' ').filter(Boolean)) unsubscribes.push(store.subscribe(`items:${id}`, bump))
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe())
  }, [store, boardIds])
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is the change signal
  return useMemo(() => readCurrentRecords(store), [store, version, boardIds])
}
