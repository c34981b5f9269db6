import { boardsInOrder, challengeTree } from '../export/workshopOutline'
import type { WorkshopSnapshot } from '../export/workshopJson'
import { isOverdue } from '../logic/challengeBoard'
import type { ActionStatus, CardOrigin, CardRecord } from '../schema/records/card'
import type { SessionRecord } from '../schema/records/session'
import type { SustainabilityDimension } from '../schema/tags'

/**
 * The action register: every action card of the workshops a person may see, as flat rows that can
 * be filtered, sorted and exported without the documents. Rows are read from validated snapshots
 * (the server reads them from the stored documents); which workshops are read is not decided here.
 */
export interface ActionRow {
  workshopId: string
  workshopTitle: string
  /** The workshop's language (BCP 47): exports of a row speak it. */
  language: string
  boardId: string
  boardTitle: string
  cardId: string
  text: string
  owner: string
  dueDate: string
  status: ActionStatus
  sdgs: number[]
  dimension: SustainabilityDimension | ''
  /** Dots from the workshop's last closed vote (0 when it had none). */
  dots: number
  /** The solution it carries out and the challenge that solution answers (the first link of each). */
  solution: LinkedCard | null
  challenge: LinkedCard | null
  /** Taken over from an earlier workshop: the card it came from (shared/followup/takeOver.ts). */
  origin: CardOrigin | null
}

export interface LinkedCard {
  id: string
  text: string
  dots: number
}

/** Item id → dots, as a closed vote's `results` holds them. */
export type DotCounts = Readonly<Record<string, number>>

/** The workshop's actions in board order, each challenge board's actions in the order the minutes list them. */
export function readActionRows(workshopId: string, snapshot: WorkshopSnapshot, dots: DotCounts = {}): ActionRow[] {
  const rows: ActionRow[] = []
  const linked = (card: CardRecord | undefined): LinkedCard | null => (card ? { id: card.id, text: card.text, dots: dots[card.id] ?? 0 } : null)
  for (const board of boardsInOrder(snapshot)) {
    if (board.template !== 'challengeBoard') continue
    for (const { action, solution, challenge } of challengeTree(snapshot, board.id).actions) {
      rows.push({
        workshopId,
        workshopTitle: snapshot.meta.title,
        language: snapshot.meta.language,
        boardId: board.id,
        boardTitle: board.title,
        cardId: action.id,
        text: action.text,
        owner: action.owner,
        dueDate: action.dueDate,
        status: action.status,
        sdgs: action.sdgs,
        dimension: action.dimension,
        dots: dots[action.id] ?? 0,
        solution: linked(solution),
        challenge: linked(challenge),
        origin: action.origin,
      })
    }
  }
  return rows
}

/**
 * What the register shows. Every field narrows; an empty query shows everything. `mine` is a
 * person's name as they write it in the owner field (owners are free text: "Kari", "Kari og Ola",
 * "Kulturetaten / Kari"); `workshopIds` is "my workshops" (which ones is the caller's business).
 */
export interface ActionQuery {
  mine?: string
  workshopIds?: ReadonlySet<string>
  overdue?: boolean
  statuses?: readonly ActionStatus[]
  /** Part of the owner's name, any case. */
  owner?: string
  /** Due on or after / on or before (`YYYY-MM-DD`); undated actions fall outside any range. */
  dueFrom?: string
  dueTo?: string
  sdg?: number
  dimension?: SustainabilityDimension
}

/** Today as `YYYY-MM-DD` in the register's calendar: passed in, never read from a clock here. */
export type IsoDay = string

/** The rows the query keeps, sorted for reading (see `sortRegister`). */
export function queryActions(rows: readonly ActionRow[], query: ActionQuery, today: IsoDay): ActionRow[] {
  const ownerPart = query.owner === undefined ? '' : normalizeName(query.owner)
  const me = query.mine === undefined ? null : normalizeName(query.mine)
  return sortRegister(
    rows.filter(
      (row) =>
        (me === null || (me !== '' && ownerNames(row.owner).includes(me))) &&
        (!query.workshopIds || query.workshopIds.has(row.workshopId)) &&
        (!query.overdue || isOverdue(row.dueDate, today, row.status)) &&
        (!query.statuses || query.statuses.includes(row.status)) &&
        (ownerPart === '' || normalizeName(row.owner).includes(ownerPart)) &&
        (query.dueFrom === undefined || (row.dueDate !== '' && row.dueDate >= query.dueFrom)) &&
        (query.dueTo === undefined || (row.dueDate !== '' && row.dueDate <= query.dueTo)) &&
        (query.sdg === undefined || row.sdgs.includes(query.sdg)) &&
        (query.dimension === undefined || row.dimension === query.dimension),
    ),
  )
}

const statusRank: Record<ActionStatus, number> = { open: 0, inProgress: 1, done: 2 }

/** Not done before done; the nearest due date first, undated last; then workshop, then text. */
export function sortRegister(rows: readonly ActionRow[]): ActionRow[] {
  const doneLast = (row: ActionRow) => (statusRank[row.status] === 2 ? 1 : 0)
  return [...rows].sort(
    (a, b) =>
      doneLast(a) - doneLast(b) ||
      compareDue(a.dueDate, b.dueDate) ||
      a.workshopTitle.localeCompare(b.workshopTitle) ||
      a.text.localeCompare(b.text) ||
      compare(a.workshopId + a.cardId, b.workshopId + b.cardId),
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

/** Case, accents' composition and spacing do not make two names different. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim()
}

/** The people an owner field names: split at `,` `;` `/` `&` `+` and the word "and" in the five languages. */
export function ownerNames(owner: string): string[] {
  return normalizeName(owner)
    .split(/\s*[,;/&+]\s*|\s+(?:og|and|och)\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/** How far a challenge has come: its actions (through the solutions that answer it) and how many are done. */
export interface ChallengeProgress {
  workshopId: string
  workshopTitle: string
  boardId: string
  challengeId: string
  text: string
  dots: number
  actions: number
  done: number
}

/** One entry per challenge of every challenge board, in board order; an action shared by two solutions counts once. */
export function challengeProgress(workshopId: string, snapshot: WorkshopSnapshot, dots: DotCounts = {}): ChallengeProgress[] {
  const progress: ChallengeProgress[] = []
  for (const board of boardsInOrder(snapshot)) {
    if (board.template !== 'challengeBoard') continue
    for (const { challenge, solutions } of challengeTree(snapshot, board.id).challenges) {
      const actions = new Map(solutions.flatMap((s) => s.actions).map((a) => [a.id, a]))
      progress.push({
        workshopId,
        workshopTitle: snapshot.meta.title,
        boardId: board.id,
        challengeId: challenge.id,
        text: challenge.text,
        dots: dots[challenge.id] ?? 0,
        actions: actions.size,
        done: [...actions.values()].filter((a) => a.status === 'done').length,
      })
    }
  }
  return progress
}

/** The dots of the workshop's last vote once it is closed (an open vote's counts are secret). */
export function dotsOfSession(session: Pick<SessionRecord, 'vote'>): DotCounts {
  return session.vote?.status === 'closed' ? session.vote.results : {}
}
