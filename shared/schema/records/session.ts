import * as v from 'valibot'
import { createMigrationSequence } from '../Migration'
import { BOARD_TITLE_MAX } from './boardTitle'
import { cardLanes, type CardLane } from './card'
import { finiteNumber, idSchema, validateWith } from '../validation'

/**
 * The facilitator's live state of a workshop, in the top-level `session` map, one key per field.
 * Only the server writes it (a client's write to `session` is refused and undone, whatever its
 * role): facilitators change it through commands (shared/facilitation/commands.ts), so every
 * rule (who may, which limits, server time for the timer) is applied in one place. Each field is
 * read and validated on its own: one bad field falls back to its default, not the whole session.
 */
export interface SessionRecord {
  timer: SessionTimer
  /** Boards on which participants' edits are refused. */
  lockedBoards: string[]
  phase: WritingPhase
  /** The current vote, or the last one with its results, or null. */
  vote: VoteState | null
  /**
   * Every closed vote, oldest first, with what was voted on and its counts: the minutes list them
   * all, also after the facilitator dismisses the results or opens the next vote.
   */
  votes: ClosedVote[]
  /** New notes from the phone page wait for the facilitator's approval. */
  moderation: boolean
  /**
   * Participants may move, edit and delete only what they added themselves (for public sessions:
   * no one can clear away the others' notes). Adding stays open; facilitators change anything.
   */
  ownItemsOnly: boolean
  /** What the phone page asks and where its notes go. */
  prompt: SessionPrompt
  /** "Bring everyone here": each new `seq` moves every participant to the board (and view). */
  summon: Summon
  /** "Follow me": participants follow the view this awareness client publishes; null when off. */
  follow: FollowState | null
  /** Participant ids the facilitator removed; their tokens are refused from then on. */
  removed: string[]
}

/** Times are the server's clock (ms since epoch); clients correct for their own clock's offset. */
export type SessionTimer =
  | { status: 'idle' }
  | { status: 'running'; endsAt: number; durationMs: number }
  | { status: 'paused'; remainingMs: number; durationMs: number }

/** '' = the whole board; a lane = one lane of a challenge board. */
export type TargetLane = CardLane | ''

/**
 * Private writing, then reveal: while `private`, participants' new notes for the board are kept on
 * the server and sent to no one but their author (and the facilitator when `facilitatorSees`).
 */
export type WritingPhase =
  | { kind: 'open' }
  | { kind: 'private'; id: string; boardId: string; lane: TargetLane; facilitatorSees: boolean; startedAt: number }

export interface VoteState {
  id: string
  boardId: string
  lane: TargetLane
  votesPerPerson: number
  maxPerItem: number
  /** Counts are shown to no one (not even sent) until the vote closes. */
  hidden: boolean
  status: 'open' | 'closed'
  openedAt: number
  closedAt: number
  /** Item id -> dots, written when the vote closes (items with none are left out). */
  results: Record<string, number>
  /** How many people voted, written when the vote closes. */
  voters: number
}

/**
 * A closed vote as the minutes keep it. Texts are copied when the vote closes, so the minutes say
 * what was voted on even after a note is edited or deleted or the board renamed; '' means the copy
 * was not made (a vote closed before version 2) and readers fall back to the item or board as it is.
 */
export interface ClosedVote {
  id: string
  boardId: string
  /** The board's title when the vote closed. */
  boardTitle: string
  lane: TargetLane
  votesPerPerson: number
  maxPerItem: number
  hidden: boolean
  openedAt: number
  closedAt: number
  voters: number
  /** How many notes or cards could be voted on. */
  eligible: number
  /** Every item that got dots, most first. */
  results: ClosedVoteResult[]
}

export interface ClosedVoteResult {
  itemId: string
  text: string
  dots: number
}

export interface SessionPrompt {
  /** '' = the first free canvas. */
  boardId: string
  lane: TargetLane
  /** The facilitator's question; '' shows the board's own (a lane's question, or its title). */
  question: string
}

export interface CameraView {
  x: number
  y: number
  scale: number
}

export interface Summon {
  seq: number
  boardId: string
  view: CameraView | null
}

export interface FollowState {
  clientId: number
  /** Who is followed, for the banner ("Følger Kari"). */
  name: string
}

export const VOTES_PER_PERSON_MAX = 20
export const PROMPT_QUESTION_MAX = 200
export const REMOVED_MAX = 2000
export const TIMER_MAX_MS = 4 * 60 * 60 * 1000
/** Votes one workshop keeps (a long meeting arena holds a dozen); opening one more is refused. */
export const VOTES_KEPT_MAX = 200
/** A note's text in a kept vote is cut here: enough to recognise it in the minutes. */
export const VOTE_TEXT_MAX = 300
/** Items with dots in one vote: bounded by voters × dots anyway; this keeps a record from growing without end. */
export const VOTE_RESULTS_MAX = 2000

export const defaultSession: SessionRecord = {
  timer: { status: 'idle' },
  lockedBoards: [],
  phase: { kind: 'open' },
  vote: null,
  votes: [],
  moderation: false,
  ownItemsOnly: false,
  prompt: { boardId: '', lane: '', question: '' },
  summon: { seq: 0, boardId: '', view: null },
  follow: null,
  removed: [],
}

export const sessionVersions = { Initial: 1, VoteHistory: 2 } as const
export const sessionMigrations = createMigrationSequence('session', [
  // The one vote a version-1 session kept, if it was closed, becomes the first kept vote; its texts
  // were never copied, so they are '' and readers show the items as they are now.
  { version: sessionVersions.VoteHistory, up: (record) => ({ ...record, votes: keptFromVersion1(record.vote) }) },
])

function keptFromVersion1(vote: unknown): ClosedVote[] {
  const checked = validateWith(liveFieldSchemas.vote, 'session.vote', vote)
  if (!checked.ok || checked.value === null || checked.value.status !== 'closed') return []
  return [closedVoteOf(checked.value, '', () => '', 0)]
}

/**
 * The kept record of a vote that has just closed: its results ranked (most dots first, then by id
 * so every reader lists ties alike), each item's text and the board's title copied as they read now.
 */
export function closedVoteOf(vote: VoteState, boardTitle: string, textOf: (itemId: string) => string, eligible: number): ClosedVote {
  const results = Object.entries(vote.results)
    .filter(([, dots]) => dots > 0)
    .sort(([a, da], [b, db]) => db - da || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, VOTE_RESULTS_MAX)
    .map(([itemId, dots]) => ({ itemId, text: textOf(itemId).slice(0, VOTE_TEXT_MAX), dots }))
  return {
    id: vote.id,
    boardId: vote.boardId,
    boardTitle: boardTitle.slice(0, BOARD_TITLE_MAX),
    lane: vote.lane,
    votesPerPerson: vote.votesPerPerson,
    maxPerItem: vote.maxPerItem,
    hidden: vote.hidden,
    openedAt: vote.openedAt,
    closedAt: vote.closedAt,
    voters: vote.voters,
    eligible: Math.max(eligible, results.length),
    results,
  }
}

const laneSchema = v.picklist([...cardLanes, ''] as const)
const boardIdOrEmpty = v.union([v.literal(''), idSchema])
const duration = v.pipe(finiteNumber, v.minValue(0), v.maxValue(TIMER_MAX_MS))
const nonNegative = v.pipe(v.number(), v.integer(), v.minValue(0))
const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max))

/** The fields the phone reads: everything but the vote history (see `readLiveSession`). */
type LiveField = Exclude<keyof SessionRecord, 'votes'>

const liveFieldSchemas: { [K in LiveField]: v.GenericSchema<unknown, SessionRecord[K]> } = {
  timer: v.variant('status', [
    v.object({ status: v.literal('idle') }),
    v.object({ status: v.literal('running'), endsAt: finiteNumber, durationMs: duration }),
    v.object({ status: v.literal('paused'), remainingMs: duration, durationMs: duration }),
  ]),
  lockedBoards: v.pipe(v.array(idSchema), v.maxLength(500)),
  phase: v.variant('kind', [
    v.object({ kind: v.literal('open') }),
    v.object({
      kind: v.literal('private'),
      id: idSchema,
      boardId: idSchema,
      lane: laneSchema,
      facilitatorSees: v.boolean(),
      startedAt: finiteNumber,
    }),
  ]),
  vote: v.nullable(
    v.pipe(
      v.object({
        id: idSchema,
        boardId: idSchema,
        lane: laneSchema,
        votesPerPerson: count(VOTES_PER_PERSON_MAX),
        maxPerItem: count(VOTES_PER_PERSON_MAX),
        hidden: v.boolean(),
        status: v.picklist(['open', 'closed']),
        openedAt: finiteNumber,
        closedAt: finiteNumber,
        results: v.record(idSchema, v.pipe(v.number(), v.integer(), v.minValue(0))),
        voters: v.pipe(v.number(), v.integer(), v.minValue(0)),
      }),
      v.check((vote) => vote.maxPerItem <= vote.votesPerPerson, 'maxPerItem must not exceed votesPerPerson'),
    ),
  ),
  moderation: v.boolean(),
  ownItemsOnly: v.boolean(),
  prompt: v.object({
    boardId: boardIdOrEmpty,
    lane: laneSchema,
    question: v.pipe(v.string(), v.maxLength(PROMPT_QUESTION_MAX, `at most ${PROMPT_QUESTION_MAX} characters`)),
  }),
  summon: v.object({
    seq: v.pipe(v.number(), v.integer(), v.minValue(0)),
    boardId: boardIdOrEmpty,
    view: v.nullable(v.object({ x: finiteNumber, y: finiteNumber, scale: v.pipe(finiteNumber, v.minValue(0.01), v.maxValue(100)) })),
  }),
  follow: v.nullable(
    v.object({ clientId: v.pipe(v.number(), v.integer(), v.minValue(0)), name: v.pipe(v.string(), v.maxLength(80)) }),
  ),
  removed: v.pipe(v.array(idSchema), v.maxLength(REMOVED_MAX)),
}

/**
 * Reads the session as `readSession` does, without the vote history (`votes` stays empty): what
 * the phone page shows is the current vote, never the kept ones.
 */
export function readLiveSession(fields: Readonly<Record<string, unknown>>): { session: SessionRecord; errors: string[] } {
  return readSessionFields(liveFieldSchemas, fields)
}

/** Reads the fields `schemas` names: each invalid one gets its default, and its error is returned. */
export function readSessionFields(
  schemas: { [K in keyof SessionRecord]?: v.GenericSchema<unknown, SessionRecord[K]> },
  fields: Readonly<Record<string, unknown>>,
): { session: SessionRecord; errors: string[] } {
  const session = { ...defaultSession } as Record<keyof SessionRecord, unknown>
  const errors: string[] = []
  for (const [key, schema] of Object.entries(schemas) as [string, v.GenericSchema][]) {
    if (!(key in fields)) continue
    const result = validateWith(schema, `session.${key}`, fields[key])
    if (result.ok) session[key as keyof SessionRecord] = result.value
    else errors.push(result.error)
  }
  return { session: session as unknown as SessionRecord, errors }
}

/** How a page reads the session: `readSession` (everything) or `readLiveSession` (the phone). */
export type SessionReader = (fields: Readonly<Record<string, unknown>>) => { session: SessionRecord; errors: string[] }

/** The fields but the kept votes, and the parts of their schemas, for sessionHistory.ts to complete. */
export { liveFieldSchemas as liveSessionFieldSchemas, laneSchema as targetLaneSchema, count as countUpTo, nonNegative as nonNegativeInteger }
