import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { taggedEntries, type Tagged } from '../tags'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'

/**
 * A stakeholder (interessent). One record serves the stakeholder map, the influence/interest grid,
 * the communication plan and the involvement matrix: renaming it anywhere renames it everywhere.
 */
export interface StakeholderRecord extends Tagged {
  id: string
  kind: 'stakeholder'
  /** The stakeholder map it belongs to. */
  boardId: string
  /** A stakeholderGroup on the same board, or '' while it sits outside every zone. */
  groupId: string
  name: string
  /** 1 (low) – 5 (high): the classic influence/interest grid. */
  influence: number
  interest: number
  contactPerson: string
  /** Communication plan: what message, how (channel), when / how often. */
  message: string
  channel: string
  frequency: string
  /** Position on the map, board coordinates (top-left of the card). */
  x: number
  y: number
  /** OECD involvement level now and wanted, 1 (communication) – 6 (co-production); 0 = not set. */
  levelNow: number
  levelWanted: number
  /**
   * Taken over from an earlier workshop's stakeholder map: where it came from, so the map can link
   * back. null for a stakeholder made here. Never changed after creation.
   */
  origin: StakeholderOrigin | null
  createdAt: number
}

export interface StakeholderOrigin {
  workshopId: string
  stakeholderId: string
}

export const STAKEHOLDER_TEXT_MAX = 200
export const STAKEHOLDER_NAME_MAX = 80
export const STAKEHOLDER_CARD_SIZE = { w: 200, h: 120 } as const

export const stakeholderVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped).
   */
  Bounded: 2,
  /** Stakeholders taken over from an earlier workshop link back to the one they came from. */
  AddOrigin: 3,
} as const
export const stakeholderMigrations = createMigrationSequence('stakeholder', [
  { version: stakeholderVersions.Bounded, up: (record) => pickFields(record, ['id', 'kind', 'boardId', 'groupId', 'name', 'influence', 'interest', 'contactPerson', 'message', 'channel', 'frequency', 'x', 'y', 'levelNow', 'levelWanted', 'createdAt', 'sdgs', 'dimension']) },
  // A Bounded stakeholder has no other fields, so none had an origin: every older one was made where it is.
  { version: stakeholderVersions.AddOrigin, up: (record) => ({ ...record, origin: null }) },
])

const text = v.pipe(v.string(), v.maxLength(STAKEHOLDER_TEXT_MAX, `at most ${STAKEHOLDER_TEXT_MAX} characters`))
const rating = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))
const level = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))

const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('stakeholder'),
  boardId: idSchema,
  groupId: v.union([v.literal(''), idSchema]),
  name: v.pipe(v.string(), v.maxLength(STAKEHOLDER_NAME_MAX, `at most ${STAKEHOLDER_NAME_MAX} characters`)),
  influence: rating,
  interest: rating,
  contactPerson: text,
  message: text,
  channel: text,
  frequency: text,
  x: finiteNumber,
  y: finiteNumber,
  levelNow: level,
  levelWanted: level,
  origin: v.nullable(v.strictObject({ workshopId: idSchema, stakeholderId: idSchema })),
  createdAt: finiteNumber,
  ...taggedEntries,
})

export function validateStakeholder(input: unknown): ValidationResult<StakeholderRecord> {
  return validateWith(schema, 'stakeholder', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as stakeholderSchema }
