import * as Y from 'yjs'

/** Adds notes `prefix-first` … (docs/schema.md) to `doc`, `perTransaction` per transaction; returns their ids. */
export function addNotes(doc: Y.Doc, prefix: string, count: number, perTransaction = 1, first = 0): string[] {
  const items = doc.getMap<Y.Map<unknown>>('items')
  const ids: string[] = []
  for (let start = first; start < first + count; start += perTransaction) {
    doc.transact(() => {
      for (let i = start; i < Math.min(first + count, start + perTransaction); i++) {
        const id = `${prefix}-${i}`
        const note = new Y.Map<unknown>()
        note.set('id', id)
        note.set('kind', 'note')
        note.set('boardId', 'bench-board')
        note.set('x', (i % 100) * 180)
        note.set('y', Math.floor(i / 100) * 180)
        note.set('w', 160)
        note.set('h', 160)
        note.set('color', 'yellow')
        note.set('text', `Innspill ${i}: flere møteplasser for eldre i sentrum`)
        note.set('createdAt', Date.now())
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
