import { describe, expect, it } from 'vitest'
import { defaultSession, type SessionRecord } from '../../../shared/schema/records/session'
import { boardAccess } from './boardAccess'

const privateOn = (boardId: string, lane: '' | 'solution' = ''): SessionRecord['phase'] => ({
  kind: 'private',
  id: 'phase1',
  boardId,
  lane,
  facilitatorSees: false,
  startedAt: 1,
})

describe('boardAccess', () => {
  const cases: {
    name: string
    role: 'facilitator' | 'participant' | 'observer'
    session: Partial<SessionRecord>
    board: string | null
    want: { canEdit: boolean; canCreate: boolean; canManage: boolean; limit: string | null; privateLane: string | null }
  }[] = [
    { name: 'facilitator on a locked board', role: 'facilitator', session: { lockedBoards: ['b1'] }, board: 'b1', want: { canEdit: true, canCreate: true, canManage: true, limit: null, privateLane: null } },
    { name: 'facilitator during private writing', role: 'facilitator', session: { phase: privateOn('b1') }, board: 'b1', want: { canEdit: true, canCreate: true, canManage: true, limit: null, privateLane: null } },
    { name: 'observer anywhere', role: 'observer', session: {}, board: 'b1', want: { canEdit: false, canCreate: false, canManage: false, limit: 'observer', privateLane: null } },
    { name: 'participant, open board', role: 'participant', session: {}, board: 'b1', want: { canEdit: true, canCreate: true, canManage: false, limit: null, privateLane: null } },
    { name: 'participant, another board is locked', role: 'participant', session: { lockedBoards: ['b2'] }, board: 'b1', want: { canEdit: true, canCreate: true, canManage: false, limit: null, privateLane: null } },
    { name: 'participant, locked board', role: 'participant', session: { lockedBoards: ['b1'] }, board: 'b1', want: { canEdit: false, canCreate: false, canManage: false, limit: 'locked', privateLane: null } },
    { name: 'participant, private writing here', role: 'participant', session: { phase: privateOn('b1', 'solution') }, board: 'b1', want: { canEdit: true, canCreate: false, canManage: false, limit: 'private', privateLane: 'solution' } },
    { name: 'participant, private writing elsewhere', role: 'participant', session: { phase: privateOn('b2') }, board: 'b1', want: { canEdit: true, canCreate: true, canManage: false, limit: null, privateLane: null } },
    { name: 'participant, locked beats private', role: 'participant', session: { lockedBoards: ['b1'], phase: privateOn('b1') }, board: 'b1', want: { canEdit: false, canCreate: false, canManage: false, limit: 'locked', privateLane: null } },
    { name: 'participant, no board shown', role: 'participant', session: { lockedBoards: ['b1'] }, board: null, want: { canEdit: true, canCreate: true, canManage: false, limit: null, privateLane: null } },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const access = boardAccess(c.role, { ...defaultSession, ...c.session }, c.board)
      expect({ canEdit: access.canEdit, canCreate: access.canCreate, canManage: access.canManage, limit: access.limit, privateLane: access.privateLane }).toEqual(c.want)
      expect(access.role).toBe(c.role)
    })
  }

  it('gives the same object while the answer is the same, so a context does not re-render its boards', () => {
    expect(boardAccess('participant', defaultSession, 'b1')).toBe(boardAccess('participant', { ...defaultSession, lockedBoards: ['b9'] }, 'b1'))
    expect(boardAccess('observer', defaultSession, 'b1')).toBe(boardAccess('observer', defaultSession, 'b2'))
  })
})
