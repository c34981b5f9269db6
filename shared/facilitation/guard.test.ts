import { describe, expect, it } from 'vitest'
import { defaultSession, type SessionRecord } from '../schema/records/session'
import { judgeChange, type DocumentChange } from './guard'

const none: DocumentChange = { meta: false, boards: false, session: false, unknown: false, items: [] }
const locked: SessionRecord = { ...defaultSession, lockedBoards: ['L'] }
const privatePhase: SessionRecord = {
  ...defaultSession,
  phase: { kind: 'private', id: 'ph1', boardId: 'P', lane: '', facilitatorSees: false, startedAt: 0 },
}
const edit = (boardBefore: string | null, boardAfter: string | null): DocumentChange => ({ ...none, items: [{ id: 'i', boardBefore, boardAfter }] })

describe('judgeChange', () => {
  it.each([
    ['observer, anything', 'observer', edit('A', 'A'), defaultSession, { reason: 'readOnly', boardId: null }],
    ['observer, even nothing visible', 'observer', none, defaultSession, { reason: 'readOnly', boardId: null }],
    ['participant writing outside the workshop', 'participant', { ...none, unknown: true }, defaultSession, { reason: 'invalid', boardId: null }],
    ['facilitator writing outside the workshop', 'facilitator', { ...none, unknown: true }, defaultSession, { reason: 'invalid', boardId: null }],
    ['facilitator writing session directly', 'facilitator', { ...none, session: true }, defaultSession, { reason: 'facilitatorOnly', boardId: null }],
    ['facilitator on a locked board', 'facilitator', edit('L', 'L'), locked, null],
    ['facilitator renaming a board', 'facilitator', { ...none, boards: true }, defaultSession, null],
    ['participant editing a note', 'participant', edit('A', 'A'), locked, null],
    ['participant renaming a board', 'participant', { ...none, boards: true }, defaultSession, { reason: 'facilitatorOnly', boardId: null }],
    ['participant renaming the workshop', 'participant', { ...none, meta: true }, defaultSession, { reason: 'facilitatorOnly', boardId: null }],
    ['participant starting the timer by hand', 'participant', { ...none, session: true }, defaultSession, { reason: 'facilitatorOnly', boardId: null }],
    ['participant editing on a locked board', 'participant', edit('L', 'L'), locked, { reason: 'locked', boardId: 'L' }],
    ['participant adding to a locked board', 'participant', edit(null, 'L'), locked, { reason: 'locked', boardId: 'L' }],
    ['participant deleting from a locked board', 'participant', edit('L', null), locked, { reason: 'locked', boardId: 'L' }],
    ['participant moving a note off a locked board', 'participant', edit('L', 'A'), locked, { reason: 'locked', boardId: 'L' }],
    ['participant moving a note onto a locked board', 'participant', edit('A', 'L'), locked, { reason: 'locked', boardId: 'L' }],
    ['participant adding on the private board', 'participant', edit(null, 'P'), privatePhase, { reason: 'privatePhase', boardId: 'P' }],
    ['participant editing an old note on the private board', 'participant', edit('P', 'P'), privatePhase, null],
    ['participant adding elsewhere during the phase', 'participant', edit(null, 'A'), privatePhase, null],
    ['facilitator adding on the private board', 'facilitator', edit(null, 'P'), privatePhase, null],
  ] as const)('%s', (_name, role, change, session, expected) => {
    expect(judgeChange(role, change, session)).toEqual(expected)
  })
})

describe('judgeChange with "only their own"', () => {
  const own: SessionRecord = { ...defaultSession, ownItemsOnly: true }
  const mine = (id: string) => id === 'mine'
  const change = (id: string, boardBefore: string | null, boardAfter: string | null): DocumentChange => ({ ...none, items: [{ id, boardBefore, boardAfter }] })

  it.each([
    ['editing their own', 'participant', change('mine', 'A', 'A'), own, null],
    ['deleting their own', 'participant', change('mine', 'A', null), own, null],
    ['adding something new', 'participant', change('new', null, 'A'), own, null],
    ['editing someone else’s', 'participant', change('theirs', 'A', 'A'), own, { reason: 'notYours', boardId: 'A' }],
    ['deleting someone else’s', 'participant', change('theirs', 'A', null), own, { reason: 'notYours', boardId: 'A' }],
    ['moving someone else’s to another board', 'participant', change('theirs', 'A', 'B'), own, { reason: 'notYours', boardId: 'A' }],
    ['their own and someone else’s in one update', 'participant', { ...none, items: [{ id: 'mine', boardBefore: 'A', boardAfter: 'A' }, { id: 'theirs', boardBefore: 'A', boardAfter: 'A' }] }, own, { reason: 'notYours', boardId: 'A' }],
    ['someone else’s while it is off', 'participant', change('theirs', 'A', 'A'), defaultSession, null],
    ['the facilitator editing anyone’s', 'facilitator', change('theirs', 'A', 'A'), own, null],
  ] as const)('%s', (_name, role, changed, session, expected) => {
    expect(judgeChange(role, changed, session, mine)).toEqual(expected)
  })
})
