import type * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { NoteRecord } from '../../shared/schema/records/note'

/**
 * The smallest real edits a test can make through the server. The server refuses every top-level
 * type a workshop does not have and every invalid record (docs/schema.md, "Who may write what"), so
 * a test about the transport (durability, convergence, limits, instances) writes notes too.
 */

/** A valid note: yellow, 160 x 160, no tags. */
export function testNote(id: string, boardId: string, text: string, at: { x: number; y: number } = { x: 0, y: 0 }): NoteRecord {
  return { id, kind: 'note', boardId, x: at.x, y: at.y, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '' }
}

/** The id of a board the synced `doc` holds (a new workshop has one). */
export function firstBoardId(doc: Y.Doc): string {
  const boardId = [...getWorkshopMaps(doc).boards.keys()].sort()[0]
  if (boardId === undefined) throw new Error('the document holds no board: is it synced?')
  return boardId
}

/** Adds the note `<series>-<n>` with the text `n`, on the first board: one edit of a numbered series. */
export function addNumberedNote(doc: Y.Doc, series: string, n: number): void {
  getWorkshopMaps(doc).items.set(`${series}-${n}`, createRecordMap(testNote(`${series}-${n}`, firstBoardId(doc), String(n))))
}

/** The numbers of the series' notes `doc` holds, ascending: `[0, 1, …, n - 1]` when every edit arrived. */
export function numberedNotes(doc: Y.Doc, series: string): number[] {
  const numbers: number[] = []
  for (const [id, map] of getWorkshopMaps(doc).items) if (id.startsWith(`${series}-`)) numbers.push(Number(map.get('text')))
  return numbers.sort((a, b) => a - b)
}

/** `[0, 1, …, count - 1]`. */
export function upTo(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i)
}
