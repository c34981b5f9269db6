import { describe, expect, it } from 'vitest'
import { defaultSession, readSession, validateSessionField } from './session'

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
})
