import { describe, expect, it } from 'vitest'
import type { ConnectorRecord } from '../schema/records/connector'
import type { NoteRecord } from '../schema/records/note'
import type { ShapeRecord } from '../schema/records/shape'
import type { StrokeRecord } from '../schema/records/stroke'
import type { TextRecord } from '../schema/records/text'
import {
  endTargetOf,
  itemRect,
  placedImageSize,
  planDeleteItems,
  planMoveItems,
  planPlaceItems,
  planResizeItem,
  textHeight,
  topmostItemAt,
  type CanvasItem,
} from './canvasItems'

const base = { boardId: 'b', createdAt: 0, sdgs: [], dimension: '' as const }
const note = (id: string, x = 0, y = 0): NoteRecord => ({ ...base, id, kind: 'note', x, y, w: 100, h: 100, color: 'yellow', text: '' })
const shape = (id: string, kind: 'rect' | 'ellipse' = 'rect'): ShapeRecord => ({ ...base, id, kind: 'shape', shape: kind, x: 0, y: 0, w: 50, h: 20, fill: '', stroke: '#000000', text: '' })
const text = (id: string, t = 'hei'): TextRecord => ({ ...base, id, kind: 'text', x: 5, y: 5, w: 110, text: t, fontSize: 20, color: '#000000' })
const stroke = (id: string): StrokeRecord => ({ id, kind: 'stroke', boardId: 'b', createdAt: 0, x: 10, y: 10, points: [0, 0, 0.5, 20, 10, 0.5], color: '#000000', size: 4 })
const arrow = (id: string, from: ConnectorRecord['from'], to: ConnectorRecord['to']): ConnectorRecord => ({ id, kind: 'connector', boardId: 'b', createdAt: 0, from, to, relation: '', arrowhead: 'end', color: '#000000' })

describe('textHeight', () => {
  it.each([
    ['one short line', 'hei', 110, 20, 25],
    ['wraps by width', 'x'.repeat(20), 110, 20, 50],
    ['explicit lines', 'a\nb\nc', 110, 20, 75],
    ['empty text keeps one line', '', 110, 20, 25],
  ])('%s', (_n, t, w, size, expected) => expect(textHeight(t, w, size)).toBe(expected))
})

describe('itemRect', () => {
  const items: Record<string, CanvasItem> = { a: note('a'), b: note('b', 300, 0) }
  const lookup = (id: string) => items[id]
  it.each([
    ['note', note('n', 3, 4), { x: 3, y: 4, w: 100, h: 100 }],
    ['text uses the estimated height', text('t'), { x: 5, y: 5, w: 110, h: 25 }],
    ['stroke bounds', stroke('s'), { x: 8, y: 8, w: 24, h: 14 }],
    ['arrow between centres', arrow('c', { itemId: 'a' }, { itemId: 'b' }), { x: 50, y: 50, w: 301, h: 1 }],
    ['arrow to a deleted item', arrow('c', { itemId: 'gone' }, { x: 0, y: 0 }), null],
  ])('%s', (_n, item, expected) => expect(itemRect(item, lookup)).toEqual(expected))
  it('ellipses are round arrow targets', () => {
    expect(endTargetOf(shape('e', 'ellipse'))?.round).toBe(true)
    expect(endTargetOf(shape('r'))?.round).toBeUndefined()
    expect(endTargetOf(stroke('s'))).toBeDefined()
    expect(endTargetOf(arrow('c', { x: 0, y: 0 }, { x: 1, y: 1 }))).toBeUndefined()
  })
})

describe('planMoveItems', () => {
  const items: CanvasItem[] = [note('a'), note('b', 200, 0), arrow('free', { x: 0, y: 0 }, { itemId: 'a' }), arrow('bound', { itemId: 'a' }, { itemId: 'b' })]
  it.each([
    ['moves a note', ['a'], 5, 5, { updateItems: [{ id: 'a', patch: { x: 5, y: 5 } }] }],
    ['moves only free ends of an arrow', ['free'], 5, -5, { updateItems: [{ id: 'free', patch: { from: { x: 5, y: -5 }, to: { itemId: 'a' } } }] }],
    ['a fully bound arrow does not move by itself', ['bound'], 5, 5, {}],
    ['no delta', ['a'], 0, 0, {}],
    ['NaN', ['a'], Number.NaN, 0, {}],
  ])('%s', (_n, ids, dx, dy, expected) => expect(planMoveItems(items, new Set(ids), dx, dy)).toEqual(expected))
})

describe('planDeleteItems', () => {
  const items: CanvasItem[] = [note('a'), note('b'), arrow('ab', { itemId: 'a' }, { itemId: 'b' }), arrow('free', { x: 0, y: 0 }, { x: 9, y: 9 })]
  it.each([
    ['takes bound arrows along', ['a'], ['a', 'ab']],
    ['leaves unrelated arrows', ['free'], ['free']],
    ['nothing', [], []],
  ])('%s', (_n, ids, expected) => expect(planDeleteItems(items, new Set(ids)).deleteItems ?? []).toEqual(expected))
})

describe('planResizeItem', () => {
  it.each([
    ['note clamped to 40', note('a'), { x: 1.4, y: 2.6, scaleX: 0.1, scaleY: 2 }, { x: 1, y: 3, w: 40, h: 200 }],
    ['shape', shape('s'), { x: 0, y: 0, scaleX: 2, scaleY: 2 }, { x: 0, y: 0, w: 100, h: 40 }],
    ['text keeps only width', text('t'), { x: 0, y: 0, scaleX: 2, scaleY: 3 }, { x: 0, y: 0, w: 220 }],
    ['strokes do not resize', stroke('s'), { x: 0, y: 0, scaleX: 2, scaleY: 2 }, null],
  ])('%s', (_n, item, result, expected) => expect(planResizeItem(item, result)).toEqual(expected))
})

describe('topmostItemAt and placedImageSize', () => {
  it.each([
    [{ x: 50, y: 50 }, 'top'],
    [{ x: 5, y: 5 }, 'bottom'],
    [{ x: 500, y: 500 }, null],
  ])('%j -> %s', (point, expected) => {
    const items = [{ id: 'bottom', rect: { x: 0, y: 0, w: 100, h: 100 } }, { id: 'none', rect: null }, { id: 'top', rect: { x: 40, y: 40, w: 20, h: 20 } }]
    expect(topmostItemAt(items, point)).toBe(expected)
  })
  it.each([
    [4000, 3000, { w: 480, h: 360 }],
    [300, 600, { w: 240, h: 480 }],
    [100, 50, { w: 100, h: 50 }],
    [0, 0, { w: 480, h: 480 }],
  ])('%i×%i -> %j', (w, h, expected) => expect(placedImageSize(w, h)).toEqual(expected))
})

describe('planPlaceItems', () => {
  const items: CanvasItem[] = [note('a'), note('b', 200, 0), arrow('free', { x: 0, y: 0 }, { itemId: 'a' }), arrow('bound', { itemId: 'a' }, { itemId: 'b' })]
  it.each<[string, string[], { x: number; y: number }, unknown]>([
    ['centres one note on the point', ['a'], { x: 1000, y: 500 }, { updateItems: [{ id: 'a', patch: { x: 950, y: 450 } }] }],
    ['rounds to whole board units', ['a'], { x: 60.4, y: 49.6 }, { updateItems: [{ id: 'a', patch: { x: 10, y: 0 } }] }],
    [
      'keeps a selection together: its bounds centred, each item shifted alike',
      ['a', 'b'],
      { x: 150, y: 250 },
      { updateItems: [{ id: 'a', patch: { x: 0, y: 200 } }, { id: 'b', patch: { x: 200, y: 200 } }] },
    ],
    ['a free arrow end goes along, a bound end follows its item', ['a', 'free'], { x: 50, y: 150 }, { updateItems: [{ id: 'a', patch: { x: 0, y: 100 } }, { id: 'free', patch: { from: { x: 0, y: 100 }, to: { itemId: 'a' } } }] }],
    ['already there: nothing', ['a'], { x: 50, y: 50 }, {}],
    ['nothing selected: nothing', [], { x: 500, y: 500 }, {}],
    ['an unknown id: nothing', ['gone'], { x: 500, y: 500 }, {}],
  ])('%s', (_n, ids, at, expected) => expect(planPlaceItems(items, new Set(ids), at)).toEqual(expected))
})
