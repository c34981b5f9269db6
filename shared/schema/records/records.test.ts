import { describe, expect, it } from 'vitest'
import { validateBoard } from './board'
import { NOTE_TEXT_MAX, validateNote } from './note'
import { validateWorkshopMeta } from './workshopMeta'

const note = {
  id: 'n1',
  kind: 'note',
  boardId: 'b1',
  x: 10,
  y: -20,
  w: 160,
  h: 160,
  color: 'yellow',
  text: 'Flere møteplasser for ungdom',
  createdAt: 1_700_000_000_000,
  sdgs: [11, 17],
  dimension: 'social',
}

describe('validateNote', () => {
  it('accepts a complete note', () => {
    expect(validateNote(note)).toEqual({ ok: true, value: note })
  })

  it.each([
    ['missing text', { text: undefined }, 'note.text'],
    ['unknown colour', { color: 'chartreuse' }, 'note.color'],
    ['NaN position', { x: Number.NaN }, 'note.x'],
    ['infinite position', { y: Number.POSITIVE_INFINITY }, 'note.y'],
    ['too small', { w: 5 }, 'note.w'],
    ['too large', { h: 50_000 }, 'note.h'],
    ['too long text', { text: 'x'.repeat(NOTE_TEXT_MAX + 1) }, 'note.text'],
    ['id with a slash', { id: 'a/b' }, 'note.id'],
    ['wrong kind', { kind: 'board' }, 'note.kind'],
    ['board id not a string', { boardId: 7 }, 'note.boardId'],
    ['SDG 18', { sdgs: [18] }, 'note.sdgs'],
    ['SDGs out of order', { sdgs: [17, 11] }, 'note.sdgs'],
    ['SDG twice', { sdgs: [3, 3] }, 'note.sdgs'],
    ['unknown dimension', { dimension: 'cultural' }, 'note.dimension'],
  ])('rejects %s', (_name, change, where) => {
    const result = validateNote({ ...note, ...change })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.startsWith(where)).toBe(true)
  })

  it('rejects things that are not objects', () => {
    for (const input of [null, undefined, 'note', 42, []]) expect(validateNote(input).ok).toBe(false)
  })
})

describe('validateBoard', () => {
  const board = { id: 'b1', title: 'Tavle 1', order: 'a0', template: 'canvas', showHelp: true, linkedBoardId: '' }
  it.each([
    ['a canvas board', board, true],
    ['an empty title (allowed: shown as "untitled")', { ...board, title: '' }, true],
    ['a title over 80 characters', { ...board, title: 'x'.repeat(81) }, false],
    ['an unknown template', { ...board, template: 'kanban' }, false],
    ['an empty order', { ...board, order: '' }, false],
    ['no template (written before version 2)', { id: 'b1', title: 't', order: 'a0' }, false],
    ['a stakeholder map linked to nothing', { ...board, template: 'stakeholderMap' }, true],
    ['a matrix linked to a map', { ...board, template: 'involvementMatrix', linkedBoardId: 'map1' }, true],
    ['a link that is not an id', { ...board, linkedBoardId: '../x' }, false],
  ])('%s -> %s', (_name, input, ok) => {
    expect(validateBoard(input).ok).toBe(ok)
  })
})

describe('validateWorkshopMeta', () => {
  it.each([
    [{ title: 'Innbyggerdialog', language: 'nb', createdAt: 1 }, true],
    [{ title: 'Dialog', language: 'nb-NO', createdAt: 1 }, true],
    [{ title: 'Dialog', language: 'Norwegian', createdAt: 1 }, false],
    [{ title: 'x'.repeat(121), language: 'en', createdAt: 1 }, false],
    [{ title: 'Dialog', language: 'en' }, false],
  ])('%j -> %s', (input, ok) => {
    expect(validateWorkshopMeta(input).ok).toBe(ok)
  })
})
