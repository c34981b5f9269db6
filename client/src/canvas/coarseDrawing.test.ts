import { describe, expect, it } from 'vitest'
import { emptyTagFilter } from '../../../shared/logic/tags'
import type { NoteRecord } from '../../../shared/schema/records/note'
import type { ItemRecord } from '../../../shared/schema/schema'
import { coarseItemAt, coarseLine, drawCoarseItems } from './coarseDrawing'
import { ItemIndex } from './itemIndex'

const note = (id: string, x: number, y: number, createdAt = 0): NoteRecord => ({ id, kind: 'note', boardId: 'b', x, y, w: 100, h: 100, color: 'yellow', text: '', createdAt, sdgs: [], dimension: '' })
const ellipse = (id: string, x: number, y: number): ItemRecord => ({ id, kind: 'shape', boardId: 'b', shape: 'ellipse', x, y, w: 100, h: 100, fill: '', stroke: '#000', text: '', createdAt: 5, sdgs: [], dimension: '' }) as ItemRecord

function indexOf(items: ItemRecord[]) {
  const map = new Map(items.map((i) => [i.id, i]))
  const index = new ItemIndex({ getItem: (id) => map.get(id), getItemIds: () => [...map.keys()], subscribe: () => () => undefined }, 'b')
  index.connect()
  return index
}

/** A 2D context that counts what is filled. */
function countingContext() {
  const filled: string[] = []
  const ctx = new Proxy({} as Record<string, unknown>, {
    get: (target, key) => (key in target ? target[key as string] : key === 'fillRect' ? () => filled.push(String(target.fillStyle)) : () => undefined),
    set: (target, key, value) => ((target[key as string] = value), true),
  })
  return { ctx: ctx as unknown as CanvasRenderingContext2D, filled }
}

describe('coarse items', () => {
  it('draws what is in the area and not mounted, bottom to top', () => {
    const index = indexOf([note('a', 0, 0), note('b', 50, 50), note('far', 5000, 0), note('picked', 10, 10)])
    const { ctx, filled } = countingContext()
    const drawn = drawCoarseItems(ctx, index.ordered(), { area: { x: 0, y: 0, w: 1000, h: 1000 }, scale: 0.2, mounted: new Set(['picked']), filter: emptyTagFilter, dots: null })
    expect(drawn).toBe(2)
    expect(filled).toEqual(['#fff176', '#fff176'])
  })

  it('finds the topmost item under a point; an ellipse only inside its outline', () => {
    const index = indexOf([note('under', 0, 0), note('over', 50, 50, 1), ellipse('round', 300, 0)])
    const at = (x: number, y: number, mounted = new Set<string>()) => coarseItemAt(index.search({ x, y, w: 0, h: 0 }), { x, y }, 0.2, mounted)?.id ?? null
    expect(at(60, 60)).toBe('over')
    expect(at(60, 60, new Set(['over']))).toBe('under')
    expect(at(10, 10)).toBe('under')
    expect(at(350, 50)).toBe('round')
    expect(at(302, 2)).toBeNull()
  })

  it('thins a stroke to a few points and keeps its ends', () => {
    const points = Array.from({ length: 300 }, (_, i) => [i, i * 2, 0.5]).flat()
    const line = coarseLine(points)
    expect(line.length / 2).toBeLessThanOrEqual(26)
    expect(line.slice(0, 2)).toEqual([0, 0])
    expect(line.slice(-2)).toEqual([299, 598])
  })
})

describe('ItemIndex', () => {
  it('keeps bounds and stacking order current as items move, come and go', () => {
    const map = new Map<string, ItemRecord>([note('a', 0, 0), note('b', 500, 0, 1)].map((i) => [i.id, i]))
    const listeners = new Map<string, () => void>()
    const index = new ItemIndex({ getItem: (id) => map.get(id), getItemIds: () => [...map.keys()], subscribe: (topic, l) => (listeners.set(topic, l), () => listeners.delete(topic)) }, 'b')
    const disconnect = index.connect()
    expect(index.search({ x: 0, y: 0, w: 1000, h: 200 }).map((e) => e.id)).toEqual(['a', 'b'])
    map.set('a', note('a', 2000, 2000))
    listeners.get('item:a')!()
    expect(index.search({ x: 0, y: 0, w: 1000, h: 200 }).map((e) => e.id)).toEqual(['b'])
    expect(index.search({ x: 1900, y: 1900, w: 200, h: 200 }).map((e) => e.id)).toEqual(['a'])
    map.delete('b')
    listeners.get('items:b')!()
    expect(index.ordered().map((e) => e.id)).toEqual(['a'])
    expect(index.get('b')).toBeUndefined()
    disconnect()
    expect(listeners.size).toBe(0)
  })
})
