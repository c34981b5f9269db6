import { describe, expect, it } from 'vitest'
import { NOTE_MAX_SIZE, NOTE_MIN_SIZE } from '../schema/records/note'
import { planResize } from './noteResize'

const note = { x: 100, y: 50, w: 160, h: 160 }

describe('planResize', () => {
  it.each([
    ['unchanged', { x: 100, y: 50, scaleX: 1, scaleY: 1 }, { x: 100, y: 50, w: 160, h: 160 }],
    ['wider', { x: 100, y: 50, scaleX: 1.5, scaleY: 1 }, { x: 100, y: 50, w: 240, h: 160 }],
    ['from the top-left corner', { x: 60, y: 10, scaleX: 1.25, scaleY: 1.25 }, { x: 60, y: 10, w: 200, h: 200 }],
    ['below the minimum', { x: 100, y: 50, scaleX: 0.01, scaleY: 0.1 }, { x: 100, y: 50, w: NOTE_MIN_SIZE, h: NOTE_MIN_SIZE }],
    ['above the maximum', { x: 100, y: 50, scaleX: 40, scaleY: 1 }, { x: 100, y: 50, w: NOTE_MAX_SIZE, h: 160 }],
    ['flipped by dragging past the edge', { x: 100, y: 50, scaleX: -1, scaleY: 1 }, { x: 100, y: 50, w: 160, h: 160 }],
    ['fractions are rounded', { x: 100.4, y: 49.6, scaleX: 1.0031, scaleY: 1 }, { x: 100, y: 50, w: 160, h: 160 }],
    ['non-finite input keeps the note', { x: NaN, y: Infinity, scaleX: NaN, scaleY: Infinity }, note],
  ] as const)('%s', (_name, result, expected) => {
    expect(planResize(note, result)).toEqual(expected)
  })
})
