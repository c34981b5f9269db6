import { describe, expect, it } from 'vitest'
import type { NoteRecord } from '../../../shared/schema/records/note'
import type { ItemRecord } from '../../../shared/schema/schema'
import { fullAccess } from '../session/boardAccess'
import type { BoardVoting } from '../session/useBoardVote'
import { createCanvasStore } from './canvasState'
import { watchCulling } from './culling'
import { ItemIndex } from './itemIndex'

const voting: BoardVoting = { view: null, canVote: false, isEligible: () => false, castBlocked: () => null, cast: async () => false, retract: async () => false }
const note = (id: string, x: number, y: number): NoteRecord => ({ id, kind: 'note', boardId: 'b', x, y, w: 100, h: 100, color: 'yellow', text: '', createdAt: 0, sdgs: [], dimension: '' })

/** The three methods the item index reads, over a plain map, with the store's topics. */
function fakeStore(initial: ItemRecord[]) {
  const items = new Map(initial.map((i) => [i.id, i]))
  const listeners = new Map<string, Set<() => void>>()
  const emit = (topic: string) => listeners.get(topic)?.forEach((l) => l())
  return {
    getItem: (id: string) => items.get(id),
    getItemIds: (boardId: string) => [...items.values()].filter((i) => i.boardId === boardId).map((i) => i.id),
    subscribe(topic: string, listener: () => void) {
      if (!listeners.has(topic)) listeners.set(topic, new Set())
      listeners.get(topic)!.add(listener)
      return () => listeners.get(topic)!.delete(listener)
    },
    move(id: string, x: number, y: number) {
      items.set(id, { ...(items.get(id) as NoteRecord), x, y })
      emit(`item:${id}`)
    },
    remove(id: string) {
      items.delete(id)
      emit(`item:${id}`)
      emit('items:b')
    },
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  }
}

// A 1000 × 800 view at 100 %, overscan 0.25: items within 250 board pixels of the view are mounted.
function setup(items: ItemRecord[]) {
  const store = fakeStore(items)
  const canvasStore = createCanvasStore({ access: fullAccess, voting, pendingCamera: null })
  canvasStore.setState({ size: { w: 1000, h: 800 } })
  const index = new ItemIndex(store, 'b')
  const disconnect = index.connect()
  const stopCulling = watchCulling(index, canvasStore, 0.25)
  const stop = () => {
    stopCulling()
    disconnect()
  }
  return { store, canvasStore, index, stop }
}

describe('watchCulling', () => {
  it('mounts what is within reach of the view, in stacking order', () => {
    const { canvasStore } = setup([note('in', 100, 100), note('near', 1100, 100), note('far', 3000, 100)])
    expect(canvasStore.getState().rendered).toEqual(['in', 'near'])
  })

  it('follows the committed camera, not the one on screen', () => {
    const { canvasStore } = setup([note('in', 100, 100), note('far', 3000, 100)])
    canvasStore.setState({ camera: { x: -2800, y: 0, scale: 1 } })
    expect(canvasStore.getState().rendered).toEqual(['in'])
    canvasStore.setState({ committedCamera: { x: -2800, y: 0, scale: 1 } })
    expect(canvasStore.getState().rendered).toEqual(['far'])
  })

  it('keeps the selection and the item being edited mounted wherever they are', () => {
    const { canvasStore } = setup([note('in', 100, 100), note('picked', 5000, 0), note('typed', -5000, 0)])
    canvasStore.setState({ selection: new Set(['picked']), editingId: 'typed' })
    expect(canvasStore.getState().rendered).toEqual(['in', 'picked', 'typed'])
  })

  it('mounts an item someone moves into view, and unmounts one moved away', () => {
    const { store, canvasStore } = setup([note('a', 100, 100), note('b', 3000, 100)])
    store.move('b', 200, 200)
    expect(canvasStore.getState().rendered).toEqual(['a', 'b'])
    store.move('a', -4000, 0)
    expect(canvasStore.getState().rendered).toEqual(['b'])
  })

  it('zoomed out mounts only photos, arrows, the selection and the item being edited', () => {
    const photo: ItemRecord = { id: 'photo', kind: 'image', boardId: 'b', x: 0, y: 0, w: 100, h: 100, hash: 'a'.repeat(64), alt: '', createdAt: 1 } as ItemRecord
    const { canvasStore } = setup([note('a', 100, 100), note('b', 300, 100), photo])
    canvasStore.setState({ committedCamera: { x: 0, y: 0, scale: 0.2 } })
    expect(canvasStore.getState().rendered).toEqual(['photo'])
    canvasStore.setState({ selection: new Set(['b']) })
    expect(canvasStore.getState().rendered).toEqual(['b', 'photo'])
  })

  it('drops deleted items from the selection', () => {
    const { store, canvasStore } = setup([note('a', 100, 100), note('b', 200, 100)])
    canvasStore.setState({ selection: new Set(['a', 'b']) })
    store.remove('a')
    expect([...canvasStore.getState().selection]).toEqual(['b'])
    expect(canvasStore.getState().rendered).toEqual(['b'])
  })

  it('leaves nothing subscribed when stopped', () => {
    const { store, stop } = setup([note('a', 100, 100), note('b', 200, 100)])
    // The board's id list and each item's own topic.
    expect(store.listenerCount()).toBe(3)
    stop()
    expect(store.listenerCount()).toBe(0)
  })
})

describe('ItemIndex damage', () => {
  it('reports a moved item with where it was and where it is, as the change comes in', () => {
    const { store, index } = setup([note('a', 100, 100), note('b', 400, 100)])
    const seen: { ids: readonly string[]; rects: readonly unknown[] }[] = []
    index.onDamage((damage) => seen.push(damage))
    store.move('a', 150, 120)
    // Culling read the index at once, so the damage is there before any render.
    expect(seen).toEqual([{ ids: ['a'], rects: [{ x: 100, y: 100, w: 100, h: 100 }, { x: 150, y: 120, w: 100, h: 100 }] }])
  })

  it('reports an item changed in place once, and nothing for items that came or went', () => {
    const { store, index } = setup([note('a', 100, 100), note('b', 400, 100)])
    const seen: { ids: readonly string[]; rects: readonly unknown[] }[] = []
    index.onDamage((damage) => seen.push(damage))
    store.move('a', 100, 100)
    expect(seen).toEqual([{ ids: ['a'], rects: [{ x: 100, y: 100, w: 100, h: 100 }] }])
    store.remove('b')
    expect(seen).toHaveLength(1)
  })
})
