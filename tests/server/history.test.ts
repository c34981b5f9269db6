import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { HistoryCounts } from '../../shared/logic/history'
import type { NoteRecord } from '../../shared/schema/records/note'
import { WorkshopHistory } from '../../server/history/WorkshopHistory'
import { SqlitePersistence } from '../../server/persistence/SqlitePersistence'
import { createWorkshop, facilitatorFetch, synced, TestResources, waitFor } from './helpers'
import { historyStorageBehaves } from './historyStorageContract'

const resources = new TestResources()
afterEach(() => resources.dispose())

interface ListedEntry {
  id: string
  createdAt: number
  kind: 'auto' | 'checkpoint'
  label: string
  counts: HistoryCounts
}

function note(id: string, boardId: string, text: string): NoteRecord {
  return { id, kind: 'note', boardId, x: 0, y: 0, w: 160, h: 120, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '' }
}

function firstBoardId(doc: Y.Doc): string {
  const id = [...getWorkshopMaps(doc).boards.keys()][0]
  if (!id) throw new Error('no board')
  return id
}

async function list(url: string, id: string): Promise<ListedEntry[]> {
  const response = await facilitatorFetch(`${url}/api/workshops/${id}/history`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { entries: ListedEntry[] }).entries
}

async function checkpoint(url: string, id: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await facilitatorFetch(`${url}/api/workshops/${id}/history`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

/** Two clients; an edit counts as stored once the other client has it (the server broadcasts after writing). */
async function twoClients(url: string, workshopId: string) {
  const a = resources.connect(url, workshopId)
  const b = resources.connect(url, workshopId)
  await Promise.all([synced(a.provider), synced(b.provider)])
  return { a, b }
}

describe('history API', () => {
  it('makes checkpoints, lists newest first, and serves each as the records of that moment', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const workshopId = await createWorkshop(server.url)
    const { a, b } = await twoClients(server.url, workshopId)
    const boardId = firstBoardId(a.doc)
    const items = getWorkshopMaps(a.doc).items
    items.set('n1', createRecordMap(note('n1', boardId, 'Idé 1')))
    items.set('n2', createRecordMap(note('n2', boardId, 'Idé 2')))
    await waitFor(() => getWorkshopMaps(b.doc).items.size === 2, 'B has both notes')

    const first = await checkpoint(server.url, workshopId, { label: '  før avstemning ' })
    expect(first.status).toBe(201)
    expect(first.json).toMatchObject({ kind: 'checkpoint', label: 'før avstemning', counts: { boards: 1, items: 2, byKind: { note: 2 } } })

    // The state changes after the checkpoint: one note deleted, one edited, one added.
    a.doc.transact(() => {
      items.delete('n1')
      items.get('n2')!.set('text', 'Endret')
      items.set('n3', createRecordMap(note('n3', boardId, 'Idé 3')))
    })
    await waitFor(() => getWorkshopMaps(b.doc).items.has('n3'), 'B has the later edit')
    const second = await checkpoint(server.url, workshopId, { label: 'etter' })
    expect(second.status).toBe(201)

    const entries = await list(server.url, workshopId)
    expect(entries.map((e) => e.label)).toEqual(['etter', 'før avstemning'])
    expect(entries[0]!.createdAt).toBeGreaterThanOrEqual(entries[1]!.createdAt)

    const response = await facilitatorFetch(`${server.url}/api/workshops/${workshopId}/history/${first.json.id as string}`)
    expect(response.status).toBe(200)
    const snapshot = (await response.json()) as { entry: ListedEntry; meta: { title: string }; boards: { id: string }[]; items: NoteRecord[] }
    expect(snapshot.entry.label).toBe('før avstemning')
    expect(snapshot.meta.title).toBe('Test workshop')
    expect(snapshot.boards.map((board) => board.id)).toEqual([boardId])
    expect(snapshot.items.sort((x, y) => x.id.localeCompare(y.id))).toEqual([note('n1', boardId, 'Idé 1'), note('n2', boardId, 'Idé 2')])
    // The live document moved on; the snapshot did not.
    expect(getWorkshopMaps(b.doc).items.get('n2')!.get('text')).toBe('Endret')
  })

  it('answers 404 and 400 as JSON with a clear message', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const workshopId = await createWorkshop(server.url)
    const cases: [string, RequestInit, number, RegExp][] = [
      [`/api/workshops/doesNotExist123/history`, {}, 404, /Workshop not found/],
      [`/api/workshops/doesNotExist123/history/abc`, {}, 404, /Workshop not found/],
      [`/api/workshops/${workshopId}/history/abc`, {}, 404, /History entry not found/],
      [`/api/workshops/${workshopId}/history/${'%E0%A4%A'}`, {}, 404, /not found/],
      [`/api/workshops/${workshopId}/history`, { method: 'DELETE' }, 405, /POST/],
    ]
    for (const [path, init, status, message] of cases) {
      const response = await facilitatorFetch(`${server.url}${path}`, init)
      expect(response.status, path).toBe(status)
      expect(((await response.json()) as { error: string }).error).toMatch(message)
    }
    for (const [body, message] of [
      [{ label: '' }, /empty/],
      [{ label: '   ' }, /empty/],
      [{ label: 'x'.repeat(81) }, /80/],
      [{}, /string/],
      [{ label: 3 }, /string/],
      ['not json', /JSON/],
      [[1, 2], /object/],
    ] as const) {
      const result = await checkpoint(server.url, workshopId, body)
      expect(result.status, JSON.stringify(body)).toBe(400)
      expect(result.json.error).toMatch(message)
    }
    expect(await list(server.url, workshopId)).toEqual([])
  })
})

describe('automatic snapshots', () => {
  it('takes one while people edit, at most one per interval', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), historyAutoEveryMs: 300 })
    const workshopId = await createWorkshop(server.url)
    const { a, b } = await twoClients(server.url, workshopId)
    const boardId = firstBoardId(a.doc)
    const items = getWorkshopMaps(a.doc).items
    for (let i = 0; i < 5; i++) items.set(`n${i}`, createRecordMap(note(`n${i}`, boardId, `${i}`)))
    await waitFor(() => getWorkshopMaps(b.doc).items.size === 5, 'B has the notes')
    let entries: ListedEntry[] = []
    await expect
      .poll(async () => (entries = await list(server.url, workshopId)).length, { timeout: 5_000 })
      .toBe(1)
    expect(entries[0]).toMatchObject({ kind: 'auto', label: '', counts: { items: 5, byKind: { note: 5 } } })
    // No edits since: no further snapshot, however long we wait a little.
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(await list(server.url, workshopId)).toHaveLength(1)
    items.delete('n0')
    await expect.poll(async () => (entries = await list(server.url, workshopId)).length, { timeout: 5_000 }).toBe(2)
    expect(entries[0]!.counts.items).toBe(4)
  })

  it('takes one when the room unloads after edits, and none after a visit without edits', async () => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir, historyAutoEveryMs: 60_000, unloadDelayMs: 50 })
    const workshopId = await createWorkshop(server.url)
    const reader = resources.connect(server.url, workshopId)
    await synced(reader.provider)
    reader.provider.destroy()
    await waitFor(() => server.rooms.loadedWorkshopIds().length === 0, 'room unloaded')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await list(server.url, workshopId)).toEqual([])

    const { a, b } = await twoClients(server.url, workshopId)
    getWorkshopMaps(a.doc).items.set('n1', createRecordMap(note('n1', firstBoardId(a.doc), 'Før lunsj')))
    await waitFor(() => getWorkshopMaps(b.doc).items.size === 1, 'B has the note')
    expect(await list(server.url, workshopId)).toEqual([])
    a.provider.destroy()
    b.provider.destroy()
    await expect.poll(async () => (await list(server.url, workshopId)).map((e) => [e.kind, e.counts.items]), { timeout: 5_000 }).toEqual([
      ['auto', 1],
    ])
  })
})

describe('history storage (SQLite)', () => {
  async function open() {
    const dataDir = await resources.tempDir()
    const persistence = new SqlitePersistence(dataDir)
    resources.defer(() => persistence.close())
    return persistence
  }

  it('stores, lists newest first, reads back state and counts, deletes and overwrites', async () => {
    await historyStorageBehaves(await open())
  })

  it('thins old automatic snapshots and keeps every checkpoint', async () => {
    const persistence = await open()
    const HOUR = 3_600_000
    const now = Date.UTC(2026, 10, 22, 12)
    const history = new WorkshopHistory({ persistence, log: pino({ level: 'silent' }), findRoom: () => undefined, now: () => now })
    const state = new Uint8Array([0])
    const add = (id: string, createdAt: number, kind: 'auto' | 'checkpoint') =>
      persistence.addHistory({ id, workshopId: 'w', createdAt, kind, label: kind === 'checkpoint' ? id : '', counts: {} }, state)
    await add('recent1', now - HOUR, 'auto')
    await add('recent2', now - HOUR - 60_000, 'auto')
    await add('old-hour-a', now - 48 * HOUR + 60_000, 'auto')
    await add('old-hour-b', now - 48 * HOUR + 120_000, 'auto')
    await add('checkpoint', now - 48 * HOUR + 90_000, 'checkpoint')
    await add('ancient-a', Date.UTC(2026, 9, 1, 8), 'auto')
    await add('ancient-b', Date.UTC(2026, 9, 1, 9), 'auto')
    expect(await history.thin('w')).toBe(2)
    expect((await persistence.listHistory('w')).map((e) => e.id).sort()).toEqual(
      ['ancient-b', 'checkpoint', 'old-hour-b', 'recent1', 'recent2'].sort(),
    )
  })
})
