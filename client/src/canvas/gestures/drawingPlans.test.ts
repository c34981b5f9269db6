import { describe, expect, it } from 'vitest'
import { validateItem } from '../../../../shared/schema/schema'
import type { DrawingGesture } from './gestureReducer'
import { planDrawing, planText, type DrawingContext } from './drawingPlans'

const ctx: DrawingContext = { boardId: 'b1', id: 'new', now: 5, scale: 1, bindableAt: (p) => (p.x > 500 ? 'note2' : null) }
const created = (result: ReturnType<typeof planDrawing>) => result?.plan.createItems?.[0]

describe('planDrawing', () => {
  it.each<[string, DrawingGesture, { x: number; y: number }, Record<string, unknown>]>([
    ['a dragged rectangle, rounded', { kind: 'shape', pointerId: 1, start: { x: 10.4, y: 20 }, shape: 'rect' }, { x: 110.6, y: 70 }, { kind: 'shape', shape: 'rect', x: 10, y: 20, w: 100, h: 50 }],
    ['dragged up and left', { kind: 'shape', pointerId: 1, start: { x: 100, y: 100 }, shape: 'ellipse' }, { x: 40, y: 70 }, { shape: 'ellipse', x: 40, y: 70, w: 60, h: 30 }],
    ['a click makes a useful size around it', { kind: 'shape', pointerId: 1, start: { x: 100, y: 100 }, shape: 'rect' }, { x: 103, y: 102 }, { x: 20, y: 50, w: 160, h: 100 }],
    ['a thin line is at least 4 px', { kind: 'shape', pointerId: 1, start: { x: 0, y: 0 }, shape: 'rect' }, { x: 300, y: 1 }, { w: 300, h: 4 }],
    ['an arrow binds its end to the item there', { kind: 'arrow', pointerId: 1, start: { x: 0, y: 0 }, fromId: 'note1' }, { x: 600, y: 0 }, { kind: 'connector', from: { itemId: 'note1' }, to: { itemId: 'note2' }, arrowhead: 'end' }],
    ['an arrow between free points', { kind: 'arrow', pointerId: 1, start: { x: 0, y: 0 }, fromId: null }, { x: 200, y: 40 }, { from: { x: 0, y: 0 }, to: { x: 200, y: 40 } }],
  ])('%s', (_name, gesture, end, expected) => {
    const result = planDrawing(gesture, end, ctx)
    expect(result?.select).toBe(true)
    expect(created(result)).toMatchObject({ id: 'new', boardId: 'b1', createdAt: 5, ...expected })
    expect(validateItem(created(result)).ok).toBe(true)
  })

  it('keeps no arrow that goes nowhere', () => {
    expect(planDrawing({ kind: 'arrow', pointerId: 1, start: { x: 10, y: 10 }, fromId: null }, { x: 11, y: 10 }, ctx)).toBeNull()
  })

  it('a pen stroke is simplified to half a screen pixel and not selected', () => {
    const samples = [0, 0, 0.5, 1, 0.01, 0.5, 2, 0, 0.5, 3, 0.01, 0.5, 40, 40, 0.5]
    const close = planDrawing({ kind: 'pen', pointerId: 1, samples }, { x: 0, y: 0 }, ctx)
    const far = planDrawing({ kind: 'pen', pointerId: 1, samples }, { x: 0, y: 0 }, { ...ctx, scale: 0.01 })
    expect(close?.select).toBe(false)
    expect(created(close)).toMatchObject({ kind: 'stroke', size: 6 })
    expect(validateItem(created(close)).ok).toBe(true)
    const points = (r: typeof close) => (created(r) as { points: number[] }).points.length
    expect(points(far)).toBeLessThan(points(close))
  })
})

describe('planText', () => {
  it('puts an empty text with its first line where it was clicked', () => {
    const item = planText({ x: 100.4, y: 50 }, ctx).createItems?.[0]
    expect(item).toMatchObject({ kind: 'text', x: 100, y: 36, w: 240, text: '', fontSize: 24 })
    expect(validateItem(item).ok).toBe(true)
  })
})
