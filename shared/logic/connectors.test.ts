import { describe, expect, it } from 'vitest'
import { edgePoint, endAt, isConnectorWorthKeeping, resolveConnector, type EndTarget } from './connectors'

const box: EndTarget = { x: 0, y: 0, w: 100, h: 50 }
const round = (p: { x: number; y: number }) => ({ x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 })

describe('edgePoint', () => {
  it.each([
    ['right', box, { x: 500, y: 25 }, 0, { x: 100, y: 25 }],
    ['left', box, { x: -500, y: 25 }, 0, { x: 0, y: 25 }],
    ['below', box, { x: 50, y: 500 }, 0, { x: 50, y: 50 }],
    ['above, with gap', box, { x: 50, y: -500 }, 4, { x: 50, y: -4 }],
    ['diagonal hits the short side first', box, { x: 150, y: 125 }, 0, { x: 75, y: 50 }],
    ['ellipse to the right', { ...box, round: true }, { x: 500, y: 25 }, 0, { x: 100, y: 25 }],
    ['ellipse at 45° (circle)', { x: 0, y: 0, w: 100, h: 100, round: true }, { x: 150, y: 150 }, 0, { x: 85.36, y: 85.36 }],
    ['towards its own centre: top centre', box, { x: 50, y: 25 }, 4, { x: 50, y: -4 }],
  ])('%s', (_name, target, toward, gap, expected) => {
    expect(round(edgePoint(target, toward, gap))).toEqual(expected)
  })
})

describe('resolveConnector', () => {
  const items: Record<string, EndTarget> = {
    a: { x: 0, y: 0, w: 100, h: 100 },
    b: { x: 300, y: 0, w: 100, h: 100 },
    moved: { x: 0, y: 300, w: 100, h: 100 },
  }
  const lookup = (id: string) => items[id]
  it.each([
    ['two free points', { x: 0, y: 0 }, { x: 10, y: 20 }, { from: { x: 0, y: 0 }, to: { x: 10, y: 20 } }],
    ['bound to bound: facing edges', { itemId: 'a' }, { itemId: 'b' }, { from: { x: 104, y: 50 }, to: { x: 296, y: 50 } }],
    ['bound follows the moved item', { itemId: 'a' }, { itemId: 'moved' }, { from: { x: 50, y: 104 }, to: { x: 50, y: 296 } }],
    ['bound to a free point', { itemId: 'a' }, { x: 50, y: -200 }, { from: { x: 50, y: -4 }, to: { x: 50, y: -200 } }],
    ['a deleted item: nothing to draw', { itemId: 'gone' }, { x: 0, y: 0 }, null],
    ['zero length: nothing to draw', { x: 5, y: 5 }, { x: 5, y: 5 }, null],
  ])('%s', (_name, from, to, expected) => {
    const result = resolveConnector(from, to, lookup)
    expect(result && { from: round(result.from), to: round(result.to) }).toEqual(expected)
  })
})

describe('endAt and isConnectorWorthKeeping', () => {
  it.each([
    [{ x: 10.4, y: 3.6 }, null, { x: 10, y: 4 }],
    [{ x: 10, y: 3 }, 'n1', { itemId: 'n1' }],
  ])('endAt(%j, %s)', (point, id, expected) => expect(endAt(point, id)).toEqual(expected))
  it.each([
    ['same item both ends', { itemId: 'a' }, { itemId: 'a' }, { x: 0, y: 0 }, { x: 100, y: 0 }, false],
    ['two items', { itemId: 'a' }, { itemId: 'b' }, { x: 0, y: 0 }, { x: 0, y: 0 }, true],
    ['a click', { x: 0, y: 0 }, { x: 2, y: 2 }, { x: 0, y: 0 }, { x: 2, y: 2 }, false],
    ['a drag', { x: 0, y: 0 }, { x: 40, y: 0 }, { x: 0, y: 0 }, { x: 40, y: 0 }, true],
  ])('%s', (_name, a, b, pa, pb, expected) => expect(isConnectorWorthKeeping(a, b, pa, pb)).toBe(expected))
})
