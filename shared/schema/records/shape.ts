import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { taggedEntries, type Tagged } from '../tags'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'
import { colorSchema } from './connector'

/** A rectangle or ellipse, optionally with a label inside. */
export interface ShapeRecord extends Tagged {
  id: string
  kind: 'shape'
  boardId: string
  shape: 'rect' | 'ellipse'
  x: number
  y: number
  w: number
  h: number
  /** '' for no fill. */
  fill: string
  stroke: string
  text: string
  createdAt: number
}

export const shapeVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped).
   */
  Bounded: 2,
} as const
export const shapeMigrations = createMigrationSequence('shape', [
  { version: shapeVersions.Bounded, up: (record) => pickFields(record, ['id', 'kind', 'boardId', 'shape', 'x', 'y', 'w', 'h', 'fill', 'stroke', 'text', 'createdAt', 'sdgs', 'dimension']) },
])

const size = v.pipe(finiteNumber, v.minValue(4), v.maxValue(10_000))
const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('shape'),
  boardId: idSchema,
  shape: v.picklist(['rect', 'ellipse']),
  x: finiteNumber,
  y: finiteNumber,
  w: size,
  h: size,
  fill: v.union([v.literal(''), colorSchema]),
  stroke: colorSchema,
  text: v.pipe(v.string(), v.maxLength(500)),
  createdAt: finiteNumber,
  ...taggedEntries,
})

export function validateShape(input: unknown): ValidationResult<ShapeRecord> {
  return validateWith(schema, 'shape', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as shapeSchema }
