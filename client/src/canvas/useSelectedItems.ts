import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { WorkshopStore } from '../store/WorkshopStore'

/** The selected records, following edits by anyone; the same array while nothing changed. */
export function useSelectedItems(store: WorkshopStore, ids: ReadonlySet<string>): readonly ItemRecord[] {
  const last = useRef<readonly ItemRecord[]>([])
  const subscribe = useCallback(
    (listener: () => void) => {
      const offs = [...ids].map((id) => store.subscribe(`item:${id}`, listener))
      return () => offs.forEach((off) => off())
    },
    [store, ids],
  )
  const read = useCallback(() => {
    const next = [...ids].flatMap((id) => store.getItem(id) ?? [])
    const prev = last.current
    if (next.length === prev.length && next.every((item, i) => item === prev[i])) return prev
    last.current = next
    return next
  }, [store, ids])
  return useSyncExternalStore(subscribe, read, read)
}
