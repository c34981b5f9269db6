import * as v from 'valibot'
import { BOARD_TITLE_MAX } from './boardTitle'
import { createMigrationSequence, pickFields } from '../Migration'
import { clampOrderKey, idSchema, orderSchema, validateWith, type ValidationResult } from '../validation'

/** A board is one page of a workshop. Boards are ordered by `order`, a fractional index. */
export interface BoardRecord {
  id: string
  title: string
  /**
   * Fractional index (fractional-indexing): inserting between two boards changes one record,
   * so concurrent reorders by two people merge instead of overwriting a whole list.
   */
  order: string
  /** Which template the board renders with. */
  template: BoardTemplate
  /** Whether the template's short how-to is shown on the board (the facilitator can hide it). */
  showHelp: boolean
  /**
   * For an involvement matrix or a challenge board: the stakeholder map whose stakeholders it uses
   * (the workshop kit links them). '' when the board stands alone.
   */
  linkedBoardId: string
}

export const boardTemplates = ['canvas', 'stakeholderMap', 'involvementMatrix', 'challengeBoard'] as const
export type BoardTemplate = (typeof boardTemplates)[number]

export { BOARD_TITLE_MAX } from './boardTitle'

export const boardVersions = {
  Initial: 1,
  /** Boards gained a template so that structured boards can sit beside free canvases. */
  AddTemplate: 2,
  /** Structured boards: on-board help that can be hidden, and a link to a stakeholder map. */
  AddHelpAndLink: 3,
  /**
   * Checked by the server on every update: no fields but these (unknown ones dropped), and `order`
   * a fractional index of at most ORDER_MAX characters (clamped).
   */
  Bounded: 4,
} as const

export const boardMigrations = createMigrationSequence('board', [
  { version: boardVersions.AddTemplate, up: (record) => ({ ...record, template: record.template ?? 'canvas' }) },
  { version: boardVersions.AddHelpAndLink, up: (record) => ({ showHelp: true, linkedBoardId: '', ...record }) },
  {
    version: boardVersions.Bounded,
    up: (record) => ({
      ...pickFields(record, ['id', 'title', 'order', 'template', 'showHelp', 'linkedBoardId']),
      order: clampOrderKey(record.order),
    }),
  },
])

const boardSchema = v.strictObject({
  id: idSchema,
  title: v.pipe(v.string(), v.maxLength(BOARD_TITLE_MAX, `at most ${BOARD_TITLE_MAX} characters`)),
  order: orderSchema,
  template: v.picklist(boardTemplates),
  showHelp: v.boolean(),
  linkedBoardId: v.union([v.literal(''), idSchema]),
})

export function validateBoard(input: unknown): ValidationResult<BoardRecord> {
  return validateWith(boardSchema, 'board', input)
}

/** Walked by the schema fingerprint (shared/schema/schemaFingerprint.ts): changing it needs a new version. */
export { boardSchema }
