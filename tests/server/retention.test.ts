import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import type { WorkshopStaffInfo } from '../../shared/staff'
import type { SamskapServer } from '../../server/createSamskapServer'
import { testPng } from '../testPng'
import { createWorkshopWithAccess, TestResources } from './helpers'
import { placePhotos, sha256, uploadPhoto } from './photoHelpers'
import { workshopTables } from './workshopTables'

const resources = new TestResources()
afterEach(() => resources.dispose())

const DAY = 24 * 60 * 60 * 1000


/** Rows of a workshop (its companion documents `<id>/…` included) in each table, read from the file itself. */
function rowsOf(dataDir: string, workshopId: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'samskap.sqlite'), { readonly: true })
  try {
    return Object.fromEntries(
      workshopTables.map(([table, column]) => [
        table,
        (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ? OR ${column} LIKE ?`).get(workshopId, `${workshopId}/%`) as { n: number }).n,
      ]),
    )
  } finally {
    db.close()
  }
}

async function photo(server: SamskapServer, workshop: CreatedWorkshop, seed: number): Promise<string> {
  const bytes = testPng(4, 4, () => [seed, 10, 10])
  expect((await uploadPhoto(server, workshop, bytes)).status).toBe(201)
  return sha256(bytes)
}

function keep(server: SamskapServer, workshop: CreatedWorkshop): Promise<Response> {
  return fetch(`${server.url}/api/workshops/${workshop.id}/staff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${workshop.token}`, origin: server.url },
    body: JSON.stringify({ action: 'keep' }),
  })
}

describe('retention (RETENTION_DAYS)', () => {
  it('deletes a workshop in full a set number of days after its last activity, and keeps one its facilitator kept', async () => {
    const start = Date.now()
    let now = start
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir, retentionDays: 30, clock: () => now, unloadDelayMs: 50 })
    const [old, kept, sharing] = [
      await createWorkshopWithAccess(server.url, { title: 'Folkemøte 2025' }),
      await createWorkshopWithAccess(server.url, { title: 'Følgegruppe' }),
      await createWorkshopWithAccess(server.url, { title: 'Studietur' }),
    ]
    // Only `old` uses one photo; `old` and `sharing` both use the other.
    const own = await photo(server, old, 200)
    const shared = await photo(server, old, 100)
    await placePhotos(resources, server, old, [own, shared])
    await placePhotos(resources, server, sharing, [shared])
    const checkpoint = await fetch(`${server.url}/api/workshops/${old.id}/history`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${old.token}` },
      body: JSON.stringify({ label: 'Før pause' }),
    })
    expect(checkpoint.status).toBe(201)
    expect((await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: old.code }) })).status).toBe(200)
    const before = rowsOf(dataDir, old.id)
    // Nobody signed in, so no owner row; the update log may have been compacted into the snapshot on unload.
    for (const [table] of workshopTables) if (table !== 'workshop_staff' && table !== 'updates' && table !== 'removed_participants') expect(before[table], table).toBeGreaterThan(0)

    // Twenty days on, the facilitators of `kept` and `sharing` keep them: 30 days from then.
    now = start + 20 * DAY
    for (const workshop of [kept, sharing]) {
      const response = await keep(server, workshop)
      expect(response.status).toBe(200)
      const info = (await response.json()) as WorkshopStaffInfo
      expect(info.retention).toEqual({ deletesAt: now + 30 * DAY, days: 30, canKeep: true })
    }
    expect(await server.retention.sweep()).toEqual([])

    // Thirty-one days after its last edit, `old` goes: every row, its own photo; the shared one stays.
    now = start + 31 * DAY
    expect(await server.retention.sweep()).toEqual([old.id])
    expect(rowsOf(dataDir, old.id)).toEqual(Object.fromEntries(workshopTables.map(([table]) => [table, 0])))
    expect(fs.existsSync(path.join(dataDir, 'images', own.slice(0, 2), own))).toBe(false)
    expect(fs.existsSync(path.join(dataDir, 'images', shared.slice(0, 2), shared))).toBe(true)
    expect(rowsOf(dataDir, kept.id).workshops).toBe(1)
    expect((await fetch(`${server.url}/api/workshops/${old.id}`)).status).toBe(404)

    // Thirty days after they were kept, the others go too, and with `sharing` the last user of the shared photo.
    now = start + 51 * DAY
    expect((await server.retention.sweep()).sort()).toEqual([kept.id, sharing.id].sort())
    expect(fs.existsSync(path.join(dataDir, 'images', shared.slice(0, 2), shared))).toBe(false)
    for (const workshop of [kept, sharing]) expect(rowsOf(dataDir, workshop.id).workshops).toBe(0)
  })

  it('counts workshops made before retention existed from its first sweep, and keeps everything with RETENTION_DAYS=0', async () => {
    let now = Date.now()
    const dataDir = await resources.tempDir()
    const first = await resources.startServer({ dataDir, retentionDays: 0, clock: () => now })
    const workshop = await createWorkshopWithAccess(first.url, { title: 'Eldre workshop' })
    now += 400 * DAY
    expect(await first.retention.sweep()).toEqual([])
    expect(((await (await keep(first, workshop)).json()) as { error: string }).error).toMatch(/keeps workshops/)
    await first.close()

    // As if the workshop came from a version without activity rows.
    const db = new Database(path.join(dataDir, 'samskap.sqlite'))
    db.prepare('DELETE FROM workshop_activity WHERE workshop_id = ?').run(workshop.id)
    db.close()
    const second = await resources.startServer({ dataDir, retentionDays: 30, clock: () => now })
    expect(await second.retention.sweep()).toEqual([])
    expect(rowsOf(dataDir, workshop.id).workshop_activity).toBe(1)
    now += 31 * DAY
    expect(await second.retention.sweep()).toEqual([workshop.id])
  })

  it('refuses keeping a workshop to anyone without its facilitator link', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), retentionDays: 30 })
    const workshop = await createWorkshopWithAccess(server.url)
    const noToken = await fetch(`${server.url}/api/workshops/${workshop.id}/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ action: 'keep' }),
    })
    expect(noToken.status).toBe(401)
    const wrong = await fetch(`${server.url}/api/workshops/${workshop.id}/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${workshop.token}`, origin: server.url },
      body: JSON.stringify({ action: 'keep', until: 'forever' }),
    })
    expect(wrong.status).toBe(400)
  })
})
