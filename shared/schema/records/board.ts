import * as v from 'valibot'
import { createMigrationSequence } from '../Migration'
import { idSchema, validateWith, type ValidationResult } from '../validation'

/** A board is one page of a workshop. Boards are ordered by `order`, a fractional index. */
export interface BoardRecord {
  id: string
  title: string
  /**
   * Fractional index (fractional-indexing): inserting between two boards changes one record,
   * so concurrent reorders by two people merge instead of overwriting a whole list.
   */
  order: string
  /** Which template the board renders with. Only `canvas` exists so far. */
  template: BoardTemplate
}

export const boardTemplates = ['canvas'] as const
export type BoardTemplate = (typeof boardTemplates)[number]

export const BOARD_TITLE_MAX = 80

export const boardVersions = {
  Initial: 1,
  /** Boards gained a template so that structured boards can sit beside free canvases. */
  AddTemplate: 2,
} as const

export const boardMigrations = createMigrationSequence('board', [
  { version: boardVersions.AddTemplate, up: (record) => ({ ...record, template: record.template ?? 'canvas' }) },
])

const boardSchema = v.object({
  id: idSchema,
  title: v.pipe(v.string(), v.maxLength(BOARD_TITLE_MAX, `at most ${BOARD_TITLE_MAX} characters`)),
  order: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  template: v.picklist(boardTemplates),
})

export function validateBoard(input: unknown): ValidationResult<BoardRecord> {
  return validateWith(boardSchema, 'board', input)
}
