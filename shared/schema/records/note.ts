import * as v from 'valibot'
import { createMigrationSequence, pickFields } from '../Migration'
import { finiteNumber, idSchema, validateWith, type ValidationResult } from '../validation'
import { taggedEntries, untagged, type Tagged } from '../tags'

/** A sticky note on a board. Position and size are in board coordinates (unzoomed pixels). */
export interface NoteRecord extends Tagged {
  id: string
  kind: 'note'
  boardId: string
  x: number
  y: number
  w: number
  h: number
  color: NoteColor
  /**
   * Plain string, last writer wins per note: notes are short and written by one person at a time,
   * and a string keeps the document simple for programs that only have the `yjs` package.
   */
  text: string
  /** Milliseconds since the epoch; breaks ties in stacking so order is the same for everyone. */
  createdAt: number
}

/** Named colours, not hex: the client maps them to palettes that meet text contrast. */
export const noteColors = ['yellow', 'orange', 'pink', 'purple', 'blue', 'green', 'grey'] as const
export type NoteColor = (typeof noteColors)[number]

export const NOTE_TEXT_MAX = 2000
export const NOTE_MIN_SIZE = 40
export const NOTE_MAX_SIZE = 2000
export const NOTE_DEFAULT_SIZE = 160

export const noteVersions = {
  Initial: 1,
  /** Notes can be tagged with SDGs and a sustainability dimension. */
  AddTags: 2,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped).
   */
  Bounded: 3,
} as const

export const noteMigrations = createMigrationSequence('note', [
  { version: noteVersions.AddTags, up: (record) => ({ ...untagged, ...record }) },
  { version: noteVersions.Bounded, up: (record) => pickFields(record, ['id', 'kind', 'boardId', 'x', 'y', 'w', 'h', 'color', 'text', 'createdAt', 'sdgs', 'dimension']) },
])

const size = v.pipe(finiteNumber, v.minValue(NOTE_MIN_SIZE), v.maxValue(NOTE_MAX_SIZE))
const noteSchema = v.strictObject({
  id: idSchema,
  kind: v.literal('note'),
  boardId: idSchema,
  x: finiteNumber,
  y: finiteNumber,
  w: size,
  h: size,
  color: v.picklist(noteColors),
  text: v.pipe(v.string(), v.maxLength(NOTE_TEXT_MAX, `at most ${NOTE_TEXT_MAX} characters`)),
  createdAt: finiteNumber,
  ...taggedEntries,
})

export function validateNote(input: unknown): ValidationResult<NoteRecord> {
  return validateWith(noteSchema, 'note', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { noteSchema }
