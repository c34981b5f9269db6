import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { clampToCalendarDay, isCalendarDay } from '../calendarDay'
import { taggedEntries, type Tagged } from '../tags'
import { clampOrderKey, finiteNumber, idSchema, orderSchema, validateWith, type ValidationResult } from '../validation'

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
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped), and `order`
   * a fractional index of at most ORDER_MAX characters (clamped).
   */
  Bounded: 2,
  /** Actions taken over into a follow-up workshop link back to the card they came from. */
  AddOrigin: 3,
  /** `dueDate` a day that exists: version 3 took any YYYY-MM-DD, so 2026-02-30 sorted and exported as a date. */
  CalendarDay: 4,
} as const
export const cardMigrations = createMigrationSequence('card', [
  { version: cardVersions.Bounded, up: (record) => ({ ...pickFields(record, ['id', 'kind', 'boardId', 'lane', 'text', 'order', 'owner', 'dueDate', 'status', 'createdAt', 'sdgs', 'dimension']), order: clampOrderKey(record.order) }) },
  // A Bounded card has no other fields, so none had an origin: every older card was made where it is.
  { version: cardVersions.AddOrigin, up: (record) => ({ ...record, origin: null }) },
  // A day past its month's end (only 29–31 can be: version 3 checked the month and 01–31) becomes the
  // month's last day: the writer meant the end of that month, and the action stays dated, overdue
  // when it is and in the calendar export (docs/schema.md says why not clear it).
  { version: cardVersions.CalendarDay, up: (record) => (typeof record.dueDate === 'string' ? { ...record, dueDate: clampToCalendarDay(record.dueDate) } : record) },
])

export const DUE_DATE_NOT_A_DAY = 'must be a day of the calendar (YYYY-MM-DD; 30 February does not exist)'

const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('card'),
  boardId: idSchema,
  lane: v.picklist(cardLanes),
  text: v.pipe(v.string(), v.maxLength(CARD_TEXT_MAX, `at most ${CARD_TEXT_MAX} characters`)),
  order: orderSchema,
  owner: v.pipe(v.string(), v.maxLength(OWNER_MAX, `at most ${OWNER_MAX} characters`)),
  dueDate: v.union([v.literal(''), v.pipe(v.string(), v.isoDate('must be a date YYYY-MM-DD'), v.check(isCalendarDay, DUE_DATE_NOT_A_DAY))]),
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
