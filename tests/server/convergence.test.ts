import { isDeepStrictEqual } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { createWorkshop, sameState, seededRandom, synced, TestResources, waitFor, type Client } from './helpers'
import { firstBoardId, testNote } from './testNotes'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('convergence through the server', () => {
  it('two clients editing concurrently end with the same document', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const id = await createWorkshop(server.url)
    const a = resources.connect(server.url, id)
    const b = resources.connect(server.url, id)
    await Promise.all([synced(a.provider), synced(b.provider)])
    const boardId = firstBoardId(a.doc)
    getWorkshopMaps(a.doc).items.set('shared', createRecordMap(testNote('shared', boardId, 'first')))
    await waitFor(() => getWorkshopMaps(b.doc).items.has('shared'), 'B has the shared note')

    // Same turn on both sides: neither has seen the other's edit when making its own.
    a.doc.transact(() => {
      const { items } = getWorkshopMaps(a.doc)
      items.set('a1', createRecordMap(testNote('a1', boardId, 'a1')))
      items.set('a2', createRecordMap(testNote('a2', boardId, 'a2')))
      items.get('shared')!.set('text', 'from a')
    })
    b.doc.transact(() => {
      const { items } = getWorkshopMaps(b.doc)
      items.set('b1', createRecordMap(testNote('b1', boardId, 'b1')))
      items.get('shared')!.set('text', 'from b')
    })

    await waitFor(
      () => sameState(a.doc, b.doc) && isDeepStrictEqual(contentOf(a.doc), contentOf(b.doc)) && getWorkshopMaps(a.doc).items.size === 4,
      'clients converge',
    )
    expect(Object.keys(contentOf(a.doc).items).sort()).toEqual(['a1', 'a2', 'b1', 'shared'])
    expect(['from a', 'from b']).toContain(getWorkshopMaps(a.doc).items.get('shared')!.get('text'))
    expect(contentOf(a.doc)).toEqual(contentOf(b.doc))
    expect(a.doc.toJSON()).toEqual(b.doc.toJSON())
    // The workshop's initial content came from the server to both.
    expect(a.doc.getMap('meta').get('title')).toBe('Test workshop')
  })

  // Seed 23 once exposed that state vectors miss deletions; 60 seeds pass when run by hand.
  it.each([20260611, 7, 23])('randomised edits with disconnects and reconnects converge (seed %i)', async (seed) => {
    const random = seededRandom(seed)
    const server = await resources.startServer({ dataDir: await resources.tempDir(), compactEvery: 40 })
    const id = await createWorkshop(server.url)
    const clients: Client[] = Array.from({ length: 5 }, () => resources.connect(server.url, id))
    await Promise.all(clients.map((client) => synced(client.provider)))
    const boardId = firstBoardId(clients[0]!.doc)

    for (let step = 0; step < 400; step++) {
      const client = clients[Math.floor(random() * clients.length)]!
      const { items } = getWorkshopMaps(client.doc)
      const ids = [...items.keys()].sort()
      const action = random()
      if (action < 0.08) {
        if (client.provider.shouldConnect) client.provider.disconnect()
        else client.provider.connect()
      } else if (action < 0.55) {
        items.set(`n${step}`, createRecordMap(testNote(`n${step}`, boardId, String(step))))
      } else if (action < 0.7 && ids.length > 0) {
        items.delete(ids[Math.floor(random() * ids.length)]!)
      } else if (ids.length > 0) {
        // Concurrent writes to the same fields of the same few notes: last writer wins, the same everywhere.
        const note = items.get(ids[Math.floor(random() * Math.min(ids.length, 10))]!)!
        client.doc.transact(() => {
          note.set('x', step)
          note.set('text', `k${step}`)
        })
      }
      // Let the network run now and then, so edits interleave with delivery.
      if (random() < 0.3) await new Promise((resolve) => setImmediate(resolve))
    }

    for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect()
    await Promise.all(clients.map((client) => synced(client.provider)))
    // State vectors alone miss deletions (a delete adds no new clock), so compare content too.
    const converged = () =>
      clients.every(
        (client) =>
          sameState(client.doc, clients[0]!.doc) &&
          isDeepStrictEqual(contentOf(client.doc), contentOf(clients[0]!.doc)),
      )
    await waitFor(converged, 'all clients converge')

    const expected = contentOf(clients[0]!.doc)
    for (const client of clients) expect(contentOf(client.doc)).toEqual(expected)
    expect(Object.keys(expected.items).length).toBeGreaterThan(0)

    // And the server holds the same state: a newcomer gets exactly it.
    const late = resources.connect(server.url, id)
    await synced(late.provider)
    expect(contentOf(late.doc)).toEqual(expected)
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(clients[0]!.doc))
  })
})

/** Doc.toJSON only lists types a doc has asked for by name, so read them explicitly. */
function contentOf(doc: Y.Doc): { items: Record<string, unknown>; meta: Record<string, unknown> } {
  const { items, meta } = getWorkshopMaps(doc)
  return { items: items.toJSON(), meta: meta.toJSON() }
}
