import { afterEach, describe, expect, it } from 'vitest'
import type { CreatedWorkshop } from '../../shared/access'
import type { AdminWorkshopRow, AuditEntry, SessionInfo, StaffWorkshop } from '../../shared/staff'
import { TestResources } from '../server/helpers'
import { isolate, queryTestSchema, twoInstancesWithSignIn } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

describe('staff sessions with several instances (PostgreSQL)', () => {
  it('a session started on one instance holds on the other; owners and activity are shared; logout ends it everywhere', async () => {
    const isolation = await isolate(resources)
    const { started: [first, second], signIn } = await twoInstancesWithSignIn(resources, isolation)

    const cookie = await signIn('ola', first)
    const headers = { cookie, 'content-type': 'application/json' }
    const me = (await (await fetch(`${second.url}/api/me`, { headers })).json()) as SessionInfo
    expect(me.staff?.name).toBe('Ola Hansen')

    const created = await fetch(`${second.url}/api/workshops`, { method: 'POST', headers, body: JSON.stringify({ title: 'To instanser' }) })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as CreatedWorkshop
    const mine = (await (await fetch(`${first.url}/api/me/workshops`, { headers })).json()) as { workshops: StaffWorkshop[] }
    expect(mine.workshops.map((w) => [w.id, w.role])).toEqual([[id, 'owner']])
    // Only the cookie's hash is stored.
    const stored = await queryTestSchema<{ id_hash: string }>(isolation, 'SELECT id_hash FROM staff_sessions')
    expect(stored).toHaveLength(1)
    expect(cookie.includes(stored[0]!.id_hash)).toBe(false)

    // The administrator's overview and delete on PostgreSQL.
    const kari = await signIn('kari', second)
    const overview = (await (await fetch(`${first.url}/api/admin/workshops`, { headers: { cookie: kari } })).json()) as { workshops: AdminWorkshopRow[] }
    expect(overview.workshops).toEqual([expect.objectContaining({ id, owner: expect.objectContaining({ name: 'Ola Hansen' }), participants: 0 })])
    expect(overview.workshops[0]!.size.document).toBeGreaterThan(0)
    expect((await fetch(`${first.url}/api/admin/workshops`, { headers })).status).toBe(403)
    // The audit log on PostgreSQL: written on one instance, read on the other.
    const audit = (await (await fetch(`${first.url}/api/workshops/${id}/audit`, { headers })).json()) as { entries: AuditEntry[] }
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'created', actor: { kind: 'staff', id: me.staff!.id, name: 'Ola Hansen' }, detail: '' })])
    const deleted = await fetch(`${second.url}/api/admin/workshops/${id}/delete`, { method: 'POST', headers: { cookie: kari, origin: second.url } })
    expect(deleted.status).toBe(200)
    expect(await queryTestSchema(isolation, 'SELECT 1 FROM workshops UNION ALL SELECT 1 FROM snapshots UNION ALL SELECT 1 FROM workshop_staff')).toEqual([])
    // Only the line saying it was deleted, and by whom, stays.
    const lines = await queryTestSchema(isolation, 'SELECT workshop_id, action, actor_kind, actor_name, detail FROM audit_log')
    expect(lines).toEqual([{ workshop_id: id, action: 'deleted', actor_kind: 'staff', actor_name: 'Kari Nordmann', detail: '' }])

    const out = await fetch(`${first.url}/auth/logout`, { method: 'POST', headers: { cookie: cookie!, origin: first.url } })
    expect(out.status).toBe(200)
    expect(((await (await fetch(`${second.url}/api/me`, { headers })).json()) as SessionInfo).staff).toBeNull()
    expect((await fetch(`${second.url}/api/workshops`, { method: 'POST', headers, body: '{}' })).status).toBe(401)
  })
})
