import * as v from 'valibot'
import type { Role } from '../access'
import type { Refusal } from './guard'
import { cardLanes } from '../schema/records/card'
import { NOTE_TEXT_MAX, noteColors, type NoteColor } from '../schema/records/note'
import {
  PROMPT_QUESTION_MAX,
  TIMER_MAX_MS,
  VOTES_PER_PERSON_MAX,
  type CameraView,
  type TargetLane,
} from '../schema/records/session'
import { finiteNumber, idSchema } from '../schema/validation'

/*
 * The control channel beside the Yjs sync: one websocket message type (`messageControl` in
 * shared/protocol.ts, after y-websocket's 0–3) carrying a JSON string. Clients send commands; the
 * server checks the sender's role and the rules, changes the document (or the held notes) itself and
 * replies. Only clients that connect with `?control=1` get control messages; a plain y-websocket
 * client is told about a refused update with the standard permission-denied message instead.
 */

const lane = v.picklist([...cardLanes, ''] as const)
const boardId = idSchema
const text = v.pipe(v.string(), v.maxLength(NOTE_TEXT_MAX, `at most ${NOTE_TEXT_MAX} characters`))
const votes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(VOTES_PER_PERSON_MAX))
const view = v.object({ x: finiteNumber, y: finiteNumber, scale: v.pipe(finiteNumber, v.minValue(0.01), v.maxValue(100)) })

/** Every command, by type. `id` correlates the reply; it is the client's, any short string. */
export const commandSchema = v.variant('type', [
  v.object({ type: v.literal('time'), clientTime: finiteNumber }),
  v.object({ type: v.literal('timer.start'), durationMs: v.pipe(finiteNumber, v.minValue(1000), v.maxValue(TIMER_MAX_MS)) }),
  v.object({ type: v.literal('timer.pause') }),
  v.object({ type: v.literal('timer.resume') }),
  v.object({ type: v.literal('timer.add'), ms: v.pipe(finiteNumber, v.minValue(-TIMER_MAX_MS), v.maxValue(TIMER_MAX_MS)) }),
  v.object({ type: v.literal('timer.reset') }),
  v.object({ type: v.literal('board.lock'), boardId, locked: v.boolean() }),
  v.object({
    type: v.literal('vote.open'),
    boardId,
    lane,
    votesPerPerson: votes,
    maxPerItem: votes,
    hidden: v.boolean(),
  }),
  v.object({ type: v.literal('vote.close') }),
  v.object({ type: v.literal('vote.dismiss') }),
  v.object({ type: v.literal('vote.cast'), itemId: idSchema }),
  v.object({ type: v.literal('vote.retract'), itemId: idSchema }),
  v.object({ type: v.literal('phase.private'), boardId, lane, facilitatorSees: v.boolean() }),
  v.object({ type: v.literal('phase.reveal') }),
  v.object({ type: v.literal('moderation.set'), enabled: v.boolean() }),
  v.object({ type: v.literal('ownItems.set'), enabled: v.boolean() }),
  v.object({ type: v.literal('held.approve'), ids: v.pipe(v.array(idSchema), v.minLength(1), v.maxLength(500)) }),
  v.object({ type: v.literal('held.reject'), ids: v.pipe(v.array(idSchema), v.minLength(1), v.maxLength(500)) }),
  v.object({ type: v.literal('note.hide'), itemId: idSchema }),
  v.object({
    type: v.literal('note.submit'),
    /** The note's own id, made by the client: a note sent again after a reconnect is recognised. */
    noteId: idSchema,
    text: v.pipe(text, v.check((value) => value.trim().length > 0, 'must not be empty')),
    color: v.optional(v.picklist(noteColors)),
  }),
  v.object({ type: v.literal('note.edit'), noteId: idSchema, text: v.pipe(text, v.check((value) => value.trim().length > 0, 'must not be empty')) }),
  v.object({ type: v.literal('note.withdraw'), noteId: idSchema }),
  v.object({ type: v.literal('participant.remove'), participantId: idSchema }),
  /**
   * A resident erases what they wrote (their right to erasure, on the privacy page): the items they
   * added and their held notes; `itemIds` limits it to those, every one of which must be theirs.
   */
  v.object({ type: v.literal('own.erase'), itemIds: v.optional(v.pipe(v.array(idSchema), v.minLength(1), v.maxLength(500))) }),
  v.object({ type: v.literal('summon'), boardId, view: v.nullable(view) }),
  v.object({ type: v.literal('follow.start') }),
  v.object({ type: v.literal('follow.stop') }),
  v.object({
    type: v.literal('prompt.set'),
    boardId: v.union([v.literal(''), idSchema]),
    lane,
    question: v.pipe(v.string(), v.maxLength(PROMPT_QUESTION_MAX, `at most ${PROMPT_QUESTION_MAX} characters`)),
  }),
])

export type Command = v.InferOutput<typeof commandSchema>
export type CommandType = Command['type']
/** A command as sent: the command plus the id its reply will carry. */
export type CommandEnvelope = Command & { id: string }

/** Who may send each command. Everything else is refused with `forbidden`. */
export const commandRoles: { [T in CommandType]: readonly Role[] } = {
  time: ['facilitator', 'participant', 'observer'],
  'timer.start': ['facilitator'],
  'timer.pause': ['facilitator'],
  'timer.resume': ['facilitator'],
  'timer.add': ['facilitator'],
  'timer.reset': ['facilitator'],
  'board.lock': ['facilitator'],
  'vote.open': ['facilitator'],
  'vote.close': ['facilitator'],
  'vote.dismiss': ['facilitator'],
  'vote.cast': ['facilitator', 'participant'],
  'vote.retract': ['facilitator', 'participant'],
  'phase.private': ['facilitator'],
  'phase.reveal': ['facilitator'],
  'moderation.set': ['facilitator'],
  'ownItems.set': ['facilitator'],
  'held.approve': ['facilitator'],
  'held.reject': ['facilitator'],
  'note.hide': ['facilitator'],
  'note.submit': ['facilitator', 'participant'],
  'note.edit': ['facilitator', 'participant'],
  'note.withdraw': ['facilitator', 'participant'],
  'participant.remove': ['facilitator'],
  // A facilitator's items are not owned by one person ('facilitator' is every facilitator).
  'own.erase': ['participant'],
  summon: ['facilitator'],
  'follow.start': ['facilitator'],
  'follow.stop': ['facilitator'],
  'prompt.set': ['facilitator'],
}

export const commandErrors = [
  'invalid',
  'forbidden',
  'notFound',
  'noVote',
  'voteClosed',
  'notEligible',
  'voteLimit',
  'itemLimit',
  'noPhase',
  'tooMany',
  'locked',
  'notYours',
  /** The workshop reached its size limit (server/limits): nothing new until something is deleted. */
  'workshopFull',
  /** A person asked for something costly too often (own.erase, server/limits): try again later. */
  'tooOften',
  'serverError',
] as const
export type CommandError = (typeof commandErrors)[number]

/** Why the server undid a client's document update. */
/**
 * Why the server refused a client's update (docs/facilitation.md): the role rules (`readOnly` …
 * `notYours`), a record the validators refuse or a part a workshop does not have (`invalid`), structs
 * written under someone else's Yjs client id (`authorship`), and an update building on something the
 * server does not have, which it asks the client to send again (`outOfOrder`).
 */
export const refusalReasons = ['readOnly', 'facilitatorOnly', 'locked', 'privatePhase', 'notYours', 'invalid', 'authorship', 'outOfOrder', 'workshopFull'] as const
export type RefusalReason = (typeof refusalReasons)[number]

/** A note that is not on a board (yet): written in private, waiting for approval, or hidden by the facilitator. */
export interface HeldNote {
  id: string
  /** Participant id of the author ('facilitator' for a facilitator). */
  authorId: string
  authorName: string
  boardId: string
  lane: TargetLane
  text: string
  color: NoteColor
  createdAt: number
  /** private: in a private writing phase; queued: waits for moderation; hidden: taken off the board. */
  status: 'private' | 'queued' | 'hidden'
  /** The private phase it was written in ('' otherwise). */
  phaseId: string
  /** For `hidden`: the record as it was on the board, to put it back exactly. */
  original: Record<string, unknown> | null
}

export interface OwnBallots {
  voteId: string
  /** Item id -> this person's dots on it. */
  counts: Record<string, number>
}

/** Where a submitted note went. */
export type SubmitOutcome = 'public' | 'private' | 'queued'

/**
 * A record a refused update had written, as it stood before the server undid it: what its author
 * would otherwise lose (an offline note on a board that was locked meanwhile).
 */
export interface RefusedRecord {
  id: string
  kind: string
  boardId: string
  text: string
}

/** At most this many records are sent back with one refusal (an offline session rarely writes more). */
export const REFUSED_RECORDS_MAX = 50

/** Messages from the server on the control channel. */
export type ServerMessage =
  | { type: 'welcome'; role: Role; participantId: string; serverTime: number }
  | { type: 'reply'; id: string; ok: true; result?: unknown }
  | { type: 'reply'; id: string; ok: false; error: CommandError; message: string }
  /**
   * An update of this client's was refused (Refusal in shared/facilitation/guard.ts: reason, board,
   * record, detail); `records`: the sender's writing the undo took away
   * (server/facilitation/refusedRecords.ts), kept by the app for its author.
   */
  | ({ type: 'refused'; records?: RefusedRecord[] } & Refusal)
  /** To each participant: their own held notes and their dots in the open vote. */
  | { type: 'mine'; notes: HeldNote[]; ballots: OwnBallots | null }
  /**
   * To facilitators: held notes they may see (the moderation queue, hidden notes, and private notes
   * when the phase lets them), as changes since the last message (`reset`: the whole set), and how
   * many private notes exist in all.
   */
  | { type: 'held'; reset: boolean; upsert: HeldNote[]; remove: string[]; privateNotes: number; privateAuthors: number }
  /** The open vote: dots per item (empty while hidden), and how many people and dots so far. */
  | { type: 'tally'; voteId: string; counts: Record<string, number>; voters: number; dots: number }
  /**
   * To facilitators, when the workshop's stored size crosses a level of its cap (server/limits):
   * `warning` from CAPACITY_WARNING of it, `full` at the cap (growth is refused), `ok` below again.
   */
  | { type: 'capacity'; level: CapacityLevel; storedBytes: number; maxBytes: number }

export type CapacityLevel = 'ok' | 'warning' | 'full'
/** The share of the size cap from which the facilitator is warned. */
export const CAPACITY_WARNING = 0.8

export function capacityLevel(storedBytes: number, maxBytes: number): CapacityLevel {
  return storedBytes >= maxBytes ? 'full' : storedBytes >= CAPACITY_WARNING * maxBytes ? 'warning' : 'ok'
}

export type CommandResult<T extends CommandType> = T extends 'time'
  ? { serverTime: number }
  : T extends 'note.submit'
    ? { outcome: SubmitOutcome }
    : T extends 'vote.cast' | 'vote.retract'
      ? OwnBallots
      : T extends 'phase.reveal' | 'held.approve'
        ? { revealed: number }
        : T extends 'own.erase'
          ? { erased: number }
          : undefined

export type { CameraView }

/** Parses and validates one command; the error says which field is wrong. */
export function parseCommand(json: string): { ok: true; command: CommandEnvelope } | { ok: false; id: string | null; message: string } {
  let input: unknown
  try {
    input = JSON.parse(json)
  } catch {
    return { ok: false, id: null, message: 'Command must be JSON' }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, id: null, message: 'Command must be a JSON object' }
  }
  const rawId = (input as { id?: unknown }).id
  const id = typeof rawId === 'string' && rawId.length > 0 && rawId.length <= 64 ? rawId : null
  if (id === null) return { ok: false, id: null, message: 'id: must be a string of 1 to 64 characters' }
  const { id: _id, ...rest } = input as Record<string, unknown>
  const result = v.safeParse(commandSchema, rest)
  if (!result.success) {
    const issue = result.issues[0]
    const path = issue?.path?.map((p) => String(p.key)).join('.')
    return { ok: false, id, message: path ? `${path}: ${issue?.message}` : (issue?.message ?? 'invalid command') }
  }
  return { ok: true, command: { ...result.output, id } }
}
