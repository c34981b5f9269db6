import { describe, expect, it } from 'vitest'
import type { BoardRecord } from '../../../shared/schema/records/board'
import { defaultSession, type SessionRecord, type VoteState } from '../../../shared/schema/records/session'
import { currentView, followSession, stepView, type FollowState, type Stage } from './presentationFollow'

const board = (id: string, template: BoardRecord['template'] = 'canvas'): BoardRecord => ({ id, title: id, order: id, template, showHelp: false, linkedBoardId: '' })
const boards = [board('map', 'stakeholderMap'), board('wall'), board('other')]

type S = Pick<SessionRecord, 'phase' | 'vote' | 'prompt'>
const idle: S = { phase: defaultSession.phase, vote: null, prompt: defaultSession.prompt }
const writing = (boardId = 'wall', startedAt = 100): S => ({ ...idle, phase: { kind: 'private', id: `p${startedAt}`, boardId, lane: '', facilitatorSees: false, startedAt } })
const vote = (status: 'open' | 'closed', openedAt = 200, boardId = 'wall'): VoteState => ({
  id: `v${openedAt}`,
  boardId,
  lane: '',
  votesPerPerson: 3,
  maxPerItem: 3,
  hidden: false,
  status,
  openedAt,
  closedAt: status === 'closed' ? openedAt + 50 : 0,
  results: {},
  voters: 0,
})
const prompted = (boardId: string): S => ({ ...idle, prompt: { boardId, lane: '', question: 'Hva ønsker du?' } })

/** Runs the session through its states, as the presentation sees them, and lists the stages shown. */
function follow(states: S[], screen: string | null = 'wall'): string[] {
  let state: FollowState | null = null
  return states.map((session) => {
    state = followSession(state, session, boards, screen)
    return `${state.stage.kind}@${state.stage.boardId}`
  })
}

describe('followSession', () => {
  it.each([
    ['a whole round: writing, reveal, vote, results, results dismissed', [idle, writing(), idle, { ...idle, vote: vote('open') }, { ...idle, vote: vote('closed') }, idle], ['notes@wall', 'writing@wall', 'notes@wall', 'voting@wall', 'results@wall', 'notes@wall']],
    ['opened in the middle of a vote', [{ ...idle, vote: vote('open') }], ['voting@wall']],
    ['opened while results are up', [{ ...idle, vote: vote('closed') }], ['results@wall']],
    ['opened during writing while an older vote is open: the newest step', [{ ...writing('wall', 300), vote: vote('open', 200) }], ['writing@wall']],
    ['a cancelled vote goes back to its notes', [{ ...idle, vote: vote('open', 200, 'other') }, idle], ['voting@other', 'notes@other']],
    ['the reveal stays on the revealed board, not the prompt\'s', [prompted('wall'), { ...writing('other'), prompt: prompted('wall').prompt }, prompted('wall')], ['notes@wall', 'writing@other', 'notes@other']],
    ['an older vote still open does not pull the view back after the reveal', [{ ...writing('wall', 300), vote: vote('open', 200) }, { ...idle, vote: vote('open', 200) }], ['writing@wall', 'notes@wall']],
    ['a vote opened during writing takes over', [writing('wall', 100), { ...writing('wall', 100), vote: vote('open', 200) }], ['writing@wall', 'voting@wall']],
    ['a new prompt moves the notes to its board', [prompted('wall'), prompted('other')], ['notes@wall', 'notes@other']],
  ] as const)('%s', (_what, states, expected) => {
    expect(follow([...states])).toEqual(expected)
  })

  it('with nothing going on: the board on screen when it takes notes, else where notes go', () => {
    expect(follow([idle], 'other')).toEqual(['notes@other'])
    expect(follow([prompted('other')], 'map')).toEqual(['notes@other'])
    expect(follow([idle], 'map')).toEqual(['notes@wall'])
    expect(followSession(null, idle, [board('map', 'stakeholderMap')], 'map').stage.boardId).toBe('')
  })

  it('keeps the same state object while nothing changes (no re-render)', () => {
    const first = followSession(null, writing(), boards, 'wall')
    expect(followSession(first, writing(), boards, 'wall')).toBe(first)
  })
})

describe('currentView', () => {
  const stage = (kind: Stage['kind'], key: string = kind): Stage => ({ kind, boardId: 'wall', lane: '', key, since: 0 })
  it.each([
    ['writing shows the notes view (the count)', stage('writing'), null, true, 'notes'],
    ['voting shows the vote', stage('voting'), null, true, 'vote'],
    ['results show the vote', stage('results'), null, true, 'vote'],
    ['a choice holds within its step', stage('notes', 'n1'), { view: 'cloud', stageKey: 'n1' }, true, 'cloud'],
    ['the next step replaces the choice', stage('voting', 'v1'), { view: 'cloud', stageKey: 'n1' }, true, 'vote'],
    ['not following: a choice holds', stage('voting', 'v1'), { view: 'cloud', stageKey: 'n1' }, false, 'cloud'],
  ] as const)('%s', (_what, s, choice, following, view) => {
    expect(currentView(s, choice, following)).toBe(view)
  })

  it('stepView wraps around', () => {
    expect(stepView('notes', -1)).toBe('vote')
    expect(stepView('vote', 1)).toBe('notes')
    expect(stepView('notes', 1)).toBe('cloud')
  })
})
