import { describe, expect, it } from 'vitest'
import type { BoardRecord } from '../../../shared/schema/records/board'
import type { SessionPrompt } from '../../../shared/schema/records/session'
import { phoneQuestion } from './phoneQuestion'

const board = (id: string, template: BoardRecord['template'], title = id): BoardRecord => ({ id, title, order: id, template, showHelp: false, linkedBoardId: '' })
const boards = [board('park', 'canvas', 'Parken'), board('lanes', 'challengeBoard', 'Utfordringer'), board('other', 'canvas', 'Torget')]
const prompt = (boardId: string, question = '', lane: SessionPrompt['lane'] = ''): SessionPrompt => ({ boardId, lane, question })

describe('phoneQuestion', () => {
  it.each([
    ['the facilitator’s question', prompt('', 'Hva savner du i parken?'), { boardId: 'park', lane: '' }, { kind: 'prompt', text: 'Hva savner du i parken?' }],
    ['a blank question is none', prompt('', '   '), { boardId: 'park', lane: '' }, { kind: 'board', title: 'Parken' }],
    ['the board’s title without a question', prompt(''), { boardId: 'park', lane: '' }, { kind: 'board', title: 'Parken' }],
    ['a lane’s own question', prompt('lanes', '', 'solution'), { boardId: 'lanes', lane: 'solution' }, { kind: 'lane', lane: 'solution' }],
    ['a challenge board without a lane asks for challenges', prompt('lanes'), { boardId: 'lanes', lane: '' }, { kind: 'lane', lane: 'challenge' }],
    ['the prompt on a lane wins over the lane', prompt('lanes', 'Hva hindrer dere?', 'challenge'), { boardId: 'lanes', lane: 'challenge' }, { kind: 'prompt', text: 'Hva hindrer dere?' }],
    // A private phase on another board: the prompt was about the first board, not this one.
    ['a private phase elsewhere asks its own board', prompt('park', 'Hva savner du?'), { boardId: 'other', lane: '' }, { kind: 'board', title: 'Torget' }],
    ['no board for notes', prompt(''), null, { kind: 'none' }],
    ['a board that is gone', prompt(''), { boardId: 'gone', lane: '' }, { kind: 'none' }],
  ] as const)('%s', (_name, p, target, expected) => {
    expect(phoneQuestion(p, boards, target)).toEqual(expected)
  })
})
