import { describe, expect, it } from 'vitest'
import {
  gridCellRect,
  gridPosition,
  gridQuadrant,
  gridRatingsAt,
  layoutZones,
  newStakeholder,
  placeInZone,
  planCardDrop,
  planCardPlace,
  planGroupChange,
  planRemoveGroup,
  resolveMapPositions,
  sortForPlan,
  zoneAt,
  zoneMetrics,
  zoneSlot,
  type ZoneRect,
} from './stakeholderMap'

const card = { w: 100, h: 50 }
const groups = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `g${i}` }))
const none = new Map<string, number>()

describe('layoutZones', () => {
  // With 100x50 cards: w = 16*2 + 2*100 + 16 = 248; two rows: h = 56 + 16 + 2*50 + 16 = 188.
  it.each([
    ['no groups', 0, none, 3, []],
    ['one group', 1, none, 3, [[0, 0]]],
    ['three in a row', 3, none, 3, [[0, 0], [288, 0], [576, 0]]],
    ['five wrap after three', 5, none, 3, [[0, 0], [288, 0], [576, 0], [0, 228], [288, 228]]],
    ['two columns', 3, none, 2, [[0, 0], [288, 0], [0, 228]]],
  ])('%s', (_name, n, counts, columns, expected) => {
    const zones = layoutZones(groups(n), { cardCounts: counts, columns, cardSize: card })
    expect(zones.map((z) => [z.x, z.y])).toEqual(expected)
    expect(zones.map((z) => z.groupId)).toEqual(groups(n).map((g) => g.id))
  })

  it.each([
    ['empty zones have two rows', 0, 188],
    ['three cards still fit two rows (one free slot)', 3, 188],
    ['four cards grow by two rows', 4, 188 + 2 * 66],
    ['eight cards grow by two more', 8, 188 + 4 * 66],
  ])('%s', (_name, count, height) => {
    const zones = layoutZones(groups(2), { cardCounts: new Map([['g1', count]]), cardSize: card })
    expect(zones.map((z) => z.h)).toEqual([height, height])
  })
})

describe('zoneAt', () => {
  const zones: ZoneRect[] = [
    { groupId: 'a', x: 0, y: 0, w: 100, h: 100 },
    { groupId: 'b', x: 140, y: 0, w: 100, h: 100 },
  ]
  it.each([
    ['inside a', { x: 50, y: 50 }, 'a'],
    ['top-left edge belongs to the zone', { x: 140, y: 0 }, 'b'],
    ['right edge does not', { x: 100, y: 50 }, ''],
    ['between zones', { x: 120, y: 50 }, ''],
    ['below everything', { x: 50, y: 500 }, ''],
    ['negative space', { x: -1, y: -1 }, ''],
  ])('%s', (_name, point, expected) => {
    expect(zoneAt(point, zones)).toBe(expected)
  })
})

describe('placeInZone', () => {
  const zone = { x: 1000, y: 0, w: 248, h: 188 }
  const slot = (i: number) => zoneSlot(zone, i, card)
  it.each([
    ['empty zone: first slot', [], slot(0)],
    ['first slot taken: second', [slot(0)], slot(1)],
    ['a gap is reused', [slot(0), slot(2)], slot(1)],
    ['a card nudged a little still blocks its slot', [{ x: slot(0).x + 10, y: slot(0).y + 10 }], slot(1)],
    ['a card between two slots blocks both', [{ x: slot(0).x + 60, y: slot(0).y }], slot(2)],
    ['all slots taken: the next one below', [slot(0), slot(1), slot(2), slot(3)], slot(4)],
  ])('%s', (_name, existing, expected) => {
    expect(placeInZone(zone, existing, card)).toEqual(expected)
  })

  it('slots start below the label strip', () => {
    expect(slot(0)).toEqual({ x: 1000 + zoneMetrics.padding, y: zoneMetrics.header })
    expect(slot(3)).toEqual({ x: 1000 + zoneMetrics.padding + 100 + zoneMetrics.gap, y: zoneMetrics.header + 50 + zoneMetrics.gap })
  })
})

describe('planCardDrop', () => {
  const zones = layoutZones(groups(3), { cardCounts: none, cardSize: card })
  it.each([
    ['into the first zone', { x: 20, y: 60 }, { x: 20, y: 60, groupId: 'g0' }],
    ['centre decides: card hanging over the edge of the second zone', { x: 288 - 40, y: 60 }, { x: 248, y: 60, groupId: 'g1' }],
    ['outside every zone keeps no group', { x: 20, y: 900 }, { x: 20, y: 900, groupId: '' }],
    ['rounds to whole pixels', { x: 20.4, y: 60.6 }, { x: 20, y: 61, groupId: 'g0' }],
  ])('%s', (_name, topLeft, expected) => {
    expect(planCardDrop(topLeft, zones, card)).toEqual(expected)
  })
})

describe('planCardPlace (Move, then a click)', () => {
  const zones = layoutZones(groups(3), { cardCounts: none, cardSize: card })
  const mid = (z: ZoneRect) => ({ x: z.x + z.w / 2, y: z.y + z.h / 2 })
  it.each<[string, { x: number; y: number }, { x: number; y: number; groupId: string }]>([
    ['centred on the click in the first zone', mid(zones[0]!), { x: Math.round(mid(zones[0]!).x - 50), y: Math.round(mid(zones[0]!).y - 25), groupId: 'g0' }],
    ['a click in the third zone changes the group to it', mid(zones[2]!), { x: Math.round(mid(zones[2]!).x - 50), y: Math.round(mid(zones[2]!).y - 25), groupId: 'g2' }],
    ['a click outside every zone: no group', { x: 70, y: 925 }, { x: 20, y: 900, groupId: '' }],
    ['rounds to whole pixels', { x: 70.4, y: 85.6 }, { x: 20, y: 61, groupId: 'g0' }],
  ])('%s', (_name, at, expected) => {
    expect(planCardPlace(at, zones, card)).toEqual(expected)
  })
})

describe('planGroupChange and resolveMapPositions', () => {
  const zones = layoutZones(groups(2), { cardCounts: new Map([['g1', 1]]), cardSize: card })
  const z1 = zones[1]!
  it.each([
    ['to an empty zone: first slot', new Map(), { groupId: 'g1', ...zoneSlot(z1, 0, card) }],
    ['past a card already there', new Map([['other', zoneSlot(z1, 0, card)]]), { groupId: 'g1', ...zoneSlot(z1, 1, card) }],
    ['its own old spot does not block it', new Map([['me', zoneSlot(z1, 0, card)]]), { groupId: 'g1', ...zoneSlot(z1, 0, card) }],
  ])('%s', (_name, positions, expected) => {
    expect(planGroupChange('me', 'g1', zones, positions, card)).toEqual(expected)
  })

  it('no group: only the group changes', () => {
    expect(planGroupChange('me', '', zones, new Map(), card)).toEqual({ groupId: '' })
  })

  it.each([
    ['a card in its zone stays', { id: 'a', groupId: 'g0', x: 20, y: 60 }, { x: 20, y: 60 }],
    ['a card outside its zone is drawn at a free slot', { id: 'a', groupId: 'g1', x: 20, y: 60 }, zoneSlot(z1, 0, card)],
    ['an ungrouped card outside stays', { id: 'a', groupId: '', x: 20, y: 900 }, { x: 20, y: 900 }],
    ['an ungrouped card on a zone goes below the map', { id: 'a', groupId: '', x: 20, y: 60 }, { x: 0, y: z1.y + z1.h + zoneMetrics.margin }],
    ['a card of a removed group goes below the map', { id: 'a', groupId: 'gone', x: 20, y: 60 }, { x: 0, y: z1.y + z1.h + zoneMetrics.margin }],
  ])('%s', (_name, c, expected) => {
    expect(resolveMapPositions([c], zones, card).get('a')).toEqual(expected)
  })

  it('two misplaced cards of one zone get different slots', () => {
    const positions = resolveMapPositions(
      [
        { id: 'a', groupId: 'g1', x: 20, y: 60 },
        { id: 'b', groupId: 'g1', x: 20, y: 60 },
      ],
      zones,
      card,
    )
    expect([positions.get('a'), positions.get('b')]).toEqual([zoneSlot(z1, 0, card), zoneSlot(z1, 1, card)])
  })
})

describe('planRemoveGroup', () => {
  it('deletes the group and ungroups its cards, and only its cards', () => {
    const cards = [
      { id: 'a', groupId: 'g0' },
      { id: 'b', groupId: 'g1' },
      { id: 'c', groupId: 'g0' },
    ]
    expect(planRemoveGroup('g0', cards)).toEqual({
      deleteItems: ['g0'],
      updateItems: [
        { id: 'a', patch: { groupId: '' } },
        { id: 'c', patch: { groupId: '' } },
      ],
    })
  })
})

describe('gridQuadrant', () => {
  // 3 counts as high: the line runs between 2 and 3.
  it.each([
    [5, 1, 'keepSatisfied'],
    [5, 2, 'keepSatisfied'],
    [3, 2, 'keepSatisfied'],
    [5, 5, 'manageClosely'],
    [3, 3, 'manageClosely'],
    [4, 3, 'manageClosely'],
    [1, 1, 'monitor'],
    [2, 2, 'monitor'],
    [1, 5, 'keepInformed'],
    [2, 3, 'keepInformed'],
  ] as const)('influence %i, interest %i -> %s', (influence, interest, expected) => {
    expect(gridQuadrant(influence, interest)).toBe(expected)
  })
})

describe('gridPosition', () => {
  const s = (id: string, influence: number, interest: number, name = id) => ({ id, influence, interest, name })

  it.each([
    // One card per cell: cells are 124 x 74 (12 padding each side).
    ['top-left cell is high influence, low interest', [s('a', 5, 1)], { a: { x: 12, y: 12 } }],
    ['bottom-right cell is low influence, high interest', [s('a', 1, 5)], { a: { x: 4 * 124 + 12, y: 4 * 74 + 12 } }],
    ['out-of-range ratings are clamped', [s('a', 9, 0)], { a: { x: 12, y: 12 } }],
  ])('%s', (_name, cards, expected) => {
    expect(Object.fromEntries(gridPosition(cards, card).positions)).toEqual(expected)
  })

  it('cards sharing a cell never overlap, sorted by name', () => {
    const layout = gridPosition([s('x', 4, 4, 'Bydel'), s('y', 4, 4, 'Anna'), s('z', 4, 4, 'Celsius'), s('w', 1, 1)], card)
    const rects = [...layout.positions.values()].map((p) => ({ ...p, ...card }))
    for (const [i, a] of rects.entries()) {
      for (const b of rects.slice(i + 1)) {
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true)
      }
    }
    const cell = gridCellRect(4, 4, layout.cellW, layout.cellH)
    expect(layout.positions.get('y')).toEqual({ x: cell.x + 12, y: cell.y + 12 })
    for (const id of ['x', 'y', 'z']) {
      const p = layout.positions.get(id)!
      expect(p.x >= cell.x && p.x + card.w <= cell.x + cell.w && p.y >= cell.y && p.y + card.h <= cell.y + cell.h).toBe(true)
    }
  })

  it('quadrants split the grid between 2 and 3', () => {
    const layout = gridPosition([], card)
    const byName = Object.fromEntries(layout.quadrants.map((q) => [q.quadrant, q.rect]))
    expect(byName.keepSatisfied).toEqual({ x: 0, y: 0, w: 2 * layout.cellW, h: 3 * layout.cellH })
    expect(byName.monitor).toEqual({ x: 0, y: 3 * layout.cellH, w: 2 * layout.cellW, h: 2 * layout.cellH })
  })

  it.each([
    [{ x: 10, y: 10 }, { influence: 5, interest: 1 }],
    [{ x: 4.5 * 124, y: 4.5 * 74 }, { influence: 1, interest: 5 }],
    [{ x: 2.5 * 124, y: 2.5 * 74 }, { influence: 3, interest: 3 }],
    [{ x: -500, y: 5000 }, { influence: 1, interest: 1 }],
  ])('gridRatingsAt %j -> %j', (point, expected) => {
    expect(gridRatingsAt(point, { cellW: 124, cellH: 74 })).toEqual(expected)
  })

  it('a card dropped where gridPosition put it keeps its ratings', () => {
    for (const [influence, interest] of [[5, 2], [1, 1], [3, 4]] as const) {
      const layout = gridPosition([s('a', influence, interest)], card)
      const p = layout.positions.get('a')!
      expect(gridRatingsAt({ x: p.x + card.w / 2, y: p.y + card.h / 2 }, layout)).toEqual({ influence, interest })
    }
  })
})

describe('sortForPlan', () => {
  it('by group in map order, then name; ungrouped last', () => {
    const rows = [
      { id: '1', groupId: '', name: 'Alfa' },
      { id: '2', groupId: 'g1', name: 'Bravo' },
      { id: '3', groupId: 'g0', name: 'Delta' },
      { id: '4', groupId: 'g1', name: 'Alfa' },
      { id: '5', groupId: 'g0', name: 'Charlie' },
      { id: '6', groupId: 'removed', name: 'Echo' },
    ]
    expect(sortForPlan(rows, [{ id: 'g0' }, { id: 'g1' }]).map((r) => r.id)).toEqual(['5', '3', '4', '2', '1', '6'])
  })
})

describe('newStakeholder', () => {
  it('starts neutral and rounds its position', () => {
    const s = newStakeholder({ id: 'i', boardId: 'b', groupId: 'g', name: 'NAV', x: 1.4, y: 2.6, now: 7 })
    expect(s).toMatchObject({ influence: 3, interest: 3, x: 1, y: 3, levelNow: 0, levelWanted: 0, sdgs: [], dimension: '' })
  })
})
