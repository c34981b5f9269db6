import { describe, expect, it } from 'vitest'
import { contrastRatio } from './contrast'

describe('contrastRatio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.48],
    ['#1a1a1a', '#fff176', 15.0],
  ] as const)('%s on %s -> %d', (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 1)
  })

  it('rejects other formats', () => {
    expect(() => contrastRatio('red', '#ffffff')).toThrow(/rrggbb/)
  })
})
