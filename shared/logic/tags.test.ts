import { describe, expect, it } from 'vitest'
import { contrastRatio } from './contrast'
import { countMatching, emptyTagFilter, inkOn, matchesTagFilter, sdgList, toggleSdg, type TagFilter } from './tags'

describe('sdgList', () => {
  it('has the 17 goals in order', () => {
    expect(sdgList.map((s) => s.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1))
    expect(sdgList[0]!.color).toBe('#E5243B')
    expect(sdgList[16]!.color).toBe('#19486A')
  })
  it.each(sdgList.map((s) => [s.number, s.color, s.ink] as const))('goal %i (%s): badge text %s has contrast ≥ 4.5', (_n, color, ink) => {
    expect(contrastRatio(color, ink)).toBeGreaterThanOrEqual(4.5)
  })
  it.each([
    ['#000000', '#FFFFFF'],
    ['#FFFFFF', '#000000'],
    ['#FCC30B', '#000000'],
    ['#19486A', '#FFFFFF'],
  ])('inkOn(%s) = %s', (bg, ink) => expect(inkOn(bg)).toBe(ink))
})

describe('matchesTagFilter', () => {
  const item = (sdgs: number[], dimension: '' | 'social' | 'environmental' | 'economic' = '') => ({ sdgs, dimension })
  const f = (sdgs: number[], dimension: TagFilter['dimension'] = ''): TagFilter => ({ sdgs, dimension })
  it.each([
    ['empty filter passes untagged', item([]), emptyTagFilter, true],
    ['empty filter passes an untaggable item', {}, emptyTagFilter, true],
    ['any-of: one shared goal', item([3, 17]), f([1, 17]), true],
    ['any-of: no shared goal', item([3]), f([1, 17]), false],
    ['untagged fails an active filter', item([]), f([17]), false],
    ['untaggable fails an active filter', {}, f([17]), false],
    ['dimension only: matches', item([], 'social'), f([], 'social'), true],
    ['dimension only: differs', item([1], 'economic'), f([], 'social'), false],
    ['goal and dimension both needed', item([17], 'economic'), f([17], 'social'), false],
    ['goal and dimension both present', item([17], 'social'), f([17], 'social'), true],
  ])('%s', (_name, it_, filter, expected) => {
    expect(matchesTagFilter(it_, filter)).toBe(expected)
  })
})

describe('toggleSdg', () => {
  it.each([
    [[], 17, [17]],
    [[17], 3, [3, 17]],
    [[3, 17], 17, [3]],
    [[5], 0, [5]],
    [[5], 18, [5]],
  ])('%j toggle %i -> %j', (list, n, expected) => expect(toggleSdg(list, n)).toEqual(expected))
})

describe('countMatching', () => {
  it('counts shown of total', () => {
    const items = [{ sdgs: [17], dimension: '' as const }, { sdgs: [1], dimension: '' as const }, { sdgs: [], dimension: '' as const }]
    expect(countMatching(items, { sdgs: [17], dimension: '' })).toEqual({ shown: 1, total: 3 })
    expect(countMatching(items, emptyTagFilter)).toEqual({ shown: 3, total: 3 })
  })
})
