import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreatedWorkshop } from '../../shared/access'
import { readBoardMap, readMetaMap } from '../../shared/doc/readRecords'
import { readItemMap } from '../../shared/doc/readItemMap'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { testWorkshop } from '../../shared/export/testWorkshop'
import { comparableExport, toWorkshopExport, WORKSHOP_IMPORT_MAX_BYTES, type WorkshopExport, type WorkshopSnapshot } from '../../shared/export/workshopJson'
import { currentSchema, type ItemRecord } from '../../shared/schema/schema'
import type { BoardRecord } from '../../shared/schema/records/board'
import { createWorkshop, rememberFacilitator, synced, TestResources, tokenOf, waitFor } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** What the client's store reads from a synced document: every record through its validator. */
function snapshotOf(doc: Y.Doc): WorkshopSnapshot {
  const { meta, boards, items } = getWorkshopMaps(doc)
  const metaResult = readMetaMap(meta)
  if (!metaResult.ok) throw new Error(metaResult.error)
  const boardList: BoardRecord[] = []
  boards.forEach((map, id) => {
    const result = readBoardMap(id, map)
    if (!result.ok) throw new Error(result.error)
    boardList.push(result.value)
  })
  const itemList: ItemRecord[] = []
  items.forEach((map, id) => {
    const result = readItemMap(id, map)
    if (!result.ok) throw new Error(result.error)
    itemList.push(result.value)
  })
  return { meta: metaResult.value, boards: boardList, items: itemList }
}

async function importWorkshop(baseUrl: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function openSynced(baseUrl: string, id: string): Promise<Y.Doc> {
  const { doc, provider } = resources.connect(baseUrl, id, { params: {} })
  await synced(provider)
  return doc
}

function exportOf(doc: Y.Doc, id: string): WorkshopExport {
  return JSON.parse(JSON.stringify(toWorkshopExport(snapshotOf(doc), id, new Date()))) as WorkshopExport
}

describe('POST /api/workshops/import', () => {
  it('restores an export as a new workshop that syncs with equal content; export → import → export is equal', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    // A live workshop with the fixture's records, written by a client as the app would.
    const sourceId = await createWorkshop(server.url, { title: 'Kilde', language: 'nb' })
    const source = await openSynced(server.url, sourceId)
    const fixture = testWorkshop()
    const { meta, boards, items } = getWorkshopMaps(source)
    source.transact(() => {
      meta.set('title', fixture.meta.title)
      boards.forEach((_map, id) => boards.delete(id))
      for (const board of fixture.boards) boards.set(board.id, createRecordMap(board))
      for (const item of fixture.items) items.set(item.id, createRecordMap(item))
    })
    const first = exportOf(source, sourceId)
    expect(first.items).toHaveLength(fixture.items.length)

    const before = Date.now()
    const response = await importWorkshop(server.url, first)
    expect(response.status).toBe(201)
    const created = (await response.json()) as CreatedWorkshop
    const { id, url } = created
    expect(id).not.toBe(sourceId)
    expect(url).toBe(`/w/${id}`)
    // An import is a new workshop like any other: its own code and links, the importer its facilitator.
    expect(created.code).toMatch(/^[2-9A-Z]{6}$/)
    expect(tokenOf(created.links.facilitator)).toBe(created.token)
    rememberFacilitator(created)
    expect((await (await fetch(`${server.url}/api/workshops/${id}`)).json())).toEqual({ id, title: fixture.meta.title })

    const imported = await openSynced(server.url, id)
    await waitFor(() => getWorkshopMaps(imported).items.size === fixture.items.length, 'imported items synced')
    const second = exportOf(imported, id)
    expect(second.meta.createdAt).toBeGreaterThanOrEqual(before)
    expect(second.meta.schema).toEqual(currentSchema)
    expect(comparableExport(second)).toEqual(comparableExport(first))

    // The restored workshop is a live one: a second client sees an edit.
    const other = await openSynced(server.url, id)
    getWorkshopMaps(imported).items.get('n1')!.set('text', 'endret')
    await waitFor(() => getWorkshopMaps(other).items.get('n1')?.get('text') === 'endret', 'edit reached the second client')
  })

  it.each([
    ['a bad record', (e: WorkshopExport) => ({ ...e, items: e.items.map((i) => (i.id === 'c3' ? { ...i, dueDate: 'tomorrow' } : i)) }), /^items\[\d+\] \(id c3\): card\.dueDate/],
    ['a missing board', (e: WorkshopExport) => ({ ...e, boards: e.boards.filter((b) => b.id !== 'cb') }), /\(id c1\): card\.boardId: no board with id cb/],
    ['a newer schema', (e: WorkshopExport) => ({ ...e, meta: { ...e.meta, schema: { ...e.meta.schema, card: 9 } } }), /meta\.schema\.card: version 9 is newer/],
    ['another format', () => ({ hello: 'world' }), /^format: expected "samskap-workshop"/],
  ])('refuses %s with 400 naming the record and field, and creates nothing', async (_name, change, message) => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const valid = JSON.parse(JSON.stringify(toWorkshopExport(testWorkshop(), 'x', new Date()))) as WorkshopExport
    const response = await importWorkshop(server.url, change(valid))
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: string }).error).toMatch(message)
  })

  it('a big import, stored as a series of updates, comes back whole and the same after a restart', async () => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir })
    const fixture = testWorkshop()
    const boardId = fixture.boards[0]!.id
    const notes: ItemRecord[] = Array.from({ length: 1_234 }, (_, i) => ({
      id: `big${i}`, kind: 'note', boardId, x: i, y: 0, w: 160, h: 160, color: 'yellow', text: `Innspill ${i}`, createdAt: i, sdgs: [], dimension: '',
    }))
    const exported = toWorkshopExport({ ...fixture, items: [...fixture.items, ...notes] }, 'kilde', new Date())
    const response = await importWorkshop(server.url, exported)
    expect(response.status).toBe(201)
    const created = (await response.json()) as CreatedWorkshop
    rememberFacilitator(created)
    const { id } = created
    const imported = await openSynced(server.url, id)
    expect(comparableExport(exportOf(imported, id))).toEqual(comparableExport(JSON.parse(JSON.stringify(exported)) as WorkshopExport))
    await server.close()
    const again = await resources.startServer({ dataDir })
    const reopened = await openSynced(again.url, id)
    expect(getWorkshopMaps(reopened).items.size).toBe(fixture.items.length + notes.length)
  })

  it('refuses bodies that are not JSON, too large, or not POST', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    expect((await importWorkshop(server.url, '{nope')).status).toBe(400)
    expect((await fetch(`${server.url}/api/workshops/import`)).status).toBe(405)
    // A declared length over the limit is refused before any of the body is read.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}/api/workshops/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(WORKSHOP_IMPORT_MAX_BYTES + 1) },
      })
      request.on('response', (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      })
      request.on('error', reject)
      request.flushHeaders()
    })
    expect(status).toBe(413)
  })
})
