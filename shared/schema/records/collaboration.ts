import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'

/**
 * The definition card for a chosen collaboration with one stakeholder, on an involvement matrix:
 * what the source texts say must be agreed. Each field is its own key so two people can fill in
 * different fields at once.
 */
export interface CollaborationRecord {
  id: string
  kind: 'collaboration'
  /** The involvement matrix board it is on. */
  boardId: string
  stakeholderId: string
  goals: string
  rolesAndResponsibility: string
  funding: string
  expectedResults: string
  indicators: string
  platforms: string
  createdAt: number
}

export const collaborationFields = [
  'goals',
  'rolesAndResponsibility',
  'funding',
  'expectedResults',
  'indicators',
  'platforms',
] as const satisfies readonly (keyof CollaborationRecord)[]

export const COLLABORATION_TEXT_MAX = 2000

export const collaborationVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped).
   */
  Bounded: 2,
} as const
export const collaborationMigrations = createMigrationSequence('collaboration', [
  { version: collaborationVersions.Bounded, up: (record) => pickFields(record, ['id', 'kind', 'boardId', 'stakeholderId', 'goals', 'rolesAndResponsibility', 'funding', 'expectedResults', 'indicators', 'platforms', 'createdAt']) },
])

const text = v.pipe(v.string(), v.maxLength(COLLABORATION_TEXT_MAX, `at most ${COLLABORATION_TEXT_MAX} characters`))
const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('collaboration'),
  boardId: idSchema,
  stakeholderId: idSchema,
  goals: text,
  rolesAndResponsibility: text,
  funding: text,
  expectedResults: text,
  indicators: text,
  platforms: text,
  createdAt: finiteNumber,
})

export function validateCollaboration(input: unknown): ValidationResult<CollaborationRecord> {
  return validateWith(schema, 'collaboration', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as collaborationSchema }
