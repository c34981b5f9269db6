import { describe, expect, it } from 'vitest'
import { defaultSession } from '../schema/records/session'
import {
  challengeProgress,
  dotsOfSession,
  ownerNames,
  queryActions,
  readActionRows,
  type ActionQuery,
  type ActionRow,
} from './actionRegister'
import { board, card, link, workshop } from './testWorkshops'

// Workshop A: two challenge boards and a canvas. On b1: challenge c1 ← solution s1 ← actions a1, a2;
// s2 answers c1 too and a2 also carries out s2; a3 carries out nothing. b2 holds a4 alone.
const snapshotA = workshop(
  'Ungdom og fritid',
  [board('b2', 'challengeBoard', 'a2', 'Runde 2'), board('b1', 'challengeBoard', 'a1', 'Runde 1'), board('cv', 'canvas', 'a0')],
  [
    card('c1', 'b1', 'challenge', 'a0', { text: 'Få møteplasser' }),
    card('c2', 'b1', 'challenge', 'a1', { text: 'Lite buss' }),
    card('s1', 'b1', 'solution', 'a0', { text: 'Åpne skolen' }),
    card('s2', 'b1', 'solution', 'a1', { text: 'Frivillige' }),
    card('a1', 'b1', 'action', 'a0', { text: 'Avtale med rektor', owner: 'Kari Nordmann', dueDate: '2026-12-01', status: 'done', sdgs: [4, 17] }),
    card('a2', 'b1', 'action', 'a1', { text: 'Kartlegge lag', owner: 'Ola og Kari Nordmann', dueDate: '2026-11-01', dimension: 'social' }),
    card('a3', 'b1', 'action', 'a2', { text: 'Søke midler', owner: 'Kulturetaten', status: 'inProgress', sdgs: [17] }),
    card('a4', 'b2', 'action', 'a0', { text: 'Følge opp', owner: 'kari nordmann', dueDate: '2026-12-24', origin: { workshopId: 'w0', cardId: 'x9' } }),
    link('k1', 'b1', 's1', 'c1', 'answers'),
    link('k2', 'b1', 's2', 'c1', 'answers'),
    link('k3', 'b1', 'a1', 's1', 'carriesOut'),
    link('k4', 'b1', 'a2', 's1', 'carriesOut'),
    link('k5', 'b1', 'a2', 's2', 'carriesOut'),
  ],
)
const rowsA = readActionRows('wA', snapshotA, { a1: 3, c1: 5 })
const snapshotB = workshop('Klima', [board('x', 'challengeBoard')], [card('b-a1', 'x', 'action', 'a0', { text: 'Solceller', owner: 'Per', dueDate: '2026-11-15' })], 'en')
const rows = [...rowsA, ...readActionRows('wB', snapshotB)]

describe('readActionRows', () => {
  it('reads every action of every challenge board, in board order, with what it serves and its dots', () => {
    expect(rowsA.map((r) => [r.boardTitle, r.cardId, r.solution?.id ?? null, r.challenge?.id ?? null, r.dots])).toEqual([
      ['Runde 1', 'a1', 's1', 'c1', 3],
      ['Runde 1', 'a2', 's1', 'c1', 0],
      ['Runde 1', 'a3', null, null, 0],
      ['Runde 2', 'a4', null, null, 0],
    ])
    expect(rowsA[0]).toMatchObject({
      workshopId: 'wA',
      workshopTitle: 'Ungdom og fritid',
      language: 'nb',
      text: 'Avtale med rektor',
      owner: 'Kari Nordmann',
      dueDate: '2026-12-01',
      status: 'done',
      sdgs: [4, 17],
      challenge: { id: 'c1', text: 'Få møteplasser', dots: 5 },
      origin: null,
    })
    expect(rowsA[3]!.origin).toEqual({ workshopId: 'w0', cardId: 'x9' })
  })

  it('reads nothing from a workshop without challenge boards', () => {
    expect(readActionRows('w', workshop('t', [board('cv', 'canvas')], [card('a', 'cv', 'action', 'a0')]))).toEqual([])
  })
})

describe('ownerNames', () => {
  it.each([
    ['Kari Nordmann', ['kari nordmann']],
    ['Ola og  Kari', ['ola', 'kari']],
    ['Kulturetaten / Kari, Per & Anna + Bo; Eva and Jo', ['kulturetaten', 'kari', 'per', 'anna', 'bo', 'eva', 'jo']],
    ['Sara och Lars', ['sara', 'lars']],
    ['Ingrid Ogden', ['ingrid ogden']],
    ['  ', []],
  ])('%j names %j', (owner, names) => {
    expect(ownerNames(owner)).toEqual(names)
  })
})

const today = '2026-11-20'
const ids = (query: ActionQuery) => queryActions(rows, query, today).map((r: ActionRow) => r.cardId)

describe('queryActions', () => {
  it.each<[string, ActionQuery, string[]]>([
    // Not done first by due date, undated last, done at the end.
    ['everything', {}, ['a2', 'b-a1', 'a4', 'a3', 'a1']],
    ['mine: the owner names me, alone or with others, any case', { mine: 'KARI  nordmann' }, ['a2', 'a4', 'a1']],
    ['mine: a part of a name is not me', { mine: 'Kari' }, []],
    ['mine: an empty name owns nothing', { mine: ' ' }, []],
    ['my workshops', { workshopIds: new Set(['wB']) }, ['b-a1']],
    ['overdue: a due date before today and not done', { overdue: true }, ['a2', 'b-a1']],
    ['by status', { statuses: ['inProgress', 'done'] }, ['a3', 'a1']],
    ['by part of the owner', { owner: 'etaten' }, ['a3']],
    ['due from (inclusive); undated fall outside', { dueFrom: '2026-12-01' }, ['a4', 'a1']],
    ['due to (inclusive)', { dueTo: '2026-11-15' }, ['a2', 'b-a1']],
    ['by SDG', { sdg: 17 }, ['a3', 'a1']],
    ['by dimension', { dimension: 'social' }, ['a2']],
    ['filters combine', { mine: 'Kari Nordmann', overdue: true }, ['a2']],
  ])('%s', (_name, query, expected) => {
    expect(ids(query)).toEqual(expected)
  })
})

describe('challengeProgress', () => {
  it('counts each challenge’s actions through its solutions once, and the done ones', () => {
    expect(challengeProgress('wA', snapshotA, { c1: 5 })).toEqual([
      { workshopId: 'wA', workshopTitle: 'Ungdom og fritid', boardId: 'b1', challengeId: 'c1', text: 'Få møteplasser', dots: 5, actions: 2, done: 1 },
      { workshopId: 'wA', workshopTitle: 'Ungdom og fritid', boardId: 'b1', challengeId: 'c2', text: 'Lite buss', dots: 0, actions: 0, done: 0 },
    ])
  })
})

describe('dotsOfSession', () => {
  const vote = { id: 'v', boardId: 'b1', lane: '' as const, votesPerPerson: 3, maxPerItem: 1, hidden: false, openedAt: 0, closedAt: 0, results: { a1: 2 }, voters: 2 }
  it.each([
    ['no vote', null, {}],
    ['an open vote keeps its counts', { ...vote, status: 'open' as const }, {}],
    ['a closed vote gives its results', { ...vote, status: 'closed' as const }, { a1: 2 }],
  ])('%s', (_name, v, expected) => {
    expect(dotsOfSession({ ...defaultSession, vote: v })).toEqual(expected)
  })
})
