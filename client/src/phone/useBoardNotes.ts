import { useMemo } from 'react'
import type { TargetLane } from '../../../shared/schema/records/session'
import type { CardLane } from '../../../shared/schema/records/card'
import { useItemsOfKind } from '../store/hooks'
import type { PhoneStore } from '../store/PhoneStore'

/** A note on the board as the phone lists it: a free canvas's sticky note or a challenge board's card. */
export interface BoardNote {
  id: string
  text: string
  createdAt: number
}

/**
 * The public notes of a board, in writing order (oldest first): notes on a free canvas, cards in
 * `lane` (every lane for '') on a challenge board.
 */
export function useBoardNotes(store: PhoneStore, boardId: string | null, lane: TargetLane | CardLane): readonly BoardNote[] {
  const notes = useItemsOfKind(store, boardId ?? '', 'note')
  const cards = useItemsOfKind(store, boardId ?? '', 'card')
  return useMemo(() => {
    const all: BoardNote[] = [
      ...notes.map((n) => ({ id: n.id, text: n.text, createdAt: n.createdAt })),
      ...cards.filter((c) => lane === '' || c.lane === lane).map((c) => ({ id: c.id, text: c.text, createdAt: c.createdAt })),
    ]
    return all.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  }, [notes, cards, lane])
}

/** A sticky someone placed and never wrote on: nothing to read or to vote for on a phone. */
export function hasText(note: BoardNote): boolean {
  return note.text.trim() !== ''
}
