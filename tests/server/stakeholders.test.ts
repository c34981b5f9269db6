import Database from 'better-sqlite3'
import type { IncomingMessage } from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createRecordMap, getWorkshopMaps } from '../../shared/doc/workshopDoc'
import type { StakeholderRegisterWorkshop } from '../../shared/followup/stakeholderRegister'
import { board } from '../../shared/followup/testWorkshops'
import type { VisibleWorkshops } from '../../server/access/WorkshopsVisibleTo'
import { connectControl, createWorkshop, facilitatorToken, synced, TestResources, waitFor } from './helpers'

/** The stakeholder register through a real server: only the workshops the person may see, never the one asking. */
const resources = new TestResources()
afterEach(() => resources.dispose())

const people = new Map<string, VisibleWorkshops>()
async function visibleTo(request: IncomingMessage): Promise<VisibleWorkshops | null> {
  const key = request.headers['x-test-person']
  return typeof key === 'string' ? (people.get(key) ?? null) : null
}

type RegisterBody = { workshops?: StakeholderRegisterWorkshop[]; next?: string | null; code?: string }
async function register(baseUrl: string, person: string | null, query = ''): Promise<{ status: number; body: RegisterBody }> {
  const response = await fetch(`${baseUrl}/api/stakeholders${query}`, { headers: person ? { 'x-test-person': person } : {} })
  return { status: response.status, body: (await response.json()) as RegisterBody }
}

const stakeholder = (id: string, groupId: string, name: string, fields: Record<string, unknown> = {}) => ({
  id, kind: 'stakeholder', boardId: 'map', groupId, name, influence: 3, interest: 4, contactPerson: '', message: '', channel: '', frequency: '',
  x: 0, y: 0, levelNow: 0, levelWanted: 0, origin: null, createdAt: 1, sdgs: [], dimension: '', ...fields,
})

async function setup() {
  const dataDir = await resources.tempDir()
  const server = await resources.startServer({ dataDir, workshopsVisibleTo: visibleTo, unloadDelayMs: 50 })
  const karis = await createWorkshop(server.url, { title: 'Karis kart' })
  const olas = await createWorkshop(server.url, { title: 'Olas private kart' })
  const here = await createWorkshop(server.url, { title: 'Nytt møte' })
  const empty = await createWorkshop(server.url, { title: 'Uten interessenter' })
  people.set('kari', { staffId: 'kari', name: 'Kari', workshopIds: [karis, here, empty], ownWorkshopIds: [karis, here, empty] })
  people.set('admin', { staffId: 'admin', name: 'Admin', workshopIds: [karis, olas, here, empty], ownWorkshopIds: [] })
  const write = async (workshopId: string, records: Record<string, unknown>[]) => {
    const client = connectControl(resources, server.url, workshopId, facilitatorToken(workshopId))
    await synced(client.provider)
    const { boards, items } = getWorkshopMaps(client.doc)
    client.doc.transact(() => {
      boards.set('map', createRecordMap(board('map', 'stakeholderMap', 'a0', 'Interessenter')))
      boards.set('cb', createRecordMap(board('cb', 'challengeBoard', 'a1', 'Tiltak')))
      for (const record of records) items.set(record.id as string, createRecordMap(record as Parameters<typeof createRecordMap>[0]))
    })
    return client
  }
  await write(karis, [
    { id: 'g1', kind: 'stakeholderGroup', boardId: 'map', name: 'Naboer', preset: '', order: 'a0', createdAt: 1 },
    stakeholder('s1', 'g1', 'Velforeningen', { contactPerson: 'Per', message: 'Status', channel: 'Møte', frequency: 'Månedlig' }),
    stakeholder('s2', '', 'Avisa'),
  ])
  // Ola took Kari's association over before: that copy is read from storage once his room unloads.
  const olaClient = await write(olas, [stakeholder('o1', '', 'Olas hemmelige partner'), stakeholder('o2', '', 'Velforeningen', { origin: { workshopId: karis, stakeholderId: 's1' } })])
  const hereClient = await write(here, [stakeholder('h1', '', 'Allerede her')])
  await write(empty, [])
  // Ola's room is left and unloads: its stakeholders are read from storage.
  olaClient.provider.destroy()
  return { server, dataDir, karis, olas, here, hereClient }
}

describe('GET /api/stakeholders', () => {
  it('lists the stakeholder maps of the workshops the person may see, without the one asking, with groups and plan rows', async () => {
    const { server, karis, olas, here } = await setup()
    const kari = await register(server.url, 'kari', `?except=${here}`)
    expect(kari.status).toBe(200)
    expect(kari.body.workshops!.map((w) => w.workshopId)).toEqual([karis])
    const [map] = kari.body.workshops!
    expect(map!.title).toBe('Karis kart')
    expect(map!.snapshot.boards.map((b) => b.id)).toEqual(['map'])
    expect(map!.snapshot.items.map((i) => i.id).sort()).toEqual(['g1', 's1', 's2'])
    expect(map!.snapshot.items.find((i) => i.id === 's1')).toMatchObject({ groupId: 'g1', contactPerson: 'Per', message: 'Status', channel: 'Møte', frequency: 'Månedlig' })
    expect(JSON.stringify(kari.body)).not.toContain('Olas hemmelige partner')

    // Without `except` the asking workshop is listed too; an administrator sees every workshop, stored ones included.
    expect((await register(server.url, 'kari')).body.workshops!.map((w) => w.workshopId).sort()).toEqual([karis, here].sort())
    await waitFor(() => !server.rooms.loadedWorkshopIds().includes(olas), 'Ola’s room unloads')
    const admin = await register(server.url, 'admin', `?except=${here}`)
    expect(admin.body.workshops!.map((w) => w.workshopId).sort()).toEqual([karis, olas].sort())
    expect(JSON.stringify(admin.body)).toContain('Olas hemmelige partner')
    expect(admin.body.next).toBeNull()
  })

  it('answers a page of workshops at a time, and one workshop by `only` when the person may see it', async () => {
    const { server, karis, olas, here } = await setup()
    // The administrator sees four workshops; one without stakeholders reads as an empty page's worth.
    const seen: string[] = []
    let cursor: string | null | undefined = null
    let calls = 0
    do {
      const page = await register(server.url, 'admin', `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(page.status).toBe(200)
      expect(page.body.workshops!.length).toBeLessThanOrEqual(1)
      seen.push(...page.body.workshops!.map((w) => w.workshopId))
      cursor = page.body.next
      calls++
    } while (cursor && calls < 10)
    expect(calls).toBe(4)
    expect(seen.sort()).toEqual([karis, olas, here].sort())
    // `except` leaves the asking workshop out of the pages too.
    const two = await register(server.url, 'admin', `?except=${here}&limit=2`)
    expect(two.body.workshops!.map((w) => w.workshopId)).not.toContain(here)

    expect((await register(server.url, 'kari', `?only=${karis}`)).body.workshops!.map((w) => w.workshopId)).toEqual([karis])
    expect((await register(server.url, 'kari', `?only=${olas}`)).body).toEqual({ workshops: [], next: null })
    expect((await register(server.url, 'admin', `?only=${olas}`)).body.workshops!.map((w) => w.workshopId)).toEqual([olas])
  })

  it.each([
    ['nobody signed in', null, '', 401, 'signInRequired'],
    ['an except that is no workshop id', 'kari', '?except=..%2Fx', 400, 'badQuery'],
    ['an only that is no workshop id', 'kari', '?only=..%2Fx', 400, 'badQuery'],
    ['a page over the most', 'kari', '?limit=500', 400, 'badQuery'],
    ['a made-up cursor', 'kari', '?cursor=%2Fetc%2Fpasswd', 400, 'badQuery'],
  ])('refuses %s with a named reason', async (_name, person, query, status, code) => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), workshopsVisibleTo: visibleTo })
    people.set('kari', { staffId: 'kari', name: 'Kari', workshopIds: [], ownWorkshopIds: [] })
    expect(await register(server.url, person, query)).toMatchObject({ status, body: { code } })
  })

  it('refuses a write with the route’s own words', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), workshopsVisibleTo: visibleTo })
    const response = await fetch(`${server.url}/api/stakeholders`, { method: 'POST' })
    expect(response.status).toBe(405)
  })
})

/** The audit lines of a workshop as stored (oldest first). */
function auditRows(dataDir: string, workshopId: string): { action: string; actor_id: string | null; actor_name: string | null; detail: string }[] {
  const db = new Database(path.join(dataDir, 'samskap.sqlite'), { readonly: true })
  try {
    return db.prepare('SELECT action, actor_id, actor_name, detail FROM audit_log WHERE workshop_id = ? ORDER BY id').all(workshopId) as never
  } finally {
    db.close()
  }
}

describe('POST /api/workshops/<id>/stakeholders/taken-over', () => {
  const takenOver = async (baseUrl: string, person: string | null, workshopId: string, body: unknown) => {
    const response = await fetch(`${baseUrl}/api/workshops/${workshopId}/stakeholders/taken-over`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(person ? { 'x-test-person': person } : {}) },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as { code?: string } }
  }

  it('writes who took over, from which workshop into which, in both workshops’ audit logs, once the server sees it', async () => {
    const { server, dataDir, karis, olas, here, hereClient } = await setup()
    const before = { karis: auditRows(dataDir, karis).length, here: auditRows(dataDir, here).length, olas: auditRows(dataDir, olas).length }
    // The browser asks right after its own commit: the server waits for the update to arrive.
    const asked = takenOver(server.url, 'kari', here, { from: karis, stakeholderIds: ['t1'] })
    await new Promise((resolve) => setTimeout(resolve, 200))
    getWorkshopMaps(hereClient.doc).items.set('t1', createRecordMap(stakeholder('t1', '', 'Velforeningen', { origin: { workshopId: karis, stakeholderId: 's1' } }) as never))
    expect((await asked).status).toBe(201)
    expect(auditRows(dataDir, here).slice(before.here)).toEqual([{ action: 'stakeholdersTakenOver', actor_id: 'kari', actor_name: 'Kari', detail: karis }])
    expect(auditRows(dataDir, karis).slice(before.karis)).toEqual([{ action: 'stakeholdersReused', actor_id: 'kari', actor_name: 'Kari', detail: here }])

    // A workshop whose room is not loaded is read from storage.
    await waitFor(() => !server.rooms.loadedWorkshopIds().includes(olas), 'Ola’s room unloads')
    expect((await takenOver(server.url, 'admin', olas, { from: karis, stakeholderIds: ['o2'] })).status).toBe(201)
    expect(auditRows(dataDir, olas).slice(before.olas)).toEqual([{ action: 'stakeholdersTakenOver', actor_id: 'admin', actor_name: 'Admin', detail: karis }])
  })

  it('refuses a take-over the server cannot see in the documents, by name and without a line', async () => {
    const { server, dataDir, karis, olas, here, hereClient } = await setup()
    getWorkshopMaps(hereClient.doc).items.set('t2', createRecordMap(stakeholder('t2', '', 'Ukjent', { origin: { workshopId: karis, stakeholderId: 'gone' } }) as never))
    const lines = () => [karis, olas, here].map((id) => auditRows(dataDir, id).length)
    const before = lines()
    const forged = await Promise.all([
      // nothing was taken over at all
      takenOver(server.url, 'kari', here, { from: karis, stakeholderIds: ['nothing'] }),
      // a stakeholder made here, not taken over
      takenOver(server.url, 'kari', here, { from: karis, stakeholderIds: ['h1'] }),
      // one taken over and one not
      takenOver(server.url, 'admin', olas, { from: karis, stakeholderIds: ['o2', 'o1'] }),
      // an origin that is not a stakeholder of the workshop named
      takenOver(server.url, 'kari', here, { from: karis, stakeholderIds: ['t2'] }),
      // a true copy, but from another workshop than the one claimed
      takenOver(server.url, 'admin', olas, { from: here, stakeholderIds: ['o2'] }),
    ])
    for (const answer of forged) expect(answer).toMatchObject({ status: 409, body: { code: 'takeOverNotSeen' } })
    expect(lines()).toEqual(before)
  })

  it('refuses, by name and without a line, anyone who may not see both workshops and every bad body', async () => {
    const { server, dataDir, karis, olas, here } = await setup()
    const lines = () => [karis, olas, here].map((id) => auditRows(dataDir, id).length)
    const before = lines()
    // Kari may not see Ola's workshop: neither taking from it nor writing into it.
    const ids = ['s1']
    expect(await takenOver(server.url, 'kari', here, { from: olas, stakeholderIds: ids })).toMatchObject({ status: 403, body: { code: 'notYourWorkshop' } })
    expect(await takenOver(server.url, 'kari', olas, { from: karis, stakeholderIds: ['o2'] })).toMatchObject({ status: 403, body: { code: 'notYourWorkshop' } })
    expect(await takenOver(server.url, null, here, { from: karis, stakeholderIds: ids })).toMatchObject({ status: 401, body: { code: 'signInRequired' } })
    expect(await takenOver(server.url, 'kari', here, { from: here, stakeholderIds: ids })).toMatchObject({ status: 400, body: { code: 'badTakeOver' } })
    expect(await takenOver(server.url, 'kari', here, { from: '../x', stakeholderIds: ids })).toMatchObject({ status: 400, body: { code: 'badTakeOver' } })
    expect(await takenOver(server.url, 'kari', here, { from: karis, stakeholderIds: ids, extra: 'x'.repeat(100) })).toMatchObject({ status: 400, body: { code: 'badTakeOver' } })
    expect(await takenOver(server.url, 'kari', here, { from: karis })).toMatchObject({ status: 400, body: { code: 'badTakeOver' } })
    expect(await takenOver(server.url, 'kari', here, { from: karis, stakeholderIds: [] })).toMatchObject({ status: 400, body: { code: 'badTakeOver' } })
    expect(await takenOver(server.url, 'kari', here, { from: karis, stakeholderIds: ['../x'] })).toMatchObject({ status: 400, body: { code: 'badTakeOver' } })
    expect(await takenOver(server.url, 'kari', here, { from: karis, stakeholderIds: Array.from({ length: 1001 }, (_, i) => `s${i}`) })).toMatchObject({ status: 400, body: { code: 'badTakeOver' } })
    expect(await takenOver(server.url, 'kari', here, { from: 'a'.repeat(20), stakeholderIds: ids })).toMatchObject({ status: 404, body: { code: 'workshopNotFound' } })
    expect(await takenOver(server.url, 'kari', 'b'.repeat(20), { from: karis, stakeholderIds: ids })).toMatchObject({ status: 404, body: { code: 'workshopNotFound' } })
    expect(lines()).toEqual(before)
  })
})
