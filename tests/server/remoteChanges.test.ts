import { afterEach, describe, expect, it } from 'vitest'
import type { RemoteChange } from '../../client/src/store/WorkshopStore'
import { TestResources, waitFor, workshopForStores } from './helpers'

// What the screen-reader announcer is fed: other people's changes with their author, never one's
// own edits and never the document arriving at join.

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('WorkshopStore.onRemoteChanges', () => {
  it('reports others’ adds, edits and removals with the author’s peer id, and not one’s own', async () => {
    const { open } = await workshopForStores(resources)
    const kari = open('Kari')
    await waitFor(() => kari.getBoards().length === 1, 'board at Kari')
    const boardId = kari.getBoards()[0]!.id
    kari.createNote(boardId, { text: 'before Ola came' })

    const ola = open('Ola')
    const seenByOla: RemoteChange[] = []
    const seenByKari: RemoteChange[] = []
    resources.defer(ola.onRemoteChanges((changes) => seenByOla.push(...changes)))
    resources.defer(kari.onRemoteChanges((changes) => seenByKari.push(...changes)))
    await waitFor(() => ola.getConnection().status === 'connected' && ola.getItemIds(boardId).length === 1, 'Ola synced')
    await waitFor(() => ola.getPeers().some((p) => p.name === 'Kari'), 'Kari in Ola’s peers')
    expect(seenByOla).toEqual([]) // the join sync is not news

    const note = kari.createNote(boardId, { text: 'ny' })
    await waitFor(() => seenByOla.length === 1, 'add reported')
    kari.updateNote(note, { text: 'endret' })
    await waitFor(() => seenByOla.length === 2, 'edit reported')
    kari.deleteItems([note])
    await waitFor(() => seenByOla.length === 3, 'removal reported')

    const kariId = ola.getPeers().find((p) => p.name === 'Kari')!.clientId
    expect(seenByOla).toEqual([
      { id: note, kind: 'note', boardId, action: 'added', authorClientId: kariId },
      { id: note, kind: 'note', boardId, action: 'changed', authorClientId: kariId },
      { id: note, kind: 'note', boardId, action: 'removed', authorClientId: null },
    ])
    expect(seenByKari).toEqual([])
  })
})
