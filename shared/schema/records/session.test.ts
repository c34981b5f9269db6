import { describe, expect, it } from 'vitest'
import { closedVoteOf, defaultSession, readLiveSession, type VoteState } from './session'
import { readSession, validateSessionField } from './sessionHistory'

describe('session', () => {
  it('reads defaults for an empty map', () => {
    expect(readSession({})).toEqual({ session: defaultSession, errors: [] })
  })

  it('keeps valid fields and replaces an invalid one with its default', () => {
    const { session, errors } = readSession({
      timer: { status: 'running', endsAt: 5, durationMs: 60_000 },
      lockedBoards: ['b1'],
      moderation: 'yes',
    })
    expect(session.timer).toEqual({ status: 'running', endsAt: 5, durationMs: 60_000 })
    expect(session.lockedBoards).toEqual(['b1'])
    expect(session.moderation).toBe(false)
    expect(errors).toEqual([expect.stringContaining('session.moderation')])
  })

  it.each([
    ['a vote whose per-item limit exceeds the dots', 'vote', { id: 'v', boardId: 'b', lane: '', votesPerPerson: 2, maxPerItem: 3, hidden: false, status: 'open', openedAt: 0, closedAt: 0, results: {}, voters: 0 }],
    ['a private phase without a board', 'phase', { kind: 'private', id: 'p', boardId: '', lane: '', facilitatorSees: true, startedAt: 0 }],
    ['a paused timer with negative time', 'timer', { status: 'paused', remainingMs: -1, durationMs: 0 }],
    ['a lane that does not exist', 'prompt', { boardId: '', lane: 'ideas', question: '' }],
  ] as const)('refuses %s', (_name, key, value) => {
    expect(validateSessionField(key, value).ok).toBe(false)
  })

  it('reads everything but the kept votes for the phone, and the kept votes for the board', () => {
    const vote: VoteState = { id: 'v', boardId: 'b', lane: '', votesPerPerson: 3, maxPerItem: 1, hidden: false, status: 'closed', openedAt: 1, closedAt: 2, results: { n1: 2 }, voters: 2 }
    const kept = closedVoteOf(vote, 'Tavle', () => 'Mer lys', 4)
    const fields = { moderation: true, vote, votes: [kept] }
    expect(readSession(fields).session.votes).toEqual([kept])
    const live = readLiveSession(fields)
    expect(live.session.votes).toEqual([])
    expect(live.session.moderation).toBe(true)
    expect(live.session.vote).toEqual(vote)
    // Not read is not refused: a broken history is the board's error to report, not the phone's.
    expect(readLiveSession({ votes: 'broken' }).errors).toEqual([])
    expect(readSession({ votes: 'broken' }).errors).toEqual([expect.stringContaining('session.votes')])
  })
})
