import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { validateNote } from '../schema/records/note'
import { currentSchema, encodeSchemaVersions } from '../schema/schema'
import { getWorkshopMaps, initializeWorkshop } from './workshopDoc'

// docs/schema.md promises that its example, using only `yjs`, adds a valid note to the first board.
// Run the example exactly as written so the page cannot drift from the code.
const page = readFileSync(new URL('../../docs/schema.md', import.meta.url), 'utf8')

describe('docs/schema.md', () => {
  it('the add-a-note example produces a note that validates, on the first board', () => {
    const example = /```js example-add-note\n([\s\S]*?)```/.exec(page)?.[1]
    expect(example).toBeDefined()
    const doc = new Y.Doc()
    initializeWorkshop(doc, {
      meta: { title: 'Test', language: 'nb', createdAt: 1 },
      firstBoard: { id: 'first', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: false, linkedBoardId: '' },
    })
    getWorkshopMaps(doc).boards.set('second', new Y.Map(Object.entries({ id: 'second', title: 'B', order: 'a1', template: 'canvas', showHelp: false, linkedBoardId: '' })))
    new Function('doc', 'Y', example!)(doc, Y)
    const notes = [...getWorkshopMaps(doc).items.values()].map((m) => m.toJSON())
    expect(notes).toHaveLength(1)
    const result = validateNote(notes[0])
    expect(result).toMatchObject({ ok: true, value: { boardId: 'first', text: 'Flere benker langs elva' } })
  })

  it('lists the current version of every record kind', () => {
    for (const [kind, version] of Object.entries(currentSchema)) {
      expect(page).toContain(`### ${kind} (version ${version})`)
    }
    expect(page).toContain(`'${encodeSchemaVersions(currentSchema)}'`)
  })
})
