import { useCallback, useSyncExternalStore } from 'react'
import type { NoteColor } from '../../../shared/schema/records/note'
import type { WorkshopStore } from '../store/WorkshopStore'

/** The colour all the given notes share, or null; follows edits by anyone. */
export function useSharedColor(store: WorkshopStore, ids: ReadonlySet<string>): NoteColor | null {
  const subscribe = useCallback(
    (listener: () => void) => {
      const offs = [...ids].map((id) => store.subscribe(`note:${id}`, listener))
      return () => offs.forEach((off) => off())
    },
    [store, ids],
  )
  const read = useCallback(() => {
    let shared: NoteColor | null = null
    for (const id of ids) {
      const color = store.getNote(id)?.color
      if (!color || (shared !== null && color !== shared)) return null
      shared = color
    }
    return shared
  }, [store, ids])
  return useSyncExternalStore(subscribe, read, read)
}
