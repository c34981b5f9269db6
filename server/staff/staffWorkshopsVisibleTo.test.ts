import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { StaffAuth } from '../auth/StaffAuth'
import type { StaffRow } from './StaffStorage'
import { staffWorkshopsVisibleTo } from './staffWorkshopsVisibleTo'

function person(id: string, isAdmin = false): StaffRow {
  return { id, issuer: 'https://idp', subject: id, name: `Name ${id}`, email: `${id}@kommune.no`, groups: [], isAdmin, firstSeenAt: 0, lastSeenAt: 0 }
}

/** The two things the seam reads: who the session is, and the workshop_staff and overview rows. */
function staffWith(asking: StaffRow | null): StaffAuth {
  const roles: Record<string, { id: string; role: 'owner' | 'cofacilitator' }[]> = {
    kari: [{ id: 'w-mine', role: 'owner' }, { id: 'w-helping', role: 'cofacilitator' }],
  }
  return {
    staffOf: async (_request: IncomingMessage) => asking,
    storage: {
      workshopsOf: async (staffId: string) => (roles[staffId] ?? []).map((row) => ({ ...row, title: row.id, createdAt: 0, lastActivityAt: null })),
      overview: async () => ['w-mine', 'w-helping', 'w-other'].map((id) => ({ id })),
    },
  } as unknown as StaffAuth
}

const request = {} as IncomingMessage

describe('staffWorkshopsVisibleTo', () => {
  it('nobody signed in: null (the cross-workshop endpoints answer 401)', async () => {
    expect(await staffWorkshopsVisibleTo(staffWith(null))(request)).toBeNull()
  })

  it('a staff member sees the workshops they own and co-facilitate, and both are theirs', async () => {
    expect(await staffWorkshopsVisibleTo(staffWith(person('kari')))(request)).toEqual({
      staffId: 'kari',
      name: 'Name kari',
      workshopIds: ['w-mine', 'w-helping'],
      ownWorkshopIds: ['w-mine', 'w-helping'],
    })
  })

  it('someone with no workshops sees none', async () => {
    expect(await staffWorkshopsVisibleTo(staffWith(person('ola')))(request)).toEqual({ staffId: 'ola', name: 'Name ola', workshopIds: [], ownWorkshopIds: [] })
  })

  it('an administrator sees every workshop; only their own are "my workshops"', async () => {
    const admin = { ...person('kari', true) }
    expect(await staffWorkshopsVisibleTo(staffWith(admin))(request)).toEqual({
      staffId: 'kari',
      name: 'Name kari',
      workshopIds: ['w-mine', 'w-helping', 'w-other'],
      ownWorkshopIds: ['w-mine', 'w-helping'],
    })
  })
})
