import { describe, expect, it } from 'vitest'
import { keyCommand, readingPosition, revealRect, stepFocus, type KeyContext, type KeyInput } from './canvasKeyboard'

const r = (x: number, y: number) => ({ x, y, w: 100, h: 100 })
// Reading order: a (top left), b (top right), c (below), then d (no place of its own).
const items = [
  { id: 'c', rect: r(0, 300) },
  { id: 'b', rect: r(300, 10) },
  { id: 'a', rect: r(0, 0) },
  { id: 'd', rect: null },
]

describe('stepFocus', () => {
  it.each([
    ['Tab from nothing starts at the first', null, 1, 'a'],
    ['Shift+Tab from nothing starts at the last', null, -1, 'd'],
    ['Tab goes on in reading order', 'a', 1, 'b'],
    ['across rows', 'b', 1, 'c'],
    ['Shift+Tab goes back', 'c', -1, 'b'],
    ['Tab past the last leaves', 'd', 1, null],
    ['Shift+Tab before the first leaves', 'a', -1, null],
    ['an item no longer on the board counts as nothing', 'gone', 1, 'a'],
  ] as const)('%s', (_name, current, direction, expected) => {
    expect(stepFocus(items, current, direction)).toBe(expected)
  })

  it('an empty board has nothing to focus', () => {
    expect(stepFocus([], null, 1)).toBeNull()
  })
})

describe('readingPosition', () => {
  it.each([
    ['a', { position: 1, total: 4 }],
    ['c', { position: 3, total: 4 }],
    ['nope', null],
  ] as const)('%s', (id, expected) => {
    expect(readingPosition(items, id)).toEqual(expected)
  })
})

describe('revealRect', () => {
  const view = { w: 800, h: 600 }
  const camera = { x: 0, y: 0, scale: 1 }
  it.each([
    ['in view: unchanged', camera, r(200, 200), camera],
    ['off to the right: pans left just enough', camera, r(900, 200), { x: -248, y: 0, scale: 1 }],
    ['above: pans down', camera, r(200, -300), { x: 0, y: 348, scale: 1 }],
    ['zoomed: margins are screen pixels', { x: 0, y: 0, scale: 2 }, r(500, 0), { x: -448, y: 48, scale: 2 }],
    ['bigger than the view: its top left is shown', camera, { x: 1000, y: 100, w: 2000, h: 50 }, { x: -952, y: 0, scale: 1 }],
  ] as const)('%s', (_name, cam, rect, expected) => {
    const result = revealRect(cam, view, rect)
    expect(result).toEqual(expected)
    if (expected === cam) expect(result).toBe(cam)
  })
})

describe('keyCommand', () => {
  const key = (k: string, over: Partial<KeyInput> = {}): KeyInput => ({ key: k, code: '', shift: false, mod: false, alt: false, repeat: false, onCanvas: true, ...over })
  const ctx = (over: Partial<KeyContext> = {}): KeyContext => ({ selectionSize: 0, tool: 'select', canEdit: true, canCreate: true, canVoteOnSelected: false, placing: false, ...over })
  const one = { selectionSize: 1 }

  it.each<[string, KeyInput, Partial<KeyContext>, ReturnType<typeof keyCommand>]>([
    ['space holds the hand', key(' '), {}, { type: 'space', repeat: false }],
    ['Tab walks the items', key('Tab'), {}, { type: 'tab', direction: 1 }],
    ['Shift+Tab walks back', key('Tab', { shift: true }), {}, { type: 'tab', direction: -1 }],
    ['Tab on a toolbar button inside the canvas is the browser’s', key('Tab', { onCanvas: false }), {}, null],
    ['an arrow with nothing selected focuses the first item', key('ArrowDown'), {}, { type: 'focusFirst' }],
    ['an arrow moves the selection', key('ArrowLeft'), one, { type: 'nudge', dx: -10, dy: 0 }],
    ['Shift+arrow moves it one pixel', key('ArrowUp', { shift: true }), one, { type: 'nudge', dx: 0, dy: -1 }],
    ['Ctrl+Z undoes', key('z', { mod: true }), {}, { type: 'undo' }],
    ['Ctrl+Shift+Z redoes', key('Z', { mod: true, shift: true }), {}, { type: 'redo' }],
    ['Ctrl+Y redoes', key('y', { mod: true }), {}, { type: 'redo' }],
    ['no undo for observers: the browser’s', key('z', { mod: true }), { canEdit: false }, null],
    ['Ctrl+A selects everything', key('a', { mod: true }), {}, { type: 'selectAll' }],
    ['other Ctrl keys are the browser’s', key('c', { mod: true }), {}, null],
    ['Alt keys are the browser’s', key('n', { alt: true }), {}, null],
    ['Shift+1 fits', key('!', { shift: true, code: 'Digit1' }), {}, { type: 'fit' }],
    ['Shift+0 is 100 %', key('=', { shift: true, code: 'Digit0' }), {}, { type: 'resetZoom' }],
    ['+ zooms in', key('+'), {}, { type: 'zoom', factor: 1.25 }],
    ['− zooms out', key('−'), {}, { type: 'zoom', factor: 0.8 }],
    ['N makes a note', key('N'), {}, { type: 'newNote' }],
    ['V is the select tool', key('v'), one, { type: 'tool', tool: 'select' }],
    ['V gives a dot while voting', key('v'), { ...one, canVoteOnSelected: true }, { type: 'vote', retract: false }],
    ['Shift+V takes one back', key('V', { shift: true }), { ...one, canVoteOnSelected: true }, { type: 'vote', retract: true }],
    ['P is the pen', key('p'), {}, { type: 'tool', tool: 'pen' }],
    ['P does nothing for someone who may not draw', key('p'), { canCreate: false }, { type: 'swallow' }],
    ['H pans for everyone', key('h'), { canCreate: false }, { type: 'tool', tool: 'hand' }],
    ['I opens the file picker', key('i'), {}, { type: 'pickImage' }],
    ['I is nothing without the right to add', key('i'), { canCreate: false }, null],
    ['F opens the tag filter', key('f'), {}, { type: 'toggleFilter' }],
    ['Escape with a selection clears it', key('Escape'), one, { type: 'escape', changes: true }],
    ['Escape with a tool goes back to select', key('Escape'), { tool: 'rect' }, { type: 'escape', changes: true }],
    ['Escape while placing stops only that, the selection kept', key('Escape'), { ...one, placing: true }, { type: 'cancelPlacing' }],
    ['Escape with nothing to clear is the page’s', key('Escape'), {}, { type: 'escape', changes: false }],
    ['Delete deletes', key('Delete'), one, { type: 'delete' }],
    ['Enter edits the one selected item', key('Enter'), one, { type: 'edit' }],
    ['Enter with two selected is not ours', key('Enter'), { selectionSize: 2 }, null],
    ['Enter for observers is not ours', key('Enter'), { ...one, canEdit: false }, null],
    ['a letter with no meaning is not ours', key('q'), {}, null],
  ])('%s', (_name, input, over, expected) => {
    expect(keyCommand(input, ctx(over))).toEqual(expected)
  })
})
