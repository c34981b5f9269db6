import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { CloseCode } from '../../shared/protocol'
import { currentSchema, encodeSchemaVersions } from '../../shared/schema/schema'
import type { Persistence } from '../../server/persistence/Persistence'
import { SqlitePersistence } from '../../server/persistence/SqlitePersistence'
import { createWorkshop, synced, TestResources, waitFor, withTimeout, testAccess, type Client } from './helpers'
import { wrapPersistence } from './persistenceWrapper'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** Resolves with what the client's document holds at the moment of its first 'sync' event. */
function contentAtFirstSync(client: Client): Promise<{ notes: number; title: unknown; boards: Record<string, unknown> }> {
  return withTimeout(
    new Promise((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return
        client.provider.off('sync', onSync)
        const { meta, boards, items } = getWorkshopMaps(client.doc)
        resolve({ notes: items.size, title: meta.get('title'), boards: boards.toJSON() })
      }
      client.provider.on('sync', onSync)
    }),
    10_000,
    'first sync',
  )
}

/** Valid notes (the server refuses records that are not), each in its own transaction. */
function addNotes(doc: Y.Doc, count: number, prefix: string): void {
  const { items } = getWorkshopMaps(doc)
  for (let i = 0; i < count; i++) {
    const id = `${prefix}${i}`
    items.set(id, createRecordMap({ id, kind: 'note', boardId: 'b1', x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: `note ${i}`, createdAt: 1, sdgs: [], dimension: '' }))
  }
}

/** Delays every load, so that a client's messages certainly arrive while its room is loading. */
function withSlowLoad(inner: Persistence, delayMs: number): Persistence {
  return wrapPersistence(inner, {
    loadDocument: async (id) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      return inner.loadDocument(id)
    },
  })
}

describe('room lifecycle', () => {
  it('unloads a room after its last client leaves and reloads it when a client returns', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), unloadDelayMs: 30 })
    const id = await createWorkshop(server.url)
    const a = resources.connect(server.url, id)
    const b = resources.connect(server.url, id)
    await Promise.all([synced(a.provider), synced(b.provider)])
    expect(server.rooms.loadedWorkshopIds()).toEqual([id])
    addNotes(a.doc, 5, 'a')
    await waitFor(() => getWorkshopMaps(b.doc).items.size === 5, 'B sees the notes')

    a.provider.destroy()
    // One client still there: the room stays, however long we wait for a'close' to land.
    await waitFor(() => server.rooms.connectionCount() === 1, 'A gone')
    expect(server.rooms.loadedWorkshopIds()).toEqual([id])
    b.provider.destroy()
    await waitFor(() => server.rooms.loadedWorkshopIds().length === 0, 'room unloaded')
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { rooms: number; connections: number }
    expect(health).toEqual({ ok: true, rooms: 0, connections: 0 })

    const c = resources.connect(server.url, id)
    const first = contentAtFirstSync(c)
    expect((await first).notes).toBe(5)
    expect(server.rooms.loadedWorkshopIds()).toEqual([id])
  })

  it('keeps the room when someone joins within the unload delay', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), unloadDelayMs: 300 })
    const id = await createWorkshop(server.url)
    const a = resources.connect(server.url, id)
    await synced(a.provider)
    a.provider.destroy()
    await waitFor(() => server.rooms.connectionCount() === 0, 'A gone')
    const b = resources.connect(server.url, id)
    await synced(b.provider)
    // Past the original unload time, B's presence kept the room loaded.
    const unloadWouldHaveHappened = Date.now() + 400
    await waitFor(() => Date.now() > unloadWouldHaveHappened, 'unload delay passed', 2_000)
    expect(server.rooms.loadedWorkshopIds()).toEqual([id])
    expect(b.provider.wsconnected).toBe(true)
  })

  it('answers the first sync only after the room is loaded: offline edits and stored content both arrive', async () => {
    const dataDir = await resources.tempDir()
    const persistence = withSlowLoad(new SqlitePersistence(dataDir), 150)
    const server = await resources.startServer({ dataDir, persistence, unloadDelayMs: 10 })
    const id = await createWorkshop(server.url, { title: 'Race' })
    const a = resources.connect(server.url, id)
    await synced(a.provider)
    addNotes(a.doc, 40, 'a')
    const watcher = resources.connect(server.url, id)
    await waitFor(() => getWorkshopMaps(watcher.doc).items.size === 40, 'watcher sees 40 notes')
    a.provider.destroy()
    watcher.provider.destroy()
    await waitFor(() => server.rooms.loadedWorkshopIds().length === 0, 'room unloaded')

    // Edits made offline are sent while the room is still loading and must be queued, not lost.
    const late = resources.connect(server.url, id, { connect: false })
    addNotes(late.doc, 3, 'offline')
    const first = contentAtFirstSync(late)
    // And edits made once the socket is open are sent as updates straight away, during the load.
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return
      late.provider.off('status', onStatus)
      addNotes(late.doc, 2, 'during-load')
    }
    late.provider.on('status', onStatus)
    late.provider.connect()
    const atFirstSync = await first
    expect(atFirstSync.title).toBe('Race')
    expect(atFirstSync.notes).toBe(45)
    expect(Object.keys(atFirstSync.boards)).toHaveLength(1)

    const check = resources.connect(server.url, id)
    await waitFor(() => getWorkshopMaps(check.doc).items.size === 45, 'the offline and during-load notes reached the server')
  })
})

describe('schema versions', () => {
  it('closes a client with an older schema with ClientTooOld and a readable reason', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const id = await createWorkshop(server.url)
    const old = resources.connect(server.url, id, { params: { schema: 'board:1,note:1,workshopMeta:1' } })
    const closed = await withTimeout(
      new Promise<{ code: number; reason: string }>((resolve) => old.provider.on('closed', (event) => resolve(event))),
      10_000,
      'closed event',
    )
    expect(closed.code).toBe(CloseCode.ClientTooOld)
    expect(closed.reason).toMatch(/older than the workshop.*reload/)
    expect(getWorkshopMaps(old.doc).boards.size).toBe(0)
  })

  it('closes a page of the previous card version (card:3, which took 2026-02-30) as too old, before it can sync', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const id = await createWorkshop(server.url)
    const old = resources.connect(server.url, id, { params: { schema: encodeSchemaVersions({ ...currentSchema, card: 3 }) } })
    const closed = await withTimeout(
      new Promise<{ code: number; reason: string }>((resolve) => old.provider.on('closed', (event) => resolve(event))),
      10_000,
      'closed event',
    )
    expect(currentSchema.card).toBe(4)
    expect(closed).toMatchObject({ code: CloseCode.ClientTooOld, reason: expect.stringMatching(/older than the workshop.*reload/) })
    expect(getWorkshopMaps(old.doc).boards.size).toBe(0)
  })

  it('closes a client with a newer schema with ClientTooNew, and accepts the current schema', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const id = await createWorkshop(server.url)
    const newer = resources.connect(server.url, id, { params: { schema: encodeSchemaVersions({ ...currentSchema, board: 99 }) } })
    const closed = await withTimeout(
      new Promise<{ code: number }>((resolve) => newer.provider.on('closed', (event) => resolve(event))),
      10_000,
      'closed event',
    )
    expect(closed.code).toBe(CloseCode.ClientTooNew)
    const current = resources.connect(server.url, id, { params: { schema: encodeSchemaVersions(currentSchema) } })
    await synced(current.provider)
    expect(getWorkshopMaps(current.doc).boards.size).toBe(1)
  })

  it('migrates a document stored at board version 1 before the first client syncs, and stores the migration', async () => {
    const dataDir = await resources.tempDir()
    const id = 'old-workshop-000000001'
    const old = new Y.Doc()
    old.transact(() => {
      const { meta, boards } = getWorkshopMaps(old)
      meta.set('schema', { board: 1, note: 1, workshopMeta: 1 })
      meta.set('title', 'From last year')
      meta.set('language', 'nb')
      meta.set('createdAt', 1)
      const board = new Y.Map<unknown>()
      board.set('id', 'b1')
      board.set('title', 'Old board')
      board.set('order', 'a0')
      boards.set('b1', board)
    })
    const direct = new SqlitePersistence(dataDir)
    await direct.createWorkshop({ id, title: 'From last year', language: 'nb', createdAt: 1 }, Y.encodeStateAsUpdate(old), testAccess(id))
    await direct.close()

    const server = await resources.startServer({ dataDir })
    const client = resources.connect(server.url, id)
    const first = await contentAtFirstSync(client)
    expect(first.boards).toEqual({ b1: { id: 'b1', title: 'Old board', order: 'a0', template: 'canvas', showHelp: true, linkedBoardId: '' } })
    expect(getWorkshopMaps(client.doc).meta.get('schema')).toEqual(currentSchema)
    client.provider.destroy()
    await server.close()

    // The migration is on disk, not only in memory.
    const reread = new SqlitePersistence(dataDir)
    const stored = await reread.loadDocument(id)
    await reread.close()
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    expect(getWorkshopMaps(doc).boards.get('b1')?.get('template')).toBe('canvas')
  })

  it('refuses to open a document newer than the server: ServerError, nothing rewritten', async () => {
    const dataDir = await resources.tempDir()
    const id = 'new-workshop-000000001'
    const future = new Y.Doc()
    getWorkshopMaps(future).meta.set('schema', { ...currentSchema, board: 99 })
    const direct = new SqlitePersistence(dataDir)
    await direct.createWorkshop({ id, title: 'Future', language: 'nb', createdAt: 1 }, Y.encodeStateAsUpdate(future), testAccess(id))
    const server = await resources.startServer({ dataDir, persistence: direct })
    const client = resources.connect(server.url, id)
    const code = await withTimeout(
      new Promise<number>((resolve) => client.provider.on('connection-close', (event) => resolve(event?.code ?? 0))),
      10_000,
      'connection closed',
    )
    expect(code).toBe(CloseCode.ServerError)
    expect(server.rooms.loadedWorkshopIds()).toEqual([])
    expect((await direct.loadDocument(id)).updates).toEqual([])
  })
})
