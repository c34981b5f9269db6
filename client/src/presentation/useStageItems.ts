import { useMemo } from 'react'
import type { NoteColor } from '../../../shared/schema/records/note'
import type { TargetLane } from '../../../shared/schema/records/session'
import { useItemsOfKind } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'

/** A note or challenge card as the projector shows it. */
export interface StageItem {
  id: string
  text: string
  /** Challenge cards have none: they are drawn as white cards. */
  color: NoteColor | null
  createdAt: number
}

/**
 * The notes of a board, or the cards of a challenge board (of one lane when `lane` is set), oldest
 * first: what the step the presentation follows is about. '' gives none.
 */
export function useStageItems(store: WorkshopStore, boardId: string, lane: TargetLane): readonly StageItem[] {
  const notes = useItemsOfKind(store, boardId, 'note')
  const cards = useItemsOfKind(store, boardId, 'card')
  return useMemo(() => {
    const items: StageItem[] = [
      ...notes.map((n) => ({ id: n.id, text: n.text, color: n.color, createdAt: n.createdAt })),
      ...cards.filter((c) => lane === '' || c.lane === lane).map((c) => ({ id: c.id, text: c.text, color: null, createdAt: c.createdAt })),
    ]
    return items.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  }, [notes, cards, lane])
}
