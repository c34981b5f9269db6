import * as v from 'valibot'
import { createMigrationSequence } from '../Migration'
import { taggedEntries, type Tagged } from '../tags'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'

/**
 * A card on a challenge / solution / action board. One kind with a `lane`, so moving a card to
 * another lane is a one-field change; the action fields are kept (and ignored) outside the
 * action lane, so moving a card back and forth loses nothing.
 */
export interface CardRecord extends Tagged {
  id: string
  kind: 'card'
  boardId: string
  lane: CardLane
  text: string
  /** Fractional index within the lane. */
  order: string
  /** Actions: who does it (free text: a person, a unit or a stakeholder's name). */
  owner: string
  /** Actions: due date as `YYYY-MM-DD`, or ''. A date, not a time: no time zones in the minutes. */
  dueDate: string
  status: ActionStatus
  /**
   * An action taken over from an earlier workshop (a follow-up meeting): where it came from, so the
   * register and the minutes can link back. null for a card made here. Never changed after creation.
   */
  origin: CardOrigin | null
  createdAt: number
}

export interface CardOrigin {
  workshopId: string
  cardId: string
}

export const cardLanes = ['challenge', 'solution', 'action'] as const
export type CardLane = (typeof cardLanes)[number]
export const actionStatuses = ['open', 'inProgress', 'done'] as const
export type ActionStatus = (typeof actionStatuses)[number]

export const CARD_TEXT_MAX = 500
export const OWNER_MAX = 80

export const cardVersions = {
  Initial: 1,
  /** Actions taken over into a follow-up workshop link back to the card they came from. */
  AddOrigin: 2,
} as const
export const cardMigrations = createMigrationSequence('card', [
  { version: cardVersions.AddOrigin, up: (record) => ({ origin: null, ...record }) },
])

const schema = v.object({
  id: idSchema,
  kind: v.literal('card'),
  boardId: idSchema,
  lane: v.picklist(cardLanes),
  text: v.pipe(v.string(), v.maxLength(CARD_TEXT_MAX, `at most ${CARD_TEXT_MAX} characters`)),
  order: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  owner: v.pipe(v.string(), v.maxLength(OWNER_MAX, `at most ${OWNER_MAX} characters`)),
  dueDate: v.union([v.literal(''), v.pipe(v.string(), v.isoDate('must be a date YYYY-MM-DD'))]),
  status: v.picklist(actionStatuses),
  origin: v.nullable(v.strictObject({ workshopId: idSchema, cardId: idSchema })),
  createdAt: finiteNumber,
  ...taggedEntries,
})

export function validateCard(input: unknown): ValidationResult<CardRecord> {
  return validateWith(schema, 'card', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as cardSchema }
