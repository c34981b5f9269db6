import * as v from 'valibot'
import { createMigrationSequence, pickFields, type PlainRecord } from '../Migration'
import { finiteNumber, validateWith, type ValidationResult } from '../validation'

/** Workshop-wide settings, stored in the `meta` map beside the schema versions. */
export interface WorkshopMetaRecord {
  title: string
  /** BCP 47 tag; the language new participants see first. */
  language: string
  createdAt: number
}

export const WORKSHOP_TITLE_MAX = 120
/** A BCP 47 tag; 35 characters is what RFC 5646 asks every implementation to take. */
export const LANGUAGE_TAG_MAX = 35
const languageTag = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

export const workshopMetaVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no keys but these and `schema` (unknown ones dropped),
   * and `language` at most LANGUAGE_TAG_MAX characters (cut at a subtag; `nb` when nothing is left).
   */
  Bounded: 2,
} as const
export const workshopMetaMigrations = createMigrationSequence('workshopMeta', [
  {
    version: workshopMetaVersions.Bounded,
    up: (record) => ({ ...pickFields(record, ['title', 'language', 'createdAt']), language: clampLanguage(record) }),
  },
])

function clampLanguage(record: PlainRecord): string {
  const value = typeof record.language === 'string' ? record.language : ''
  let tag = ''
  for (const subtag of value.split('-')) {
    const next = tag === '' ? subtag : `${tag}-${subtag}`
    if (next.length > LANGUAGE_TAG_MAX || !languageTag.test(next)) break
    tag = next
  }
  return tag === '' ? 'nb' : tag
}

const workshopMetaSchema = v.strictObject({
  title: v.pipe(v.string(), v.maxLength(WORKSHOP_TITLE_MAX, `at most ${WORKSHOP_TITLE_MAX} characters`)),
  language: v.pipe(v.string(), v.maxLength(LANGUAGE_TAG_MAX, `at most ${LANGUAGE_TAG_MAX} characters`), v.regex(languageTag, 'must be a language tag')),
  createdAt: finiteNumber,
})

export function validateWorkshopMeta(input: unknown): ValidationResult<WorkshopMetaRecord> {
  return validateWith(workshopMetaSchema, 'workshopMeta', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { workshopMetaSchema }
