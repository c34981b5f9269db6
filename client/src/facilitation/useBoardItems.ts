import { useMemo } from 'react'
import { useItemsOfKind } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'

export interface BoardTextItem {
  id: string
  kind: 'note' | 'card'
  text: string
  createdAt: number
}

/**
 * The notes and challenge cards of a board (what votes count and what can be hidden), oldest first.
 * '' gives none.
 */
export function useBoardItems(store: WorkshopStore, boardId: string): readonly BoardTextItem[] {
  const notes = useItemsOfKind(store, boardId, 'note')
  const cards = useItemsOfKind(store, boardId, 'card')
  return useMemo(() => {
    const items: BoardTextItem[] = [
      ...notes.map((n) => ({ id: n.id, kind: 'note' as const, text: n.text, createdAt: n.createdAt })),
      ...cards.map((c) => ({ id: c.id, kind: 'card' as const, text: c.text, createdAt: c.createdAt })),
    ]
    return items.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  }, [notes, cards])
}
