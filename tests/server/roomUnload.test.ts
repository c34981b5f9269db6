import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { NoteRecord } from '../../shared/schema/records/note'
import { SqlitePersistence } from '../../server/persistence/SqlitePersistence'
import { searchTerms, type SearchIndex } from '../../server/search/SearchIndex'
import { SqliteSearchIndex } from '../../server/search/SqliteSearchIndex'
import type { SamskapServer } from '../../server/createSamskapServer'
import { connectControl, createWorkshop, facilitatorToken, synced, TestResources, waitFor } from './helpers'

/**
 * What a room writes when it closes (issue 16 (e)): a room opened and closed without an edit writes
 * nothing of its document (no update, compaction, history snapshot or search entry); a changed one is compacted,
 * snapshotted and indexed as it unloads; an index write lost to a crash is caught up by the next
 * room to load the workshop, edited or not.
 */
const resources = new TestResources()
afterEach(() => resources.dispose())

/** The calls of `names` on `target` (with the workshop they concern), passed through. */
function counting<T extends object>(target: T, names: readonly string[], refuse: () => boolean = () => false): { wrapped: T; calls: string[] } {
  const calls: string[] = []
  const wrapped = new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object)
      if (typeof value !== 'function') return value
      const method = value as (...args: unknown[]) => unknown
      if (!names.includes(String(key))) return method.bind(object)
      return (...args: unknown[]) => {
        const first = args[0]
        calls.push(`${String(key)} ${typeof first === 'string' ? first : (first as { workshopId: string }).workshopId}`)
        if (refuse()) return Promise.reject(new Error('lost (the server died before writing it)'))
        return method.apply(object, args)
      }
    },
  })
  return { wrapped, calls }
}

const storageWrites = ['appendUpdates', 'compact', 'addHistory', 'deleteHistory']
const indexWrites = ['replaceWorkshop', 'updateWorkshop', 'removeWorkshop']

function note(id: string, boardId: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '' }
}

async function startCounted(dataDir: string, refuseIndexWrites: () => boolean = () => false) {
  const storage = counting(new SqlitePersistence(dataDir), storageWrites)
  const index = counting<SearchIndex>(new SqliteSearchIndex(dataDir), indexWrites, refuseIndexWrites)
  // The index is written only as a room unloads: its timer after a load or an edit never fires here.
  const server = await resources.startServer({
    dataDir,
    persistence: storage.wrapped,
    searchIndex: index.wrapped,
    searchIndexDelayMs: 600_000,
    searchBackfill: false,
    unloadDelayMs: 20,
  })
  return { server, storage: storage.calls, index: index.calls, search: (id: string, text: string) => index.wrapped.search({ terms: searchTerms(text), workshopIds: [id], limit: 10 }) }
}

/** Opens the workshop as its facilitator, runs `edit` on the synced document, leaves, and waits until the room has unloaded. */
async function visit(server: SamskapServer, id: string, edit?: (doc: import('yjs').Doc, boardId: string) => void): Promise<void> {
  const client = connectControl(resources, server.url, id, facilitatorToken(id))
  await synced(client.provider)
  if (edit) {
    edit(client.doc, [...getWorkshopMaps(client.doc).boards.keys()][0]!)
  }
  client.provider.destroy()
  await waitFor(() => !server.rooms.loadedWorkshopIds().includes(id), 'the room unloads')
  await server.rooms.unloaded(id)
}

describe('closing a room', () => {
  it('writes nothing for a room nobody changed, and compacts, snapshots and indexes one that was', async () => {
    const { server, storage, index, search } = await startCounted(await resources.tempDir())
    const id = await createWorkshop(server.url, { title: 'Elvebyen' })
    // The first load indexes the new workshop (the index has never seen it).
    await visit(server, id)
    expect(index).toEqual([`replaceWorkshop ${id}`])
    expect((await search(id, 'elvebyen')).map((hit) => hit.recordId)).toEqual([id])

    storage.length = 0
    index.length = 0
    await visit(server, id)
    await visit(server, id)
    // Each visitor's client id is bound to them when they announce it (server/trust/Authorship.ts):
    // that companion is written, the workshop's document is not.
    expect(storage.filter((call) => !call.endsWith('/authors'))).toEqual([])
    expect(index).toEqual([])

    await visit(server, id, (doc, boardId) => getWorkshopMaps(doc).items.set('n-skate', createRecordMap(note('n-skate', boardId, 'En skatepark ved fjorden'))))
    expect(storage).toContain(`appendUpdates ${id}`)
    expect(storage).toContain(`compact ${id}`)
    expect(storage).toContain(`addHistory ${id}`)
    expect(index).toEqual([`replaceWorkshop ${id}`])
    expect((await search(id, 'skatepark')).map((hit) => hit.recordId)).toEqual(['n-skate'])

    // Unchanged again since that write: nothing.
    storage.length = 0
    index.length = 0
    await visit(server, id)
    expect(storage.filter((call) => !call.endsWith('/authors'))).toEqual([])
    expect(index).toEqual([])
  })

  it('catches the index up when its write was lost: the next room to load the workshop writes it, without an edit', async () => {
    const dataDir = await resources.tempDir()
    let crashed = false
    const first = await startCounted(dataDir, () => crashed)
    const id = await createWorkshop(first.server.url, { title: 'Fjordbyen' })
    await visit(first.server, id)
    crashed = true
    await visit(first.server, id, (doc, boardId) => getWorkshopMaps(doc).items.set('n-skate', createRecordMap(note('n-skate', boardId, 'En skatepark ved fjorden'))))
    expect(first.index).toEqual([`replaceWorkshop ${id}`, `replaceWorkshop ${id}`])
    expect(await first.search(id, 'skatepark')).toEqual([])
    await first.server.close()

    const again = await startCounted(dataDir)
    await visit(again.server, id)
    expect(again.index).toEqual([`replaceWorkshop ${id}`])
    expect((await again.search(id, 'skatepark')).map((hit) => hit.recordId)).toEqual(['n-skate'])
  })
})
