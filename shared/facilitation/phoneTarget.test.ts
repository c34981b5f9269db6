import { describe, expect, it } from 'vitest'
import type { BoardRecord } from '../schema/records/board'
import { defaultSession, type SessionPrompt, type WritingPhase } from '../schema/records/session'
import { phoneTarget, promptAfterSummon, promptTarget } from './phoneTarget'

const board = (id: string, template: BoardRecord['template']): BoardRecord => ({ id, title: id, order: id, template, showHelp: false, linkedBoardId: '' })
const map = board('map', 'stakeholderMap')
const canvasA = board('canvasA', 'canvas')
const canvasB = board('canvasB', 'canvas')
const lanes = board('lanes', 'challengeBoard')
const prompt = (boardId: string, lane: SessionPrompt['lane'] = '', question = ''): SessionPrompt => ({ boardId, lane, question })

describe('promptTarget', () => {
  it.each([
    ['no prompt: the first canvas', prompt(''), [map, canvasA, canvasB], { boardId: 'canvasA', lane: '' }],
    ['no canvas: the first challenge board', prompt(''), [map, lanes], { boardId: 'lanes', lane: '' }],
    ['nothing takes notes', prompt(''), [map], null],
    ['no boards', prompt(''), [], null],
    ['the prompt’s board', prompt('canvasB'), [map, canvasA, canvasB], { boardId: 'canvasB', lane: '' }],
    ['the prompt’s lane', prompt('lanes', 'solution'), [canvasA, lanes], { boardId: 'lanes', lane: 'solution' }],
    ['a prompt on a board that takes none falls back', prompt('map'), [map, canvasA], { boardId: 'canvasA', lane: '' }],
    ['a deleted prompt board falls back', prompt('gone', 'action'), [lanes], { boardId: 'lanes', lane: '' }],
  ] as const)('%s', (_name, p, boards, expected) => {
    expect(promptTarget(p, boards)).toEqual(expected)
  })
})

describe('phoneTarget', () => {
  const privatePhase: WritingPhase = { kind: 'private', id: 'ph', boardId: 'lanes', lane: 'challenge', facilitatorSees: false, startedAt: 1 }
  it('is the private writing’s board while it lasts, else the prompt’s', () => {
    const boards = [canvasA, lanes]
    expect(phoneTarget({ ...defaultSession, phase: privatePhase, prompt: prompt('canvasA') }, boards)).toEqual({ boardId: 'lanes', lane: 'challenge' })
    expect(phoneTarget({ ...defaultSession, prompt: prompt('lanes', 'action') }, boards)).toEqual({ boardId: 'lanes', lane: 'action' })
    expect(phoneTarget(defaultSession, boards)).toEqual({ boardId: 'canvasA', lane: '' })
  })
})

describe('promptAfterSummon', () => {
  const boards = [map, canvasA, canvasB, lanes]
  it.each([
    ['to another canvas: notes go there, the old question goes', prompt('canvasA', '', 'Hva savner du?'), canvasB, prompt('canvasB')],
    ['to a challenge board', prompt(''), lanes, prompt('lanes')],
    ['to the board notes already go to: unchanged', prompt('canvasB', '', 'Hva savner du?'), canvasB, prompt('canvasB', '', 'Hva savner du?')],
    ['to the first canvas when no prompt board is set: unchanged', prompt('', '', 'Hva savner du?'), canvasA, prompt('', '', 'Hva savner du?')],
    ['to a stakeholder map: unchanged', prompt('canvasB', '', 'Hva savner du?'), map, prompt('canvasB', '', 'Hva savner du?')],
  ] as const)('%s', (_name, before, to, expected) => {
    expect(promptAfterSummon(before, to, boards)).toEqual(expected)
  })
})
