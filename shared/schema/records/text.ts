import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { taggedEntries, type Tagged } from '../tags'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'
import { colorSchema } from './connector'

/** Free text on a canvas (a heading, a label). Width fixed, height follows the text. */
export interface TextRecord extends Tagged {
  id: string
  kind: 'text'
  boardId: string
  x: number
  y: number
  w: number
  text: string
  fontSize: number
  color: string
  createdAt: number
}

export const TEXT_MAX = 2000

export const textVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped).
   */
  Bounded: 2,
} as const
export const textMigrations = createMigrationSequence('text', [
  { version: textVersions.Bounded, up: (record) => pickFields(record, ['id', 'kind', 'boardId', 'x', 'y', 'w', 'text', 'fontSize', 'color', 'createdAt', 'sdgs', 'dimension']) },
])

const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('text'),
  boardId: idSchema,
  x: finiteNumber,
  y: finiteNumber,
  w: v.pipe(finiteNumber, v.minValue(20), v.maxValue(4000)),
  text: v.pipe(v.string(), v.maxLength(TEXT_MAX, `at most ${TEXT_MAX} characters`)),
  fontSize: v.pipe(finiteNumber, v.minValue(8), v.maxValue(200)),
  color: colorSchema,
  createdAt: finiteNumber,
  ...taggedEntries,
})

export function validateText(input: unknown): ValidationResult<TextRecord> {
  return validateWith(schema, 'text', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as textSchema }
