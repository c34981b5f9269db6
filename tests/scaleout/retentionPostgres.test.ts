import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap } from '../../shared/doc/workshopDoc'
import { testPng } from '../testPng'
import { createWorkshopWithAccess, TestResources } from '../server/helpers'
import { placePhotos, sha256, uploadPhoto, writeAndUnload } from '../server/photoHelpers'
import { workshopTables as sqliteWorkshopTables } from '../server/workshopTables'
import { isolate, queryTestSchema, startInstance, type Isolation } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

const DAY = 24 * 60 * 60 * 1000

/** In PostgreSQL the audit log and the search index are beside the rest. */
const workshopTables = [...sqliteWorkshopTables, ['audit_log', 'workshop_id'], ['search_entries', 'workshop_id']] as const

/** Rows of a workshop (its companion documents `<id>/…` included) per table, counted in the database itself. */
async function rowsOf(isolation: Isolation, workshopId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const [table, column] of workshopTables) {
    const [row] = await queryTestSchema<{ n: string }>(isolation, `SELECT count(*) AS n FROM ${table} WHERE ${column} = $1 OR ${column} LIKE $2`, [workshopId, `${workshopId}/%`])
    counts[table] = Number(row?.n)
  }
  return counts
}

async function photoHashes(isolation: Isolation): Promise<string[]> {
  return (await queryTestSchema<{ hash: string }>(isolation, 'SELECT hash FROM photos ORDER BY hash')).map((row) => row.hash)
}

describe('retention on PostgreSQL', () => {
  it('deletes a workshop in full: every row of it in every table, and the photos only it used', async () => {
    const isolation = await isolate(resources)
    const start = Date.now()
    let now = start
    const server = await startInstance(resources, isolation, { retentionDays: 30, clock: () => now, searchIndexDelayMs: 10 })
    const old = await createWorkshopWithAccess(server.url, { title: 'Folkemøte 2025' })
    const sharing = await createWorkshopWithAccess(server.url, { title: 'Studietur' })
    // Only `old` uses one photo; both use the other.
    const own = testPng(4, 4, () => [201, 10, 10])
    const shared = testPng(4, 4, () => [101, 10, 10])
    for (const bytes of [own, shared]) expect((await uploadPhoto(server, old, bytes)).status).toBe(201)
    await placePhotos(resources, server, old, [sha256(own), sha256(shared)])
    await placePhotos(resources, server, sharing, [sha256(shared)])
    await writeAndUnload(resources, server, old, (items, boardId) => {
      items.set('note1', createRecordMap({ id: 'note1', kind: 'note', boardId, x: 0, y: 0, w: 160, h: 160, color: 'yellow', text: 'Gangveg langs elva', createdAt: 1, sdgs: [], dimension: '' }))
    })
    const checkpoint = await fetch(`${server.url}/api/workshops/${old.id}/history`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${old.token}` },
      body: JSON.stringify({ label: 'Før pause' }),
    })
    expect(checkpoint.status).toBe(201)
    const joined = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: old.code }) })
    expect(joined.status).toBe(200)
    // The search index writes a moment after the edit.
    const deadline = Date.now() + 15_000
    while ((await rowsOf(isolation, old.id)).search_entries! < 2) {
      if (Date.now() > deadline) throw new Error('timed out: the note reaches the search index')
      await new Promise((resolve) => setTimeout(resolve, 25))
    }

    const before = await rowsOf(isolation, old.id)
    // Nobody signed in (no owner row) and nobody removed; the update log may have been compacted into the snapshot.
    const alwaysThere = workshopTables.map(([table]) => table).filter((table) => !['workshop_staff', 'removed_participants', 'updates'].includes(table))
    for (const table of alwaysThere) expect(before[table], table).toBeGreaterThan(0)
    expect(await photoHashes(isolation)).toEqual([sha256(own), sha256(shared)].sort())

    // `sharing` is kept twenty days on; thirty-one days after its last edit `old` goes.
    now = start + 20 * DAY
    const kept = await fetch(`${server.url}/api/workshops/${sharing.id}/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sharing.token}`, origin: server.url },
      body: JSON.stringify({ action: 'keep' }),
    })
    expect(kept.status).toBe(200)
    now = start + 31 * DAY
    expect(await server.retention.sweep()).toEqual([old.id])

    // Every row is gone but the one audit line saying retention deleted it (no title, no detail).
    const after = await rowsOf(isolation, old.id)
    expect(after).toEqual({ ...Object.fromEntries(workshopTables.map(([table]) => [table, 0])), audit_log: 1 })
    expect(await queryTestSchema(isolation, 'SELECT action, actor_kind, detail FROM audit_log WHERE workshop_id = $1', [old.id])).toEqual([
      { action: 'deleted', actor_kind: 'retention', detail: '' },
    ])
    expect(await photoHashes(isolation)).toEqual([sha256(shared)])
    expect((await rowsOf(isolation, sharing.id)).workshops).toBe(1)
    expect((await fetch(`${server.url}/api/workshops/${old.id}`)).status).toBe(404)
  })
})
