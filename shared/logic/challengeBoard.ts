import { generateKeyBetween } from 'fractional-indexing'
import type { ActionStatus, CardLane, CardRecord } from '../schema/records/card'
import type { ConnectorRecord } from '../schema/records/connector'
import { orderAtEnd, planReorder, sortByOrder } from './boardOrder'
import type { DocumentPlan } from './plan'

/**
 * Rules of the challenge / solution / action board. A solution answers a challenge, an action
 * carries out a solution; links are connectors stored pointing from the answering card to the
 * card it answers (solution → challenge, action → solution), whichever end the person started at.
 */
export type CardRelation = 'answers' | 'carriesOut'

/** What linking needs of a card. */
export type LinkableCard = Pick<CardRecord, 'id' | 'lane' | 'order'>
/** What link logic needs of a connector. */
export type LinkConnector = Pick<ConnectorRecord, 'id' | 'from' | 'to' | 'relation'>

/** The lane order on screen, left to right; links only join neighbours. */
export const laneOrder: readonly CardLane[] = ['challenge', 'solution', 'action']

/**
 * The relation a link between cards in these lanes carries, in either direction (the person may
 * start at either end), or null when the lanes cannot be linked (same lane, challenge ↔ action).
 */
export function linkRelation(fromLane: CardLane, toLane: CardLane): CardRelation | null {
  const pair = new Set([fromLane, toLane])
  if (pair.size !== 2) return null
  if (pair.has('solution') && pair.has('challenge')) return 'answers'
  if (pair.has('action') && pair.has('solution')) return 'carriesOut'
  return null
}

/** Which lane is the stored `from` end of a relation (the answering side). */
function fromLaneOf(relation: CardRelation): CardLane {
  return relation === 'answers' ? 'solution' : 'action'
}

export type LinkRefusal = 'self' | 'missing' | 'sameLane' | 'notAdjacent' | 'alreadyLinked'

export type LinkCheck =
  | { ok: true; relation: CardRelation; fromId: string; toId: string }
  | { ok: false; reason: LinkRefusal }

/** Whether `aId` and `bId` can be linked, and if so with which relation and stored direction. */
export function checkLink(cards: readonly LinkableCard[], connectors: readonly LinkConnector[], aId: string, bId: string): LinkCheck {
  if (aId === bId) return { ok: false, reason: 'self' }
  const a = cards.find((c) => c.id === aId)
  const b = cards.find((c) => c.id === bId)
  if (!a || !b) return { ok: false, reason: 'missing' }
  if (a.lane === b.lane) return { ok: false, reason: 'sameLane' }
  const relation = linkRelation(a.lane, b.lane)
  if (!relation) return { ok: false, reason: 'notAdjacent' }
  if (connectorsBetween(connectors, aId, bId).length > 0) return { ok: false, reason: 'alreadyLinked' }
  const [from, to] = a.lane === fromLaneOf(relation) ? [a, b] : [b, a]
  return { ok: true, relation, fromId: from.id, toId: to.id }
}

export interface NewRecordContext {
  boardId: string
  newId(): string
  now: number
}

/** Colours are a second cue only; the arrowhead, the dash and the labels carry the meaning. */
export const relationColors: Record<CardRelation, string> = { answers: '#1f6f5c', carriesOut: '#8a5300' }

/** Plans a link between two cards, or says why it cannot be made. */
export function planLink(
  cards: readonly LinkableCard[],
  connectors: readonly LinkConnector[],
  aId: string,
  bId: string,
  context: NewRecordContext,
): DocumentPlan | { error: LinkRefusal } {
  const check = checkLink(cards, connectors, aId, bId)
  if (!check.ok) return { error: check.reason }
  const connector: ConnectorRecord = {
    id: context.newId(),
    kind: 'connector',
    boardId: context.boardId,
    from: { itemId: check.fromId },
    to: { itemId: check.toId },
    relation: check.relation,
    arrowhead: 'end',
    color: relationColors[check.relation],
    createdAt: context.now,
  }
  return { createItems: [connector] }
}

function endId(end: LinkConnector['from']): string | null {
  return 'itemId' in end ? end.itemId : null
}

/** Connectors joining two cards, either way round (two people may link the same pair offline). */
export function connectorsBetween(connectors: readonly LinkConnector[], aId: string, bId: string): LinkConnector[] {
  return connectors.filter((c) => {
    const from = endId(c.from)
    const to = endId(c.to)
    return (from === aId && to === bId) || (from === bId && to === aId)
  })
}

/** Removes every link between two cards. */
export function planUnlink(connectors: readonly LinkConnector[], aId: string, bId: string): DocumentPlan {
  return { deleteItems: connectorsBetween(connectors, aId, bId).map((c) => c.id) }
}

/**
 * How a card sees one of its links: `answers` (solution → its challenge), `answeredBy`
 * (challenge ← solution), `carriesOut` (action → its solution), `carriedOutBy` (solution ← action).
 */
export type LinkRole = 'answers' | 'answeredBy' | 'carriesOut' | 'carriedOutBy'

export interface CardLink {
  connectorId: string
  otherId: string
  role: LinkRole
}

/** The card's links, in the connectors' order; free-ended or relation-less connectors are not links. */
export function linksOf(cardId: string, connectors: readonly LinkConnector[]): CardLink[] {
  const links: CardLink[] = []
  for (const c of connectors) {
    if (c.relation === '') continue
    const from = endId(c.from)
    const to = endId(c.to)
    if (from === null || to === null || from === to) continue
    if (from === cardId) links.push({ connectorId: c.id, otherId: to, role: c.relation })
    else if (to === cardId) links.push({ connectorId: c.id, otherId: from, role: c.relation === 'answers' ? 'answeredBy' : 'carriedOutBy' })
  }
  return links
}

/**
 * The card's chain: what it answers (following links towards challenges) and what answers it
 * (following links towards actions), without turning round, so a solution shared by two
 * challenges does not pull in the other challenge's solutions.
 */
export function chainOf(cardId: string, connectors: readonly LinkConnector[]): Set<string> {
  const chain = new Set([cardId])
  const walk = (start: string, forward: boolean) => {
    const queue = [start]
    const seen = new Set([start])
    while (queue.length > 0) {
      const id = queue.shift()!
      for (const c of connectors) {
        if (c.relation === '') continue
        const [here, there] = forward ? [endId(c.from), endId(c.to)] : [endId(c.to), endId(c.from)]
        if (here !== id || there === null || seen.has(there)) continue
        seen.add(there)
        chain.add(there)
        queue.push(there)
      }
    }
  }
  walk(cardId, true)
  walk(cardId, false)
  return chain
}

/** Whether a stored link still holds for the cards' lanes. */
function linkHolds(connector: LinkConnector, laneOf: (id: string) => CardLane | undefined): boolean {
  const from = endId(connector.from)
  const to = endId(connector.to)
  if (from === null || to === null || connector.relation === '') return true // not a card link: not ours to judge
  const fromLane = laneOf(from)
  const toLane = laneOf(to)
  if (!fromLane || !toLane) return true
  return linkRelation(fromLane, toLane) === connector.relation && fromLane === fromLaneOf(connector.relation)
}

/** Links that would no longer hold if card `id` moved to `lane` (every one of them, across lanes). */
export function linksBrokenByMove(cards: readonly LinkableCard[], connectors: readonly LinkConnector[], id: string, lane: CardLane): string[] {
  const laneOf = (cardId: string) => (cardId === id ? lane : cards.find((c) => c.id === cardId)?.lane)
  return connectors.filter((c) => (endId(c.from) === id || endId(c.to) === id) && !linkHolds(c, laneOf)).map((c) => c.id)
}

/**
 * Plans moving a card to position `toIndex` of `lane` (its own lane: a reorder). Links that no
 * longer hold in the new lane are removed in the same step, so one undo brings both back.
 * An empty plan when nothing changes.
 */
export function planMoveCard(
  cards: readonly LinkableCard[],
  connectors: readonly LinkConnector[],
  id: string,
  lane: CardLane,
  toIndex: number,
): DocumentPlan {
  const card = cards.find((c) => c.id === id)
  if (!card) return {}
  if (card.lane === lane) {
    const order = planReorder(
      cards.filter((c) => c.lane === lane),
      id,
      toIndex,
    )
    return order === null ? {} : { updateItems: [{ id, patch: { order } }] }
  }
  const target = sortByOrder(cards.filter((c) => c.lane === lane))
  const index = Math.max(0, Math.min(target.length, Math.trunc(toIndex)))
  const order = orderBetween(target[index - 1]?.order ?? null, target[index]?.order ?? null)
  const broken = linksBrokenByMove(cards, connectors, id, lane)
  return { updateItems: [{ id, patch: { lane, order } }], ...(broken.length > 0 ? { deleteItems: broken } : {}) }
}

function orderBetween(before: string | null, after: string | null): string {
  // Equal neighbours (concurrent offline inserts) have no key between them: go after both.
  if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null)
  return generateKeyBetween(before, after)
}

/** A new card at the end of its lane; actions start open with no owner or date. */
export function planAddCard(cards: readonly LinkableCard[], lane: CardLane, text: string, context: NewRecordContext): DocumentPlan {
  const card: CardRecord = {
    id: context.newId(),
    kind: 'card',
    boardId: context.boardId,
    lane,
    text,
    order: orderAtEnd(cards.filter((c) => c.lane === lane)),
    owner: '',
    dueDate: '',
    status: 'open',
    origin: null,
    createdAt: context.now,
    sdgs: [],
    dimension: '',
  }
  return { createItems: [card] }
}

/** Deletes a card with its links, so no connector is left pointing at nothing. */
export function planDeleteCard(connectors: readonly LinkConnector[], id: string): DocumentPlan {
  const links = connectors.filter((c) => endId(c.from) === id || endId(c.to) === id).map((c) => c.id)
  return { deleteItems: [id, ...links] }
}

const statusRank: Record<ActionStatus, number> = { open: 0, inProgress: 1, done: 2 }

/**
 * The action list as it goes into the minutes: open first, then in progress, then done; within a
 * status the nearest due date first and undated last; then the board's own order.
 */
export function sortActions<T extends Pick<CardRecord, 'id' | 'order' | 'status' | 'dueDate'>>(actions: readonly T[]): T[] {
  return [...actions].sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] ||
      compareDue(a.dueDate, b.dueDate) ||
      compare(a.order, b.order) ||
      compare(a.id, b.id),
  )
}

function compareDue(a: string, b: string): number {
  if (a === b) return 0
  if (a === '') return 1
  if (b === '') return -1
  return compare(a, b)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A due date before today is overdue, unless the action is done. Dates are `YYYY-MM-DD`. */
export function isOverdue(dueDate: string, today: string, status: ActionStatus = 'open'): boolean {
  return dueDate !== '' && status !== 'done' && dueDate < today
}

/** Today in the person's own calendar, as `YYYY-MM-DD`. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
