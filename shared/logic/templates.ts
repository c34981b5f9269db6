import { generateKeyBetween } from 'fractional-indexing'
import type { BoardRecord, BoardTemplate } from '../schema/records/board'
import { stakeholderGroupPresets, type StakeholderGroupRecord } from '../schema/records/stakeholderGroup'
import { orderAtEnd, type Ordered } from './boardOrder'
import type { DocumentPlan } from './plan'

/** What "add a board" offers: the four templates and the kit that adds three at once, linked. */
export type BoardChoice = BoardTemplate | 'workshopKit'
export const boardChoices: readonly BoardChoice[] = [
  'stakeholderMap',
  'involvementMatrix',
  'challengeBoard',
  'canvas',
  'workshopKit',
]

/**
 * The built-in starting kits "New workshop" offers beside the empty board and colleagues' templates
 * (POST /api/workshops `kit`): the board sets the product has, today the workshop kit.
 */
export const starterKits = ['workshopKit'] as const satisfies readonly BoardChoice[]
export type StarterKit = (typeof starterKits)[number]

export interface AddBoardInput {
  choice: BoardChoice
  existingBoards: readonly Ordered[]
  /** Translated titles, by template (the kit uses three of them). */
  titles: Record<BoardTemplate, string>
  /** A fresh unique id each call (nanoid in the app, a counter in tests). */
  newId: () => string
  now: number
  /** For a matrix or challenge board added on its own: the stakeholder map to use, or ''. */
  linkTo?: string
}

/**
 * Plans adding a board (or the kit's three). A stakeholder map starts with the five default groups;
 * a matrix and a challenge board point at a stakeholder map so they share its stakeholders.
 * Returns the plan and the id of the board to show first.
 */
export function planAddBoard(input: AddBoardInput): { plan: DocumentPlan; firstBoardId: string } {
  const { choice, titles, newId, now } = input
  const boards: BoardRecord[] = []
  const items: StakeholderGroupRecord[] = []
  let last: string | null = orderAtEnd(input.existingBoards)
  const add = (template: BoardTemplate, linkedBoardId: string): BoardRecord => {
    // The how-to waits behind the board's "?" until the facilitator opens it for everyone: it no longer takes a row above every new board.
    const board: BoardRecord = { id: newId(), title: titles[template], order: last!, template, showHelp: false, linkedBoardId }
    last = generateKeyBetween(last, null)
    boards.push(board)
    if (template === 'stakeholderMap') items.push(...defaultGroups(board.id, newId, now))
    return board
  }
  if (choice === 'workshopKit') {
    const map = add('stakeholderMap', '')
    add('involvementMatrix', map.id)
    add('challengeBoard', map.id)
  } else {
    add(choice, choice === 'involvementMatrix' || choice === 'challengeBoard' ? (input.linkTo ?? '') : '')
  }
  return { plan: { createBoards: boards, createItems: items }, firstBoardId: boards[0]!.id }
}

/** The five groups of DOMAIN.md, named by preset so each person sees them in their language. */
export function defaultGroups(boardId: string, newId: () => string, now: number): StakeholderGroupRecord[] {
  let order: string | null = null
  return stakeholderGroupPresets.map((preset) => {
    order = generateKeyBetween(order, null)
    return { id: newId(), kind: 'stakeholderGroup', boardId, name: '', preset, order, createdAt: now }
  })
}
