import * as v from 'valibot'
import { validateWith, idSchema, finiteNumber, type ValidationResult } from '../validation'
import { BOARD_TITLE_MAX } from './boardTitle'
import {
  countUpTo,
  liveSessionFieldSchemas,
  nonNegativeInteger,
  readSessionFields,
  targetLaneSchema,
  VOTE_RESULTS_MAX,
  VOTE_TEXT_MAX,
  VOTES_KEPT_MAX,
  VOTES_PER_PERSON_MAX,
  type ClosedVote,
  type SessionRecord,
} from './session'

/*
 * The session record whole: session.ts's fields and the kept votes (up to 200, each with up to 2,000
 * results), and the readers of the whole record (the server, the board, the minutes, the schema
 * fingerprint). The votes' validator lives apart so that the phone page, which reads the session
 * with `readLiveSession` and never lists kept votes, does not download it (tests/e2e/phoneBudget.test.ts).
 */

const closedVotesSchema: v.GenericSchema<unknown, ClosedVote[]> = v.pipe(
  v.array(
    v.pipe(
      v.object({
        id: idSchema,
        boardId: idSchema,
        boardTitle: v.pipe(v.string(), v.maxLength(BOARD_TITLE_MAX)),
        lane: targetLaneSchema,
        votesPerPerson: countUpTo(VOTES_PER_PERSON_MAX),
        maxPerItem: countUpTo(VOTES_PER_PERSON_MAX),
        hidden: v.boolean(),
        openedAt: finiteNumber,
        closedAt: finiteNumber,
        voters: nonNegativeInteger,
        eligible: nonNegativeInteger,
        results: v.pipe(
          v.array(v.object({ itemId: idSchema, text: v.pipe(v.string(), v.maxLength(VOTE_TEXT_MAX)), dots: v.pipe(nonNegativeInteger, v.minValue(1)) })),
          v.maxLength(VOTE_RESULTS_MAX),
        ),
      }),
      v.check((vote) => vote.maxPerItem <= vote.votesPerPerson, 'maxPerItem must not exceed votesPerPerson'),
    ),
  ),
  v.maxLength(VOTES_KEPT_MAX),
)

const fieldSchemas: { [K in keyof SessionRecord]: v.GenericSchema<unknown, SessionRecord[K]> } = { ...liveSessionFieldSchemas, votes: closedVotesSchema }

export const sessionFields = Object.keys(fieldSchemas) as (keyof SessionRecord)[]

/** Validates one field (as the server writes it and as clients read it). */
export function validateSessionField<K extends keyof SessionRecord>(key: K, input: unknown): ValidationResult<SessionRecord[K]> {
  return validateWith(fieldSchemas[key], `session.${key}`, input) as ValidationResult<SessionRecord[K]>
}

/**
 * Reads a whole session from its stored fields: each invalid or missing field gets its default, and
 * the errors are returned so a reader can log them once.
 */
export function readSession(fields: Readonly<Record<string, unknown>>): { session: SessionRecord; errors: string[] } {
  return readSessionFields(fieldSchemas, fields)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing a field needs a new version. */
export { fieldSchemas as sessionFieldSchemas }
