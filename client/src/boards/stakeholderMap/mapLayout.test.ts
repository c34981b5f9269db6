import { describe, expect, it } from 'vitest'
import { newStakeholder } from '../../../../shared/logic/stakeholderMap'
import { STAKEHOLDER_CARD_SIZE } from '../../../../shared/schema/records/stakeholder'
import type { StakeholderGroupRecord } from '../../../../shared/schema/records/stakeholderGroup'
import { layoutMap, mapBounds, placeNewStakeholder } from './mapLayout'

const group = (id: string, order: string): StakeholderGroupRecord => ({ id, kind: 'stakeholderGroup', boardId: 'b', name: id, preset: '', order, createdAt: 0 })
const card = (id: string, groupId: string, x = 0, y = 0) => newStakeholder({ id, boardId: 'b', groupId, name: id, x, y, now: 0 })

describe('layoutMap', () => {
  it('lays zones out in the groups’ order and every card inside its zone', () => {
    const layout = layoutMap([card('s1', 'g2'), card('s2', 'g1')], [group('g2', 'b'), group('g1', 'a')])
    expect(layout.groups.map((g) => g.id)).toEqual(['g1', 'g2'])
    expect(layout.zones.map((z) => z.groupId)).toEqual(['g1', 'g2'])
    for (const [id, groupId] of [['s1', 'g2'], ['s2', 'g1']] as const) {
      const p = layout.positions.get(id)!
      const zone = layout.zones.find((z) => z.groupId === groupId)!
      expect(p.x >= zone.x && p.x + STAKEHOLDER_CARD_SIZE.w <= zone.x + zone.w && p.y >= zone.y && p.y + STAKEHOLDER_CARD_SIZE.h <= zone.y + zone.h).toBe(true)
    }
    expect(layout.grid.positions.size).toBe(2)
  })

  it('frames zones and cards together', () => {
    const layout = layoutMap([card('loose', '', -500, -400)], [group('g1', 'a')])
    const bounds = mapBounds(layout)!
    expect(bounds.x).toBe(-500)
    expect(bounds.y).toBe(-400)
    expect(bounds.x + bounds.w).toBeGreaterThanOrEqual(layout.zones[0]!.x + layout.zones[0]!.w)
  })
})

describe('placeNewStakeholder', () => {
  const layout = layoutMap([card('s1', 'g1')], [group('g1', 'a'), group('g2', 'b')])
  const zone = (id: string) => layout.zones.find((z) => z.groupId === id)!

  it('a double-click centres the card there, in the zone under it', () => {
    const z = zone('g2')
    const at = { x: z.x + z.w / 2, y: z.y + z.h / 2 }
    expect(placeNewStakeholder(layout, { at })).toEqual({ topLeft: { x: at.x - STAKEHOLDER_CARD_SIZE.w / 2, y: at.y - STAKEHOLDER_CARD_SIZE.h / 2 }, groupId: 'g2' })
  })

  it('into a group: inside its zone, beside the cards already there', () => {
    const placed = placeNewStakeholder(layout, { groupId: 'g1' })
    const z = zone('g1')
    expect(placed.groupId).toBe('g1')
    expect(placed.topLeft).not.toEqual(layout.positions.get('s1'))
    expect(placed.topLeft.x).toBeGreaterThanOrEqual(z.x)
    expect(placed.topLeft.y).toBeGreaterThanOrEqual(z.y)
  })

  it('without a group: below the zones', () => {
    const placed = placeNewStakeholder(layout, {})
    const bottom = Math.max(...layout.zones.map((z) => z.y + z.h))
    expect(placed.groupId).toBe('')
    expect(placed.topLeft.y).toBeGreaterThanOrEqual(bottom)
  })
})
