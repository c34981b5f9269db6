import { describe, expect, it } from 'vitest'
import type { BoardRecord, BoardTemplate } from '../../../shared/schema/records/board'
import { defaultSession, type SessionRecord } from '../../../shared/schema/records/session'
import { placeTarget, planPlaceNotApplied, type NotAppliedEntry } from './notApplied'

const board = (id: string, template: BoardTemplate = 'canvas'): BoardRecord => ({ id, title: id, order: id, template, showHelp: true, linkedBoardId: '' })
const boards = [board('map', 'stakeholderMap'), board('a'), board('b'), board('lanes', 'challengeBoard')]
const session = (fields: Partial<SessionRecord>) => ({ ...defaultSession, ...fields })
const privateOn = (boardId: string): SessionRecord['phase'] => ({ kind: 'private', id: 'p1', boardId, lane: '', facilitatorSees: false, startedAt: 1 })

describe('placeTarget: where "place it where I may write" puts a refused note', () => {
  const cases: { name: string; from: string; shown: string | null; fields: Partial<SessionRecord>; role?: 'participant' | 'observer'; want: string | null }[] = [
    { name: 'its own board, once it is unlocked', from: 'a', shown: 'b', fields: {}, want: 'a' },
    { name: 'the board on screen while its own is locked', from: 'a', shown: 'b', fields: { lockedBoards: ['a'] }, want: 'b' },
    { name: 'the first board that takes notes when the one on screen does not', from: 'a', shown: 'map', fields: { lockedBoards: ['a'] }, want: 'b' },
    { name: 'not a board in private writing (notes go through the composer there)', from: 'a', shown: 'b', fields: { lockedBoards: ['a'], phase: privateOn('b') }, want: 'lanes' },
    { name: 'none when every board that takes notes is closed', from: 'a', shown: null, fields: { lockedBoards: ['a', 'b', 'lanes'] }, want: null },
    { name: 'none for an observer', from: 'a', shown: 'a', fields: {}, role: 'observer', want: null },
    { name: 'a board that was deleted: the one on screen', from: 'gone', shown: 'b', fields: {}, want: 'b' },
  ]
  it.each(cases)('$name', ({ from, shown, fields, role, want }) => {
    expect(placeTarget({ boardId: from }, boards, shown, role ?? 'participant', session(fields))?.id ?? null).toBe(want)
  })
})

describe('planPlaceNotApplied', () => {
  const entry: NotAppliedEntry = { id: 'old', kind: 'note', boardId: 'a', text: 'Flere benker ved biblioteket', reason: 'locked', refusedAt: 1 }

  it('makes a new note with the text and a new id on a free canvas', () => {
    const plan = planPlaceNotApplied(entry, board('b'), [], 'new1', 5)
    expect(plan.createItems).toEqual([expect.objectContaining({ id: 'new1', kind: 'note', boardId: 'b', text: 'Flere benker ved biblioteket', createdAt: 5 })])
  })

  it('makes a challenge card in the first lane on a challenge board', () => {
    const plan = planPlaceNotApplied(entry, board('lanes', 'challengeBoard'), [], 'new2', 5)
    expect(plan.createItems).toEqual([expect.objectContaining({ id: 'new2', kind: 'card', boardId: 'lanes', lane: 'challenge', text: entry.text })])
  })
})
