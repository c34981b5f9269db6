import { describe, expect, it } from 'vitest'
import type { ActionStatus, CardLane } from '../schema/records/card'
import { sortByOrder } from './boardOrder'
import {
  chainOf,
  checkLink,
  isOverdue,
  linkRelation,
  linksBrokenByMove,
  linksOf,
  planAddCard,
  planDeleteCard,
  planLink,
  planMoveCard,
  planUnlink,
  sortActions,
  type LinkConnector,
  type LinkableCard,
} from './challengeBoard'

const card = (id: string, lane: CardLane, order: string): LinkableCard => ({ id, lane, order })
const link = (id: string, from: string, to: string, relation: LinkConnector['relation']): LinkConnector => ({
  id,
  from: { itemId: from },
  to: { itemId: to },
  relation,
})

// c1, c2 challenges; s1, s2 solutions; a1 action. s1 answers c1, a1 carries out s1.
const cards = [card('c1', 'challenge', 'a0'), card('c2', 'challenge', 'a1'), card('s1', 'solution', 'a0'), card('s2', 'solution', 'a1'), card('a1', 'action', 'a0')]
const connectors = [link('k1', 's1', 'c1', 'answers'), link('k2', 'a1', 's1', 'carriesOut')]
let counter = 0
const context = { boardId: 'b', newId: () => `new${++counter}`, now: 7 }

describe('linkRelation', () => {
  it.each([
    ['solution', 'challenge', 'answers'],
    ['challenge', 'solution', 'answers'],
    ['action', 'solution', 'carriesOut'],
    ['solution', 'action', 'carriesOut'],
    ['challenge', 'action', null],
    ['action', 'challenge', null],
    ['challenge', 'challenge', null],
    ['solution', 'solution', null],
    ['action', 'action', null],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(linkRelation(from, to)).toBe(expected)
  })
})

describe('checkLink and planLink', () => {
  it.each([
    ['solution to challenge', 's2', 'c2', { ok: true, relation: 'answers', fromId: 's2', toId: 'c2' }],
    ['from the challenge end: normalised', 'c2', 's2', { ok: true, relation: 'answers', fromId: 's2', toId: 'c2' }],
    ['action to solution', 'a1', 's2', { ok: true, relation: 'carriesOut', fromId: 'a1', toId: 's2' }],
    ['from the solution end: normalised', 's2', 'a1', { ok: true, relation: 'carriesOut', fromId: 'a1', toId: 's2' }],
    ['self', 's1', 's1', { ok: false, reason: 'self' }],
    ['same lane', 'c1', 'c2', { ok: false, reason: 'sameLane' }],
    ['challenge to action', 'c1', 'a1', { ok: false, reason: 'notAdjacent' }],
    ['duplicate', 's1', 'c1', { ok: false, reason: 'alreadyLinked' }],
    ['duplicate, other way round', 'c1', 's1', { ok: false, reason: 'alreadyLinked' }],
    ['unknown card', 's1', 'zz', { ok: false, reason: 'missing' }],
  ])('%s', (_name, a, b, expected) => {
    expect(checkLink(cards, connectors, a, b)).toEqual(expected)
  })

  it('plans one connector from the answering card with an arrowhead at the answered one', () => {
    const plan = planLink(cards, connectors, 'c2', 's2', context)
    expect(plan).toEqual({
      createItems: [
        {
          id: expect.any(String),
          kind: 'connector',
          boardId: 'b',
          from: { itemId: 's2' },
          to: { itemId: 'c2' },
          relation: 'answers',
          arrowhead: 'end',
          color: '#1f6f5c',
          createdAt: 7,
        },
      ],
    })
  })

  it('refuses a duplicate with a reason', () => {
    expect(planLink(cards, connectors, 'c1', 's1', context)).toEqual({ error: 'alreadyLinked' })
  })
})

describe('planUnlink', () => {
  it.each([
    ['one link', 's1', 'c1', ['k1']],
    ['either way round', 'c1', 's1', ['k1']],
    ['no link', 's2', 'c1', []],
  ])('%s', (_name, a, b, expected) => {
    expect(planUnlink(connectors, a, b)).toEqual({ deleteItems: expected })
  })

  it('removes duplicates made offline too', () => {
    const doubled = [...connectors, link('k3', 'c1', 's1', 'answers')]
    expect(planUnlink(doubled, 's1', 'c1')).toEqual({ deleteItems: ['k1', 'k3'] })
  })
})

describe('linksOf', () => {
  it.each([
    ['challenge: answered by', 'c1', [{ connectorId: 'k1', otherId: 's1', role: 'answeredBy' }]],
    [
      'solution: answers and carried out by',
      's1',
      [
        { connectorId: 'k1', otherId: 'c1', role: 'answers' },
        { connectorId: 'k2', otherId: 'a1', role: 'carriedOutBy' },
      ],
    ],
    ['action: carries out', 'a1', [{ connectorId: 'k2', otherId: 's1', role: 'carriesOut' }]],
    ['unlinked', 'c2', []],
  ])('%s', (_name, id, expected) => {
    expect(linksOf(id, connectors)).toEqual(expected)
  })

  it('ignores free ends and plain connectors', () => {
    const odd: LinkConnector[] = [
      { id: 'f', from: { x: 0, y: 0 }, to: { itemId: 'c1' }, relation: 'answers' },
      link('p', 's1', 'c1', ''),
    ]
    expect(linksOf('c1', odd)).toEqual([])
  })
})

describe('chainOf', () => {
  // c2 is also answered by s1; following the chain from a1 reaches both, from c1 not c2.
  const more = [...connectors, link('k3', 's1', 'c2', 'answers'), link('k4', 's2', 'c2', 'answers')]
  it.each([
    ['from a challenge: its solutions and their actions', 'c1', ['a1', 'c1', 's1']],
    ['from an action: up to every challenge', 'a1', ['a1', 'c1', 'c2', 's1']],
    ['does not turn round at a shared challenge', 's2', ['c2', 's2']],
    ['unlinked', 'x', ['x']],
  ])('%s', (_name, id, expected) => {
    expect([...chainOf(id, more)].sort()).toEqual(expected)
  })
})

describe('planMoveCard', () => {
  it.each([
    ['reorder down within the lane', 'c1', 'challenge', 1, (o: string) => o > 'a1', undefined],
    ['to another lane, at the top', 'c2', 'solution', 0, (o: string) => o < 'a0', undefined],
    ['to another lane, between', 'c2', 'solution', 1, (o: string) => o > 'a0' && o < 'a1', undefined],
    ['to another lane, past the end', 'c2', 'action', 9, (o: string) => o > 'a0', undefined],
    ['linked solution to actions: both links go', 's1', 'action', 0, () => true, ['k1', 'k2']],
    ['linked action to challenges: its link goes', 'a1', 'challenge', 0, () => true, ['k2']],
  ] as const)('%s', (_name, id, lane, index, orderOk, deleted) => {
    const plan = planMoveCard(cards, connectors, id, lane, index)
    const update = plan.updateItems?.[0]
    expect(update?.id).toBe(id)
    expect(orderOk(String(update?.patch.order))).toBe(true)
    const moved = cards.find((c) => c.id === id)!
    expect(update?.patch.lane).toBe(moved.lane === lane ? undefined : lane)
    expect(plan.deleteItems).toEqual(deleted)
  })

  it.each([
    ['already there', 'c1', 'challenge', 0],
    ['unknown card', 'zz', 'challenge', 0],
  ] as const)('nothing to do: %s', (_name, id, lane, index) => {
    expect(planMoveCard(cards, connectors, id, lane, index)).toEqual({})
  })

  it('lands where asked among the target lane', () => {
    const plan = planMoveCard(cards, connectors, 'c2', 'solution', 1)
    const after = cards.map((c) => (c.id === 'c2' ? { ...c, lane: 'solution' as const, order: String(plan.updateItems![0]!.patch.order) } : c))
    expect(sortByOrder(after.filter((c) => c.lane === 'solution')).map((c) => c.id)).toEqual(['s1', 'c2', 's2'])
  })

  it('reports which links a move would break', () => {
    expect(linksBrokenByMove(cards, connectors, 's1', 'challenge')).toEqual(['k1', 'k2'])
    expect(linksBrokenByMove(cards, connectors, 's1', 'solution')).toEqual([])
  })
})

describe('planAddCard and planDeleteCard', () => {
  it('adds at the end of its lane, open and untagged', () => {
    const plan = planAddCard(cards, 'solution', 'Felles kalender', context)
    const created = plan.createItems?.[0]
    expect(created).toMatchObject({ kind: 'card', lane: 'solution', text: 'Felles kalender', status: 'open', owner: '', dueDate: '', boardId: 'b' })
    expect(created && 'order' in created && created.order > 'a1').toBe(true)
  })

  it('deletes a card with its links', () => {
    expect(planDeleteCard(connectors, 's1')).toEqual({ deleteItems: ['s1', 'k1', 'k2'] })
    expect(planDeleteCard(connectors, 'c2')).toEqual({ deleteItems: ['c2'] })
  })
})

describe('sortActions', () => {
  const action = (id: string, status: ActionStatus, dueDate: string, order = 'a0') => ({ id, status, dueDate, order })
  it.each([
    ['status first', [action('d', 'done', '2026-01-01'), action('p', 'inProgress', '2026-01-01'), action('o', 'open', '2027-01-01')], ['o', 'p', 'd']],
    ['then nearest due date', [action('late', 'open', '2026-12-01'), action('soon', 'open', '2026-02-01')], ['soon', 'late']],
    ['undated last', [action('none', 'open', ''), action('dated', 'open', '2030-01-01')], ['dated', 'none']],
    ['then board order', [action('y', 'open', '', 'a2'), action('x', 'open', '', 'a1')], ['x', 'y']],
    ['then id', [action('b', 'open', '', 'a1'), action('a', 'open', '', 'a1')], ['a', 'b']],
  ])('%s', (_name, input, expected) => {
    expect(sortActions(input).map((a) => a.id)).toEqual(expected)
  })
})

describe('isOverdue', () => {
  it.each([
    ['yesterday', '2026-11-21', 'open', true],
    ['today', '2026-11-22', 'open', false],
    ['tomorrow', '2026-11-23', 'inProgress', false],
    ['no date', '', 'open', false],
    ['past but done', '2026-01-01', 'done', false],
    ['past, in progress', '2026-01-01', 'inProgress', true],
  ] as const)('%s', (_name, due, status, expected) => {
    expect(isOverdue(due, '2026-11-22', status)).toBe(expected)
  })
})
