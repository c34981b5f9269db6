import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol'
import { SqlitePersistence } from '../../server/persistence/SqlitePersistence'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { spawnServerProcess, type ChildServer } from './childServer'
import { createWorkshop, synced, TestResources, waitFor, withTimeout } from './helpers'
import { wrapPersistence } from './persistenceWrapper'
import { addNumberedNote, numberedNotes, upTo } from './testNotes'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('durability', () => {
  it('keeps every edit across close() and a restart on the same data directory', async () => {
    const dataDir = await resources.tempDir()
    const first = await resources.startServer({ dataDir, compactEvery: 10 })
    const id = await createWorkshop(first.url, { title: 'Before restart' })
    const writer = resources.connect(first.url, id)
    const watcher = resources.connect(first.url, id)
    await Promise.all([synced(writer.provider), synced(watcher.provider)])
    for (let i = 0; i < 50; i++) addNumberedNote(writer.doc, 'n', i)
    // The watcher sees an edit only once it is on disk.
    await waitFor(() => numberedNotes(watcher.doc, 'n').length === 50, 'watcher sees all 50 edits')
    writer.provider.destroy()
    watcher.provider.destroy()
    await first.close()

    // compactEvery=10 and the unload on close left a snapshot and at most a short log.
    const stored = new SqlitePersistence(dataDir)
    const document = await stored.loadDocument(id)
    await stored.close()
    expect(document.snapshot).not.toBeNull()
    expect(document.updates.length).toBeLessThan(10)

    const second = await resources.startServer({ dataDir })
    const reader = resources.connect(second.url, id)
    await synced(reader.provider)
    expect(numberedNotes(reader.doc, 'n')).toEqual(upTo(50))
    expect(reader.doc.getMap('meta').get('title')).toBe('Before restart')
  })

  it('tells no client about an update before the storage has committed it', async () => {
    const dataDir = await resources.tempDir()
    const inner = new SqlitePersistence(dataDir)
    // What is on disk, as a document; writes take 40 ms so the window is wide open.
    const committed = new Y.Doc()
    resources.defer(() => committed.destroy())
    const persistence = wrapPersistence(inner, {
      appendUpdates: async (id, updates) => {
        await new Promise((resolve) => setTimeout(resolve, 40))
        const seq = await inner.appendUpdates(id, updates)
        for (const update of updates) Y.applyUpdate(committed, update)
        return seq
      },
    })
    const server = await resources.startServer({ dataDir, persistence })
    const id = await createWorkshop(server.url)
    const a = resources.connect(server.url, id)
    const b = resources.connect(server.url, id)
    await Promise.all([synced(a.provider), synced(b.provider)])

    const violations: string[] = []
    getWorkshopMaps(b.doc).items.observe(() => {
      for (const value of numberedNotes(b.doc, 'n')) {
        if (!numberedNotes(committed, 'n').includes(value)) violations.push(`B saw ${value} early`)
      }
    })
    for (let i = 0; i < 5; i++) addNumberedNote(a.doc, 'n', i)
    // A newcomer whose sync step 1 arrives while the write is in flight.
    const c = resources.connect(server.url, id)
    await synced(c.provider)
    const atFirstSync = numberedNotes(c.doc, 'n')
    expect(atFirstSync).toEqual([0, 1, 2, 3, 4])
    expect(numberedNotes(committed, 'n')).toHaveLength(5)
    await waitFor(() => numberedNotes(b.doc, 'n').length === 5, 'B sees all five')
    expect(violations).toEqual([])
  })

  it('loses nothing a client has seen when the process is killed with SIGKILL', async () => {
    const dataDir = await resources.tempDir()
    const started = performance.now()
    const first = await spawnServer(dataDir)
    const id = await createWorkshop(first.url)
    const a = resources.connect(first.url, id)
    const b = resources.connect(first.url, id)
    await Promise.all([synced(a.provider), synced(b.provider)])

    const writeStart = performance.now()
    for (let i = 0; i < 300; i++) a.doc.transact(() => addNumberedNote(a.doc, 'n', i))
    await waitFor(() => numberedNotes(b.doc, 'n').length === 300, 'B sees all 300 updates', 20_000)
    const seenAfter = performance.now() - writeStart
    first.child.kill('SIGKILL')
    await first.exited
    a.provider.destroy()
    b.provider.destroy()

    const second = await spawnServer(dataDir)
    const fresh = resources.connect(second.url, id)
    await synced(fresh.provider)
    expect(numberedNotes(fresh.doc, 'n')).toEqual(upTo(300))
    console.info(
      `SIGKILL test: 300 updates seen by B after ${seenAfter.toFixed(0)} ms; whole test ${(performance.now() - started).toFixed(0)} ms`,
    )
  })
})

describe('server/main.ts', () => {
  it('closes sockets with ServerShuttingDown on SIGTERM, saves and exits 0', async () => {
    const dataDir = await resources.tempDir()
    const first = await spawnServer(dataDir)
    const id = await createWorkshop(first.url)
    const a = resources.connect(first.url, id)
    const b = resources.connect(first.url, id)
    await Promise.all([synced(a.provider), synced(b.provider)])
    getWorkshopMaps(a.doc).meta.set('title', 'Lagret')
    await waitFor(() => getWorkshopMaps(b.doc).meta.get('title') === 'Lagret', 'B sees the edit')
    const closeCode = new Promise<number>((resolve) =>
      a.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    )
    first.child.kill('SIGTERM')
    expect(await withTimeout(closeCode, 10_000, 'socket closed')).toBe(CloseCode.ServerShuttingDown)
    expect(await withTimeout(first.exited, 10_000, 'process exited')).toBe(0)
    a.provider.destroy()
    b.provider.destroy()

    const second = await spawnServer(dataDir)
    const fresh = resources.connect(second.url, id)
    await synced(fresh.provider)
    expect(getWorkshopMaps(fresh.doc).meta.get('title')).toBe('Lagret')
  })
})

/**
 * Runs server/main.ts in its own process. `node --import tsx` rather than the tsx binary: the
 * binary is a wrapper that forwards signals to a second node process, and SIGKILL cannot be
 * forwarded, so killing the wrapper would leave the real server running.
 */
function spawnServer(dataDir: string): Promise<ChildServer> {
  return spawnServerProcess(resources, ['--import', 'tsx', 'server/main.ts'], dataDir)
}

