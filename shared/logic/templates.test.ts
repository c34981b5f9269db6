import { describe, expect, it } from 'vitest'
import { validateBoard } from '../schema/records/board'
import { validateItem } from '../schema/schema'
import { sortByOrder } from './boardOrder'
import { planAddBoard, type BoardChoice } from './templates'

const titles = { canvas: 'Lerret', stakeholderMap: 'Interessentkart', involvementMatrix: 'Involvering', challengeBoard: 'Tiltak' }

function plan(choice: BoardChoice, existing = [{ id: 'old', order: 'a0' }], linkTo?: string) {
  let n = 0
  return planAddBoard({ choice, existingBoards: existing, titles, newId: () => `id${++n}`, now: 5, linkTo })
}

describe('planAddBoard', () => {
  it.each([
    ['canvas', ['canvas'], 0],
    ['stakeholderMap', ['stakeholderMap'], 5],
    ['involvementMatrix', ['involvementMatrix'], 0],
    ['challengeBoard', ['challengeBoard'], 0],
    ['workshopKit', ['stakeholderMap', 'involvementMatrix', 'challengeBoard'], 5],
  ] as const)('%s adds %j and %i groups', (choice, templates, groups) => {
    const { plan: p, firstBoardId } = plan(choice)
    expect(p.createBoards?.map((b) => b.template)).toEqual(templates)
    expect(p.createItems).toHaveLength(groups)
    expect(firstBoardId).toBe(p.createBoards?.[0]?.id)
    for (const board of p.createBoards ?? []) expect(validateBoard(board)).toMatchObject({ ok: true })
    for (const item of p.createItems ?? []) expect(validateItem(item)).toMatchObject({ ok: true })
  })

  it('puts new boards after the existing ones, in the order given', () => {
    const { plan: p } = plan('workshopKit', [{ id: 'old', order: 'a5' }])
    const sorted = sortByOrder([{ id: 'old', order: 'a5' }, ...(p.createBoards ?? [])])
    expect(sorted.map((b) => b.id)).toEqual(['old', 'id1', 'id7', 'id8'])
  })

  it('links the kit’s matrix and challenge board to its map', () => {
    const { plan: p } = plan('workshopKit')
    const [map, matrix, challenges] = p.createBoards!
    expect(map!.linkedBoardId).toBe('')
    expect(matrix!.linkedBoardId).toBe(map!.id)
    expect(challenges!.linkedBoardId).toBe(map!.id)
  })

  it('links a lone matrix to the map it is given, a canvas never', () => {
    expect(plan('involvementMatrix', [], 'map7').plan.createBoards![0]!.linkedBoardId).toBe('map7')
    expect(plan('canvas', [], 'map7').plan.createBoards![0]!.linkedBoardId).toBe('')
  })

  it('gives the map the five default groups in order, named by preset', () => {
    const groups = plan('stakeholderMap').plan.createItems!
    expect(groups.map((g) => (g.kind === 'stakeholderGroup' ? g.preset : null))).toEqual([
      'authorities',
      'community',
      'operatingUnits',
      'privateSector',
      'knowledge',
    ])
    expect(groups.every((g) => g.kind === 'stakeholderGroup' && g.name === '')).toBe(true)
    expect(sortByOrder(groups as { id: string; order: string }[]).map((g) => g.id)).toEqual(groups.map((g) => g.id))
  })

  it('opens the how-to for nobody: it waits behind each board’s "?" until the facilitator opens it for everyone', () => {
    expect(plan('workshopKit').plan.createBoards!.some((b) => b.showHelp)).toBe(false)
    expect(plan('canvas').plan.createBoards![0]!.showHelp).toBe(false)
  })
})
