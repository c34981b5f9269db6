import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'

/**
 * A photo on a board. The bytes live on the server under their SHA-256 (`GET /api/images/<hash>`),
 * never in the Yjs document, which every participant downloads whole.
 */
export interface ImageRecord {
  id: string
  kind: 'image'
  boardId: string
  x: number
  y: number
  w: number
  h: number
  /** Lower-case hex SHA-256 of the file's bytes. */
  hash: string
  mime: ImageMime
  /** Text alternative for people who cannot see the photo. */
  alt: string
  createdAt: number
}

export const imageMimes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const
export type ImageMime = (typeof imageMimes)[number]
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024

export const imageVersions = {
  Initial: 1,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped).
   */
  Bounded: 2,
} as const
export const imageMigrations = createMigrationSequence('image', [
  { version: imageVersions.Bounded, up: (record) => pickFields(record, ['id', 'kind', 'boardId', 'x', 'y', 'w', 'h', 'hash', 'mime', 'alt', 'createdAt']) },
])

const size = v.pipe(finiteNumber, v.minValue(8), v.maxValue(10_000))
const schema = v.strictObject({
  id: idSchema,
  kind: v.literal('image'),
  boardId: idSchema,
  x: finiteNumber,
  y: finiteNumber,
  w: size,
  h: size,
  hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest')),
  mime: v.picklist(imageMimes),
  alt: v.pipe(v.string(), v.maxLength(500)),
  createdAt: finiteNumber,
})

export function validateImage(input: unknown): ValidationResult<ImageRecord> {
  return validateWith(schema, 'image', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { schema as imageSchema }
