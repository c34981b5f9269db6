import { useEffect, useState } from 'react'
import type { WorkshopStore } from '../store/WorkshopStore'

/** Every photo the workshop shows, on any board, sorted: what "keep offline" must have on the device. */
export function collectImageHashes(store: WorkshopStore): string[] {
  const hashes = new Set<string>()
  for (const board of store.getBoards()) for (const image of store.getItemsOfKind(board.id, 'image')) hashes.add(image.hash)
  return [...hashes].sort()
}

/**
 * The workshop's photo hashes, kept current as boards and photos come and go. One subscription per
 * board's image list (the store's `kind:<board>:image` topic), renewed when the boards change.
 */
export function useWorkshopImageHashes(store: WorkshopStore): readonly string[] {
  const [hashes, setHashes] = useState(() => collectImageHashes(store))
  useEffect(() => {
    let perBoard: (() => void)[] = []
    const refresh = () => {
      const next = collectImageHashes(store)
      setHashes((prev) => (prev.length === next.length && prev.every((h, i) => h === next[i]) ? prev : next))
    }
    const resubscribe = () => {
      for (const off of perBoard) off()
      perBoard = store.getBoards().map((b) => store.subscribe(`kind:${b.id}:image`, refresh))
      refresh()
    }
    const offBoards = store.subscribe('boards', resubscribe)
    resubscribe()
    return () => {
      offBoards()
      for (const off of perBoard) off()
    }
  }, [store])
  return hashes
}
