import { pino } from 'pino'
import { addNumberedNote, numberedNotes } from '../server/testNotes'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PostgresPersistence } from '../../server/persistence/PostgresPersistence'
import { decodeFanoutMessage, encodeFanoutMessage } from '../../server/scaleout/fanoutMessages'
import { testAccess, TestResources, waitFor } from '../server/helpers'
import { isolate, twoInstancesOneWorkshop, type Isolation } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

async function open(isolation: Isolation): Promise<PostgresPersistence> {
  const persistence = await PostgresPersistence.open({
    connectionString: isolation.databaseUrl,
    schema: isolation.schema,
    log: pino({ level: 'silent' }),
  })
  resources.defer(() => persistence.close())
  return persistence
}

function docUpdate(edit: (doc: Y.Doc) => void, base?: Uint8Array): Uint8Array {
  const doc = new Y.Doc()
  if (base) Y.applyUpdate(doc, base)
  const before = Y.encodeStateVector(doc)
  edit(doc)
  const update = Y.encodeStateAsUpdate(doc, before)
  doc.destroy()
  return update
}

function load(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  resources.defer(() => doc.destroy())
  return doc
}

describe('PostgresPersistence', () => {
  it('chains appends per workshop: each previousSeq is the seq before it, even from two pools at once', async () => {
    const isolation = await isolate(resources)
    const one = await open(isolation)
    const two = await open(isolation)
    const initial = docUpdate((doc) => doc.getMap('meta').set('title', 'T'))
    await one.createWorkshop({ id: 'w1', title: 'T', language: 'nb', createdAt: 1 }, initial, testAccess('w1'))
    await one.createWorkshop({ id: 'w2', title: 'U', language: 'nb', createdAt: 2 }, initial, testAccess('w2'))
    const appends = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? one : two).appendUpdatesInOrder(i % 3 ? 'w1' : 'w2', [docUpdate((doc) => doc.getArray('list').push([i]))]),
      ),
    )
    for (const workshopId of ['w1', 'w2']) {
      const chain = appends.filter((_, i) => (i % 3 ? 'w1' : 'w2') === workshopId).sort((x, y) => x.seq - y.seq)
      expect(chain[0]!.previousSeq).toBe(0)
      for (let i = 1; i < chain.length; i++) expect(chain[i]!.previousSeq).toBe(chain[i - 1]!.seq)
    }
    expect((await one.getWorkshop('w2'))?.title).toBe('U')
    // A page's rows in one read: the unknown id is left out, nothing is invented.
    const rows = await two.getWorkshops(['w2', 'gone', 'w1'])
    expect(rows.map((row) => [row.id, row.title, row.createdAt]).sort()).toEqual([['w1', 'T', 1], ['w2', 'U', 2]])
    expect(await two.getWorkshops([])).toEqual([])
  })

  it('reads a workshop, its access row and its removals in one statement, each as the separate reads give it', async () => {
    const isolation = await isolate(resources)
    const persistence = await open(isolation)
    const initial = docUpdate((doc) => doc.getMap('meta').set('title', 'T'))
    await persistence.createWorkshop({ id: 'w1', title: 'T', language: 'nb', createdAt: 1 }, initial, testAccess('w1'))
    await persistence.createWorkshop({ id: 'w2', title: 'U', language: 'da', createdAt: 2 }, initial, testAccess('w2'))
    await persistence.addRemovedParticipants('w1', ['kari0000', 'ola00000'])
    const one = await persistence.getWorkshopAccess('w1')
    expect(one).toEqual({ workshop: await persistence.getWorkshop('w1'), access: await persistence.getAccess('w1'), removed: expect.any(Array) })
    expect(one!.removed.sort()).toEqual(['kari0000', 'ola00000'])
    expect(await persistence.getWorkshopAccess('w2')).toEqual({ workshop: await persistence.getWorkshop('w2'), access: await persistence.getAccess('w2'), removed: [] })
    expect(await persistence.getWorkshopAccess('nope')).toBeUndefined()
  })

  it('compacts from the stored log, and loadDocumentAfter includes the snapshot when the log it needs is gone', async () => {
    const isolation = await isolate(resources)
    const persistence = await open(isolation)
    const initial = docUpdate((doc) => doc.getMap('meta').set('title', 'T'))
    await persistence.createWorkshop({ id: 'w', title: 'T', language: 'nb', createdAt: 1 }, initial, testAccess('w'))
    const first = await persistence.appendUpdatesInOrder('w', [docUpdate((doc) => doc.getArray('list').push(['a']))])
    await persistence.appendUpdatesInOrder('w', [docUpdate((doc) => doc.getArray('list').push(['b']))])

    const compacted = await persistence.compactStored('w')
    expect(compacted?.uptoSeq).toBeGreaterThan(first.seq)
    expect(await persistence.compactStored('w')).toBeNull() // nothing left to compact
    const after = await persistence.appendUpdatesInOrder('w', [docUpdate((doc) => doc.getArray('list').push(['c']))])
    expect(after.previousSeq).toBe(compacted!.uptoSeq)

    const all = await persistence.loadDocument('w')
    expect(all.updates).toHaveLength(1)
    expect(all.lastSeq).toBe(after.seq)
    expect(load(all).getArray('list').length).toBe(3)
    // An instance that had applied up to `first.seq` needs the snapshot: the log after it was deleted.
    const sinceFirst = await persistence.loadDocumentAfter('w', first.seq)
    expect(sinceFirst.snapshot).not.toBeNull()
    const sinceCompaction = await persistence.loadDocumentAfter('w', compacted!.uptoSeq)
    expect(sinceCompaction.snapshot).toBeNull()
    expect(sinceCompaction.updates).toHaveLength(1)
    expect((await persistence.loadDocumentAfter('w', after.seq)).updates).toHaveLength(0)
  })

  it('encodes fan-out messages binary-safe', () => {
    const update = new Uint8Array([0, 255, 10, 13, 0])
    const message = { kind: 'update' as const, instanceId: 'i-1', previousSeq: 41, seq: 2 ** 40, update }
    expect(decodeFanoutMessage(encodeFanoutMessage(message))).toEqual(message)
    const close = { kind: 'close' as const, instanceId: 'i-2', code: 4404, reason: 'Verkstedet ble slettet – æøå' }
    expect(decodeFanoutMessage(encodeFanoutMessage(close))).toEqual(close)
    expect(() => decodeFanoutMessage(new Uint8Array([9, 9]))).toThrow(/version/)
  })
})

describe('seq gaps', () => {
  it('an instance that missed a committed update reads it from the database at the next seq it sees', async () => {
    const { isolation, id, a, b } = await twoInstancesOneWorkshop(resources)

    // Committed but never published: what a Redis message lost on the way looks like.
    const sideDoor = await open(isolation)
    const base = await sideDoor.loadDocument(id)
    const baseDoc = load(base)
    await sideDoor.appendUpdatesInOrder(id, [docUpdate((doc) => addNumberedNote(doc, 'lost', 0), Y.encodeStateAsUpdate(baseDoc))])
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(numberedNotes(b.doc, 'lost')).toEqual([])

    // The next update through the first instance carries previousSeq = the unseen seq: a gap.
    addNumberedNote(a.doc, 'list', 1)
    await waitFor(() => numberedNotes(b.doc, 'list').length === 1, 'b gets the published update')
    await waitFor(() => numberedNotes(b.doc, 'lost').length === 1, 'b catches up the missed one from PostgreSQL', 5_000)
    expect(numberedNotes(b.doc, 'lost')).toEqual([0])
  })
})
