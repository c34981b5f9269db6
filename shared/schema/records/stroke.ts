import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'
import { colorSchema } from './connector'

/**
 * A freehand pen stroke. `points` is flat `[x0, y0, p0, x1, y1, p1, …]` relative to (x, y), with
 * pressure p in 0–1 (0.5 for a mouse): flat numbers are several times smaller in Yjs than objects.
 * A stroke is written once when the pen lifts, never point by point.
 */
export interface StrokeRecord {
  id: string
  kind: 'stroke'
  boardId: string
  x: number
  y: number
  points: number[]
  color: string
  size: number
  createdAt: number
}

export const STROKE_MAX_POINTS = 5000

export const strokeVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped).
   */
  Bounded: 2,
} as const
export const strokeMigrations = createMigrationSequence('stroke', [
  { version: strokeVersions.Bounded, up: (record) => pickFields(record, ['id', 'kind', 'boardId', 'x', 'y', 'points', 'color', 'size', 'createdAt']) },
])

const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('stroke'),
  boardId: idSchema,
  x: finiteNumber,
  y: finiteNumber,
  points: v.pipe(
    v.array(finiteNumber),
    v.maxLength(STROKE_MAX_POINTS * 3, `at most ${STROKE_MAX_POINTS} points`),
    v.check((p) => p.length % 3 === 0 && p.length >= 3, 'must be x, y, pressure triples'),
  ),
  color: colorSchema,
  size: v.pipe(finiteNumber, v.minValue(1), v.maxValue(64)),
  createdAt: finiteNumber,
})

export function validateStroke(input: unknown): ValidationResult<StrokeRecord> {
  return validateWith(schema, 'stroke', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as strokeSchema }
