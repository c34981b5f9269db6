import { planCapturePosition, type CaptureGrid } from '../logic/capturePlacement'
import { itemRect, isCanvasItem } from '../logic/canvasItems'
import { orderAtEnd } from '../logic/boardOrder'
import type { Rect } from '../logic/geometry'
import type { DocumentPlan } from '../logic/plan'
import type { BoardRecord } from '../schema/records/board'
import { CARD_TEXT_MAX, type CardRecord } from '../schema/records/card'
import type { NoteRecord } from '../schema/records/note'
import type { ItemRecord } from '../schema/schema'
import type { HeldNote } from './commands'
import { laneFor } from './noteBoards'

// Which boards take notes lives apart from the placing below, so the phone page can ask without
// loading the canvas geometry.
export { acceptsNotes, laneFor, noteTextLimit } from './noteBoards'

export const REVEAL_NOTE_SIZE = 200
/** Tighter than quick capture's grid: revealed notes are read side by side, like a wall of stickies. */
export const REVEAL_GRID: CaptureGrid = { columns: 6, cellW: 200, cellH: 200, gap: 24 }

/**
 * Puts held notes on their board: free-canvas notes in the first free cells of a grid beside what
 * is there (in the order written), challenge-board cards at the end of their lane. Each record
 * keeps the held note's id, so a reveal that is repeated after a crash writes the same records
 * instead of duplicates.
 */
export function planPlaceHeldNotes(board: BoardRecord, notes: readonly HeldNote[], existing: readonly ItemRecord[]): DocumentPlan {
  const sorted = [...notes].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
  const createItems: ItemRecord[] = []
  if (board.template === 'challengeBoard') {
    const cards: Pick<CardRecord, 'id' | 'lane' | 'order'>[] = existing.filter((item): item is CardRecord => item.kind === 'card' && item.boardId === board.id)
    for (const note of sorted) {
      const lane = laneFor(note.lane)
      const card: CardRecord = {
        id: note.id,
        kind: 'card',
        boardId: board.id,
        lane,
        text: note.text.slice(0, CARD_TEXT_MAX),
        order: orderAtEnd(cards.filter((c) => c.lane === lane)),
        owner: '',
        dueDate: '',
        status: 'open',
        origin: null,
        createdAt: note.createdAt,
        sdgs: [],
        dimension: '',
      }
      cards.push(card)
      createItems.push(card)
    }
    return { createItems }
  }
  const rects: Rect[] = []
  const byId = new Map(existing.filter(isCanvasItem).map((item) => [item.id, item]))
  for (const item of byId.values()) {
    if (item.boardId !== board.id) continue
    const rect = itemRect(item, (id) => byId.get(id))
    if (rect) rects.push(rect)
  }
  const size = { w: REVEAL_NOTE_SIZE, h: REVEAL_NOTE_SIZE }
  // Wider rows for a big reveal, so three hundred notes make a wall, not a column.
  const columns = Math.min(30, Math.max(REVEAL_GRID.columns, Math.ceil(Math.sqrt(sorted.length + rects.length) * 1.4)))
  const grid = { ...REVEAL_GRID, columns }
  for (const note of sorted) {
    const at = planCapturePosition(rects, size, grid)
    const record: NoteRecord = {
      id: note.id,
      kind: 'note',
      boardId: board.id,
      x: at.x,
      y: at.y,
      ...size,
      color: note.color,
      text: note.text,
      createdAt: note.createdAt,
      sdgs: [],
      dimension: '',
    }
    rects.push({ x: at.x, y: at.y, ...size })
    createItems.push(record)
  }
  return { createItems }
}
