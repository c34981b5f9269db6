import { describe, expect, it } from 'vitest'
import type { BoardRecord, BoardTemplate } from '../../../shared/schema/records/board'
import { phoneTarget, resolveTarget, type Target } from './boardTarget'

const board = (id: string, template: BoardTemplate): BoardRecord => ({ id, template, title: id, order: 'a0', showHelp: false, linkedBoardId: '' })
const boards = [board('map', 'stakeholderMap'), board('canvas', 'canvas'), board('lanes', 'challengeBoard'), board('matrix', 'involvementMatrix')]

describe('resolveTarget', () => {
  it.each<{ case: string; chosen: Target | null; current: string | null; whole: boolean; expected: Target }>([
    { case: 'the canvas on screen', chosen: null, current: 'canvas', whole: false, expected: { boardId: 'canvas', lane: '' } },
    { case: 'a challenge board on screen: its first lane for notes', chosen: null, current: 'lanes', whole: false, expected: { boardId: 'lanes', lane: 'challenge' } },
    { case: 'a challenge board on screen: all of it for a vote', chosen: null, current: 'lanes', whole: true, expected: { boardId: 'lanes', lane: '' } },
    { case: 'a board without notes on screen: the first that has them', chosen: null, current: 'map', whole: false, expected: { boardId: 'canvas', lane: '' } },
    { case: 'nothing on screen', chosen: null, current: null, whole: false, expected: { boardId: 'canvas', lane: '' } },
    { case: 'the chosen lane wins over the screen', chosen: { boardId: 'lanes', lane: 'action' }, current: 'canvas', whole: false, expected: { boardId: 'lanes', lane: 'action' } },
    { case: 'a chosen board that is gone: back to the screen', chosen: { boardId: 'deleted', lane: 'action' }, current: 'lanes', whole: false, expected: { boardId: 'lanes', lane: 'challenge' } },
    { case: 'a chosen board that takes no notes is ignored', chosen: { boardId: 'matrix', lane: '' }, current: 'canvas', whole: false, expected: { boardId: 'canvas', lane: '' } },
    { case: 'whole board chosen where notes need a lane', chosen: { boardId: 'lanes', lane: '' }, current: null, whole: false, expected: { boardId: 'lanes', lane: 'challenge' } },
    { case: 'a lane on a canvas means nothing', chosen: { boardId: 'canvas', lane: 'solution' }, current: null, whole: true, expected: { boardId: 'canvas', lane: '' } },
  ])('$case', ({ chosen, current, whole, expected }) => {
    expect(resolveTarget(chosen, boards, current, whole)).toEqual(expected)
  })

  it('has no target when no board takes notes', () => {
    expect(resolveTarget(null, [board('map', 'stakeholderMap')], 'map', true)).toEqual({ boardId: '', lane: '' })
  })
})

describe('phoneTarget', () => {
  const lanesFirst = [board('lanes', 'challengeBoard'), board('map', 'stakeholderMap'), board('canvas', 'canvas')]
  it.each<{ case: string; prompt: Target; boards: BoardRecord[]; expected: Target | null }>([
    { case: 'no prompt: the first free canvas, even after a challenge board', prompt: { boardId: '', lane: '' }, boards: lanesFirst, expected: { boardId: 'canvas', lane: '' } },
    { case: 'no canvas: the first challenge board, first lane', prompt: { boardId: '', lane: '' }, boards: [board('lanes', 'challengeBoard')], expected: { boardId: 'lanes', lane: 'challenge' } },
    { case: 'the prompt board and lane', prompt: { boardId: 'lanes', lane: 'solution' }, boards: lanesFirst, expected: { boardId: 'lanes', lane: 'solution' } },
    { case: 'a prompt board that takes no notes falls back', prompt: { boardId: 'map', lane: '' }, boards: lanesFirst, expected: { boardId: 'canvas', lane: '' } },
    { case: 'a deleted prompt board falls back', prompt: { boardId: 'gone', lane: 'action' }, boards: [board('lanes', 'challengeBoard')], expected: { boardId: 'lanes', lane: 'challenge' } },
    { case: 'no board takes notes', prompt: { boardId: '', lane: '' }, boards: [board('map', 'stakeholderMap')], expected: null },
  ])('$case', ({ prompt, boards: list, expected }) => {
    expect(phoneTarget(prompt, list)).toEqual(expected)
  })
})
