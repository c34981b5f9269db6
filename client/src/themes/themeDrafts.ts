import { useCallback, useSyncExternalStore } from 'react'
import type { ThemeGrouping } from '../../../shared/logic/themes'
import type { WorkshopStore } from '../store/WorkshopStore'

/**
 * The facilitator's themes in the making, per workshop and board, for as long as this tab lives:
 * session state, never in the document (nobody else needs a half-renamed suggestion). Kept outside
 * the panel section so closing and opening it, or the panel, loses nothing.
 */
const drafts = new WeakMap<WorkshopStore, Map<string, ThemeGrouping>>()
const listeners = new Set<() => void>()

function draftsOf(store: WorkshopStore): Map<string, ThemeGrouping> {
  let map = drafts.get(store)
  if (!map) {
    map = new Map()
    drafts.set(store, map)
  }
  return map
}

export function setThemeDraft(store: WorkshopStore, boardId: string, grouping: ThemeGrouping | null): void {
  const map = draftsOf(store)
  if (grouping) map.set(boardId, grouping)
  else map.delete(boardId)
  for (const listener of listeners) listener()
}

export function useThemeDraft(store: WorkshopStore, boardId: string): ThemeGrouping | null {
  const subscribe = useCallback((listener: () => void) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }, [])
  const read = () => draftsOf(store).get(boardId) ?? null
  return useSyncExternalStore(subscribe, read, read)
}
