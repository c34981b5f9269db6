import * as v from 'valibot'
import { createMigrationSequence } from '../Migration'
import { finiteNumber, validateWith, type ValidationResult } from '../validation'

/** Workshop-wide settings, stored in the `meta` map beside the schema versions. */
export interface WorkshopMetaRecord {
  title: string
  /** BCP 47 tag; the language new participants see first. */
  language: string
  createdAt: number
}

export const WORKSHOP_TITLE_MAX = 120

export const workshopMetaVersions = { Initial: 1 } as const
export const workshopMetaMigrations = createMigrationSequence('workshopMeta', [])

const workshopMetaSchema = v.object({
  title: v.pipe(v.string(), v.maxLength(WORKSHOP_TITLE_MAX, `at most ${WORKSHOP_TITLE_MAX} characters`)),
  language: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag')),
  createdAt: finiteNumber,
})

export function validateWorkshopMeta(input: unknown): ValidationResult<WorkshopMetaRecord> {
  return validateWith(workshopMetaSchema, 'workshopMeta', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { workshopMetaSchema }
