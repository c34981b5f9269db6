import { describe, expect, it } from 'vitest'
import {
  planCollaborationField,
  involvementLevels,
  levelFromPointer,
  levelGap,
  levelId,
  levelNumber,
  planSetLevel,
  planStepLevel,
  sortMatrixRows,
  summarise,
  type SummaryStakeholder,
} from './involvement'

describe('involvementLevels', () => {
  it('is the OECD ladder, lowest first, numbered 1–6', () => {
    expect(involvementLevels).toEqual(['communication', 'consultation', 'participation', 'representation', 'partnership', 'coProduction'])
    expect(involvementLevels.map(levelNumber)).toEqual([1, 2, 3, 4, 5, 6])
  })
  it.each([
    [0, null],
    [1, 'communication'],
    [6, 'coProduction'],
    [7, null],
    [-1, null],
    [2.5, null],
  ])('levelId(%s) -> %s', (level, expected) => {
    expect(levelId(level)).toBe(expected)
  })
})

describe('levelGap', () => {
  it.each([
    ['both unset', 0, 0, { direction: 'unset', steps: 0 }],
    ['now unset', 0, 4, { direction: 'unset', steps: 0 }],
    ['wanted unset', 3, 0, { direction: 'unset', steps: 0 }],
    ['same level', 2, 2, { direction: 'same', steps: 0 }],
    ['one up', 1, 2, { direction: 'up', steps: 1 }],
    ['three up', 2, 5, { direction: 'up', steps: 3 }],
    ['whole ladder up', 1, 6, { direction: 'up', steps: 5 }],
    ['two down', 5, 3, { direction: 'down', steps: 2 }],
    ['off the ladder counts as unset', 7, 2, { direction: 'unset', steps: 0 }],
  ] as const)('%s: %i -> %i', (_name, now, wanted, expected) => {
    expect(levelGap(now, wanted)).toEqual(expected)
  })
})

describe('planSetLevel', () => {
  const s = (levelNow: number, levelWanted: number) => ({ levelNow, levelWanted })
  it.each([
    ['sets now on an empty row', s(0, 0), 'now', 2, { levelNow: 2 }],
    ['sets wanted on an empty row', s(0, 0), 'wanted', 5, { levelWanted: 5 }],
    ['moves now', s(2, 5), 'now', 4, { levelNow: 4 }],
    ['the same level again clears now', s(2, 5), 'now', 2, { levelNow: 0 }],
    ['the same level again clears wanted', s(2, 5), 'wanted', 5, { levelWanted: 0 }],
    ['0 clears', s(3, 3), 'wanted', 0, { levelWanted: 0 }],
    ['0 on an unset level stays unset', s(0, 3), 'now', 0, { levelNow: 0 }],
    ['past the top clamps to co-production', s(1, 1), 'wanted', 9, { levelWanted: 6 }],
    ['below the bottom clamps to communication', s(3, 1), 'now', -2, { levelNow: 1 }],
    ['now and wanted may be the same level', s(0, 4), 'now', 4, { levelNow: 4 }],
  ] as const)('%s', (_name, stakeholder, which, level, expected) => {
    expect(planSetLevel(stakeholder, which, level)).toEqual(expected)
  })
})

describe('planStepLevel', () => {
  const s = (levelNow: number, levelWanted: number) => ({ levelNow, levelWanted })
  it.each([
    ['right moves up one', s(2, 0), 'now', 1, { levelNow: 3 }],
    ['left moves down one', s(0, 4), 'wanted', -1, { levelWanted: 3 }],
    ['at the top stays (no patch)', s(6, 0), 'now', 1, {}],
    ['at the bottom stays (no patch)', s(0, 1), 'wanted', -1, {}],
    ['unset, right: starts at the bottom', s(0, 0), 'now', 1, { levelNow: 1 }],
    ['unset, left: starts at the top', s(0, 0), 'wanted', -1, { levelWanted: 6 }],
    ['a big step clamps', s(2, 0), 'now', 10, { levelNow: 6 }],
  ] as const)('%s', (_name, stakeholder, which, delta, expected) => {
    expect(planStepLevel(stakeholder, which, delta)).toEqual(expected)
  })
})

describe('levelFromPointer', () => {
  // Six 100px columns starting at x = 200.
  const edges = [200, 300, 400, 500, 600, 700, 800]
  it.each([
    ['left of the ladder clamps to 1', 50, 1],
    ['on the first edge', 200, 1],
    ['inside the first column', 299.9, 1],
    ['on an inner edge belongs to the next column', 300, 2],
    ['middle column', 450, 3],
    ['last column', 799, 6],
    ['on the last edge', 800, 6],
    ['right of the ladder clamps to 6', 2000, 6],
  ])('%s', (_name, x, expected) => {
    expect(levelFromPointer(x, edges)).toBe(expected)
  })
  it('works with uneven columns', () => {
    expect(levelFromPointer(130, [0, 50, 60, 200, 210, 220, 400])).toBe(3)
  })
  it('refuses fewer than two edges (a programmer error)', () => {
    expect(() => levelFromPointer(0, [10])).toThrow(/two edges/)
  })
})

describe('summarise', () => {
  const st = (id: string, name: string, levelNow: number, levelWanted: number): SummaryStakeholder => ({ id, name, levelNow, levelWanted })
  it.each([
    [
      'nobody',
      [],
      { total: 0, now: [0, 0, 0, 0, 0, 0, 0], wanted: [0, 0, 0, 0, 0, 0, 0], raise: 0, lower: 0, same: 0, biggestGaps: [] },
    ],
    [
      'nothing set',
      [st('a', 'A', 0, 0), st('b', 'B', 0, 0)],
      { total: 2, now: [2, 0, 0, 0, 0, 0, 0], wanted: [2, 0, 0, 0, 0, 0, 0], raise: 0, lower: 0, same: 0, biggestGaps: [] },
    ],
    [
      'a mix: biggest gap first, down-gaps count too',
      [st('a', 'Idrettsrådet', 1, 4), st('b', 'Bondelaget', 2, 3), st('c', 'NAV', 5, 3), st('d', 'Skolen', 2, 2), st('e', 'Hytteeiere', 0, 6)],
      {
        total: 5,
        now: [1, 1, 2, 0, 0, 1, 0],
        wanted: [0, 0, 1, 2, 1, 0, 1],
        raise: 2,
        lower: 1,
        same: 1,
        biggestGaps: [
          { id: 'a', name: 'Idrettsrådet', steps: 3, direction: 'up' },
          { id: 'c', name: 'NAV', steps: 2, direction: 'down' },
          { id: 'b', name: 'Bondelaget', steps: 1, direction: 'up' },
        ],
      },
    ],
    [
      'ties sort by name, then id; only the first three',
      [st('z', 'Ås', 1, 3), st('y', 'Berg', 1, 3), st('x', 'Berg', 2, 4), st('w', 'Alta', 4, 2), st('v', 'Dal', 1, 2)],
      {
        total: 5,
        now: [0, 3, 1, 0, 1, 0, 0],
        wanted: [0, 0, 2, 2, 1, 0, 0],
        raise: 4,
        lower: 1,
        same: 0,
        biggestGaps: [
          { id: 'w', name: 'Alta', steps: 2, direction: 'down' },
          { id: 'x', name: 'Berg', steps: 2, direction: 'up' },
          { id: 'y', name: 'Berg', steps: 2, direction: 'up' },
        ],
      },
    ],
  ])('%s', (_name, stakeholders, expected) => {
    expect(summarise(stakeholders)).toEqual(expected)
  })
  it('takes a limit', () => {
    expect(summarise([st('a', 'A', 1, 6), st('b', 'B', 1, 2)], 1).biggestGaps.map((g) => g.id)).toEqual(['a'])
  })
})

describe('sortMatrixRows', () => {
  const row = (id: string, name: string, groupId: string) => ({ id, name, groupId })
  it.each([
    ['by group order, then name', [row('1', 'Ørn', 'g2'), row('2', 'Bod', 'g1'), row('3', 'Alf', 'g2')], ['g1', 'g2'], ['2', '3', '1']],
    ['outside every group last', [row('1', 'A', ''), row('2', 'B', 'g1')], ['g1'], ['2', '1']],
    ['an unknown group counts as outside', [row('1', 'A', 'gone'), row('2', 'B', 'g1')], ['g1'], ['2', '1']],
    ['same name: by id', [row('b', 'Lag', 'g1'), row('a', 'Lag', 'g1')], ['g1'], ['a', 'b']],
    ['Norwegian letters sort after z', [row('1', 'Åsen', ''), row('2', 'Zeta', ''), row('3', 'Ærfugl', '')], [], ['2', '3', '1']],
  ])('%s', (_name, rows, groups, expected) => {
    expect(sortMatrixRows(rows, groups).map((r) => r.id)).toEqual(expected)
  })
})

describe('planCollaborationField', () => {
  const base = { boardId: 'm1', stakeholderId: 's1', newId: () => 'fresh', now: 7 }
  const existing = {
    id: 'm1-s1',
    kind: 'collaboration' as const,
    boardId: 'm1',
    stakeholderId: 's1',
    goals: 'Flere aktive barn',
    rolesAndResponsibility: '',
    funding: '',
    expectedResults: '',
    indicators: '',
    platforms: '',
    createdAt: 1,
  }
  it.each([
    ['nothing typed, no record yet: nothing written', undefined, 'goals', '', null],
    ['unchanged value: nothing written', existing, 'goals', 'Flere aktive barn', null],
    ['a changed field patches the record', existing, 'funding', 'Kommunen', { updateItems: [{ id: 'm1-s1', patch: { funding: 'Kommunen' } }] }],
    ['clearing a field patches it', existing, 'goals', '', { updateItems: [{ id: 'm1-s1', patch: { goals: '' } }] }],
  ] as const)('%s', (_name, collaboration, field, value, expected) => {
    expect(planCollaborationField({ ...base, collaboration, field, value })).toEqual(expected)
  })

  it('creates the record on the first non-empty field, keyed by board and stakeholder', () => {
    const plan = planCollaborationField({ ...base, collaboration: undefined, field: 'goals', value: 'Mål' })
    expect(plan?.createItems).toEqual([{ ...existing, goals: 'Mål', createdAt: 7 }])
  })

  it('falls back to a fresh id when board and stakeholder ids are too long together', () => {
    const plan = planCollaborationField({ ...base, boardId: 'b'.repeat(40), stakeholderId: 's'.repeat(40), collaboration: undefined, field: 'goals', value: 'x' })
    expect(plan?.createItems?.[0]?.id).toBe('fresh')
  })
})
