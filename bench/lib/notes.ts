import type * as Y from 'yjs'
import { createRecordMap } from '../../shared/doc/workshopDoc'
import type { NoteRecord } from '../../shared/schema/records/note'

/** Adds notes `prefix-first` … (docs/schema.md) to `doc`, `perTransaction` per transaction; returns their ids. */
export function addNotes(doc: Y.Doc, prefix: string, count: number, perTransaction = 1, first = 0): string[] {
  const items = doc.getMap<Y.Map<unknown>>('items')
  const ids: string[] = []
  for (let start = first; start < first + count; start += perTransaction) {
    doc.transact(() => {
      for (let i = start; i < Math.min(first + count, start + perTransaction); i++) {
        const id = `${prefix}-${i}`
        // The record as the app builds it (shared/schema/records/note.ts, version 3): the server
        // refuses a note with a missing or unknown field.
        const record: NoteRecord = {
          id,
          kind: 'note',
          boardId: 'bench-board',
          x: (i % 100) * 180,
          y: Math.floor(i / 100) * 180,
          w: 160,
          h: 160,
          color: 'yellow',
          text: `Innspill ${i}: flere møteplasser for eldre i sentrum`,
          createdAt: Date.now(),
          sdgs: [],
          dimension: '',
        }
        const note = createRecordMap(record)
        items.set(id, note)
        ids.push(id)
      }
    })
  }
  return ids
}

export function countPresent(doc: Y.Doc, ids: readonly string[]): number {
  const items = doc.getMap('items')
  return ids.filter((id) => items.has(id)).length
}
