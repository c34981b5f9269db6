import { describe, expect, it } from 'vitest'
import type { CanvasItem } from './canvasItems'
import { planConnect, planScaleItems, SIZE_STEP } from './pointerAlternatives'

const note = (id: string, over: Partial<Extract<CanvasItem, { kind: 'note' }>> = {}): CanvasItem => ({
  id, kind: 'note', boardId: 'b', x: 100, y: 100, w: 160, h: 160, color: 'yellow', text: id, createdAt: 1, sdgs: [], dimension: '', ...over,
})
const text: CanvasItem = { id: 't', kind: 'text', boardId: 'b', x: 0, y: 0, w: 200, text: 'Hei', fontSize: 24, color: '#222222', createdAt: 2, sdgs: [], dimension: '' }
const arrow: CanvasItem = { id: 'a', kind: 'connector', boardId: 'b', from: { itemId: 'n1' }, to: { x: 0, y: 0 }, relation: '', arrowhead: 'end', color: '#222222', createdAt: 3 }
const stroke: CanvasItem = { id: 's', kind: 'stroke', boardId: 'b', x: 0, y: 0, points: [0, 0, 0.5, 4, 4, 0.5], color: '#222222', size: 4, createdAt: 4 }

describe('planScaleItems', () => {
  it.each([
    ['a note grows about its centre', [note('n1')], SIZE_STEP, [{ id: 'n1', patch: { x: 80, y: 80, w: 200, h: 200 } }]],
    ['and shrinks back', [note('n1', { x: 80, y: 80, w: 200, h: 200 })], 1 / SIZE_STEP, [{ id: 'n1', patch: { x: 100, y: 100, w: 160, h: 160 } }]],
    ['a note stops at its largest size', [note('n1', { w: 1900, h: 2000 })], SIZE_STEP, [{ id: 'n1', patch: { x: 50, y: 100, w: 2000, h: 2000 } }]],
    ['text grows in width and type size', [text], SIZE_STEP, [{ id: 't', patch: { x: -25, w: 250, fontSize: 30 } }]],
  ])('%s', (_name, items, factor, updateItems) => {
    expect(planScaleItems(items, new Set(items.map((i) => i.id)), factor)).toEqual({ updateItems })
  })

  it.each([
    ['at its smallest already', [note('n1', { w: 40, h: 40 })], 1 / SIZE_STEP],
    ['arrows and pen strokes', [arrow, stroke], SIZE_STEP],
    ['a factor of one', [note('n1')], 1],
    ['a factor that is not a number', [note('n1')], Number.NaN],
  ])('changes nothing: %s', (_name, items, factor) => {
    expect(planScaleItems(items, new Set(items.map((i) => i.id)), factor)).toEqual({})
  })

  it('leaves unselected items alone', () => {
    expect(planScaleItems([note('n1'), note('n2')], new Set(['n2']), SIZE_STEP).updateItems?.map((u) => u.id)).toEqual(['n2'])
  })
})

describe('planConnect', () => {
  const record = { id: 'new', boardId: 'b', color: '#222222', now: 9 }

  it('binds both ends of a new arrow', () => {
    expect(planConnect(note('n1'), note('n2'), record)).toEqual({
      createItems: [{ id: 'new', kind: 'connector', boardId: 'b', from: { itemId: 'n1' }, to: { itemId: 'n2' }, relation: '', arrowhead: 'end', color: '#222222', createdAt: 9 }],
    })
  })

  it.each([
    ['the same item', note('n1'), note('n1')],
    ['an arrow as an end', note('n1'), arrow],
    ['a pen stroke as an end', stroke, note('n1')],
    ['a missing item', note('n1'), undefined],
  ])('refuses %s', (_name, from, to) => {
    expect(planConnect(from, to, record)).toBeNull()
  })
})
