import { describe, expect, it } from 'vitest'
import { STROKE_MAX_POINTS } from '../schema/records/stroke'
import { planStroke, samplePressure, simplifyPoints, strokeBounds } from './strokes'

describe('samplePressure', () => {
  it.each([
    ['mouse', 0, 0.5],
    ['mouse', 1, 0.5],
    ['pen', 0.8, 0.8],
    ['pen', 0, 0.5],
    ['touch', Number.NaN, 0.5],
    ['pen', 1.5, 1],
  ])('%s %f -> %f', (type, p, expected) => expect(samplePressure(type, p)).toBe(expected))
})

describe('simplifyPoints', () => {
  it.each([
    ['a straight line keeps its ends', [0, 0, 0.5, 5, 0, 0.5, 10, 0, 0.5, 20, 0, 0.5], 1, [0, 0, 0.5, 20, 0, 0.5]],
    ['a corner stays', [0, 0, 0.5, 10, 0, 0.6, 10, 10, 0.7], 1, [0, 0, 0.5, 10, 0, 0.6, 10, 10, 0.7]],
    ['a tiny wobble goes', [0, 0, 0.5, 5, 0.2, 0.5, 10, 0, 0.5], 1, [0, 0, 0.5, 10, 0, 0.5]],
    ['one point stays one point', [3, 4, 0.5], 1, [3, 4, 0.5]],
    ['trailing partial triple dropped', [1, 2, 0.5, 3, 4], 1, [1, 2, 0.5]],
  ])('%s', (_name, input, tol, expected) => expect(simplifyPoints(input, tol)).toEqual(expected))
})

describe('planStroke', () => {
  it.each([
    ['relative to the rounded first point', [100.4, 50.6, 0.5, 110.4, 60.6, 0.55555], { x: 100, y: 51, points: [0.4, -0.4, 0.5, 10.4, 9.6, 0.56] }],
    ['nothing usable', [1, 2], null],
    ['NaN refused', [Number.NaN, 0, 0.5], null],
  ])('%s', (_name, samples, expected) => expect(planStroke(samples)).toEqual(expected))

  it('never exceeds the schema limit', () => {
    const samples: number[] = []
    for (let i = 0; i < STROKE_MAX_POINTS * 3; i++) samples.push(i, Math.sin(i) * 50, 0.5)
    const planned = planStroke(samples, 0.01)!
    expect(planned.points.length / 3).toBeLessThanOrEqual(STROKE_MAX_POINTS)
    expect(planned.points.length % 3).toBe(0)
  })
})

describe('strokeBounds', () => {
  it.each([
    ['grown by half the size', { x: 10, y: 20, points: [0, 0, 0.5, 30, 40, 0.5], size: 4 }, { x: 8, y: 18, w: 34, h: 44 }],
    ['no points', { x: 10, y: 20, points: [], size: 4 }, { x: 10, y: 20, w: 0, h: 0 }],
  ])('%s', (_name, stroke, expected) => expect(strokeBounds(stroke)).toEqual(expected))
})
