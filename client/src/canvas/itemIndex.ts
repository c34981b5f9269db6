import RBush from 'rbush'
import { isCanvasItem, itemRect, type CanvasItem } from '../../../shared/logic/canvasItems'
import type { Rect } from '../../../shared/logic/geometry'
import type { ItemDamage } from './viewport/regionRedraw'
import type { WorkshopStore } from '../store/WorkshopStore'

/** One item of the board with its bounds (board pixels) and its place in the stacking order. */
export interface IndexEntry {
  readonly id: string
  item: CanvasItem
  rect: Rect
  /** Position in the board's stacking order (0 at the bottom). */
  order: number
  minX: number
  minY: number
  maxX: number
  maxY: number
}

type IndexStore = Pick<WorkshopStore, 'getItem' | 'getItemIds' | 'subscribe'>

/**
 * The items of one board with their bounds worked out once per change, in an R-tree (rbush) for
 * "what is within reach of the view" and in stacking order for drawing. Culling asks it at every
 * camera commit; the coarse layer draws from it. It follows each item's topic, so a remote move
 * re-measures that item only (a text's wrapped height and a stroke's bounds are not recomputed
 * per commit or per change of another item); items coming or going re-read the board's order.
 *
 * Arrows' bounds follow their bound items, so they are re-measured at every change.
 */
export class ItemIndex {
  readonly #store: IndexStore
  readonly #boardId: string
  readonly #tree = new RBush<IndexEntry>()
  readonly #entries = new Map<string, IndexEntry>()
  #ordered: IndexEntry[] = []
  /** The board's ids must be read again (items came or went). */
  #full = true
  /** Items whose record changed since the last read. */
  readonly #changed = new Set<string>()
  /** The subscription to each indexed item's topic (null while not connected). */
  readonly #itemOffs = new Map<string, (() => void) | null>()
  #follow: ((id: string) => () => void) | null = null
  /** Arrows: their bounds follow the items they are bound to. */
  #connectors: IndexEntry[] = []
  readonly #listeners = new Set<() => void>()
  readonly #damageListeners = new Set<(damage: ItemDamage) => void>()

  constructor(store: IndexStore, boardId: string) {
    this.#store = store
    this.#boardId = boardId
  }

  /** Follows the store's changes until the returned function is called (an effect's cleanup). */
  connect(): () => void {
    this.#full = true
    const notify = () => this.#listeners.forEach((listener) => listener())
    // Items came or went: read the board again. One item changed: re-measure that one only.
    const offIds = this.#store.subscribe(`items:${this.#boardId}`, () => {
      this.#full = true
      notify()
    })
    this.#follow = (id) =>
      this.#store.subscribe(`item:${id}`, () => {
        this.#changed.add(id)
        notify()
      })
    for (const id of this.#itemOffs.keys()) this.#itemOffs.set(id, this.#follow(id))
    return () => {
      offIds()
      this.#follow = null
      for (const [id, off] of this.#itemOffs) {
        off?.()
        this.#itemOffs.set(id, null)
      }
    }
  }

  /** Called after any item of the board changed, came or went (the index reads it lazily). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * Called as changed items are re-measured (at the next read after a change; culling reads at
   * once): their ids and their bounds before and after, so the layer can redraw just there
   * (viewport/regionRedraw.ts). Items coming or going are not reported: they mount or unmount nodes.
   */
  onDamage(listener: (damage: ItemDamage) => void): () => void {
    this.#damageListeners.add(listener)
    return () => this.#damageListeners.delete(listener)
  }

  /** Every item, bottom to top. */
  ordered(): readonly IndexEntry[] {
    this.#update()
    return this.#ordered
  }

  /** Items whose bounds meet `rect`, bottom to top. */
  search(rect: Rect): IndexEntry[] {
    this.#update()
    const found = this.#tree.search({ minX: rect.x, minY: rect.y, maxX: rect.x + rect.w, maxY: rect.y + rect.h })
    return found.sort((a, b) => a.order - b.order)
  }

  get(id: string): IndexEntry | undefined {
    this.#update()
    return this.#entries.get(id)
  }

  #update(): void {
    if (this.#full) this.#readAll()
    else if (this.#changed.size > 0) {
      const ids: string[] = []
      const rects: Rect[] = []
      for (const id of this.#changed) {
        const entry = this.#entries.get(id)
        const item = this.#lookup(id)
        // Gone, or now without bounds: the next read of the list (items:<board>) settles it.
        if (!entry || !item) {
          this.#readAll()
          ids.length = 0
          break
        }
        entry.item = item
        const before = entry.rect
        if (!this.#measure(entry)) continue
        ids.push(id)
        rects.push(before)
        if (entry.rect !== before) rects.push(entry.rect)
      }
      for (const entry of this.#connectors) {
        const before = entry.rect
        if (!this.#measure(entry) || entry.rect === before) continue
        ids.push(entry.id)
        rects.push(before, entry.rect)
      }
      this.#changed.clear()
      if (ids.length > 0) this.#damageListeners.forEach((listener) => listener({ ids, rects }))
    }
    this.#changed.clear()
  }

  readonly #lookup = (id: string): CanvasItem | undefined => {
    const item = this.#store.getItem(id)
    return isCanvasItem(item) ? item : undefined
  }

  /** Re-reads the board's stacking order; measures new and changed items, drops removed ones. */
  #readAll(): void {
    this.#full = false
    const ordered: IndexEntry[] = []
    const connectors: IndexEntry[] = []
    const live = new Set<string>()
    const fresh: IndexEntry[] = []
    for (const id of this.#store.getItemIds(this.#boardId)) {
      const item = this.#lookup(id)
      if (!item) continue
      let entry = this.#entries.get(id)
      if (!entry) {
        const rect = itemRect(item, this.#lookup)
        if (!rect) continue
        entry = { id, item, rect, order: 0, minX: 0, minY: 0, maxX: 0, maxY: 0 }
        setBounds(entry, rect)
        this.#entries.set(id, entry)
        fresh.push(entry)
      } else if (entry.item !== item || item.kind === 'connector') {
        entry.item = item
        if (!this.#measure(entry)) continue
      }
      live.add(id)
      entry.order = ordered.length
      ordered.push(entry)
      if (item.kind === 'connector') connectors.push(entry)
      if (!this.#itemOffs.has(id)) this.#itemOffs.set(id, this.#follow?.(id) ?? null)
    }
    for (const entry of this.#entries.values()) if (!live.has(entry.id)) this.#remove(entry)
    // Bulk loading is much faster than one insert each when a whole board arrives at once.
    if (fresh.length > 100) this.#tree.load(fresh)
    else for (const entry of fresh) this.#tree.insert(entry)
    this.#ordered = ordered
    this.#connectors = connectors
  }

  /** Measures an indexed item again; false (and removed) when it has no bounds now. */
  #measure(entry: IndexEntry): boolean {
    const rect = itemRect(entry.item, this.#lookup)
    if (!rect) {
      this.#remove(entry)
      return false
    }
    const same = entry.rect.x === rect.x && entry.rect.y === rect.y && entry.rect.w === rect.w && entry.rect.h === rect.h
    if (same) return true
    this.#tree.remove(entry)
    setBounds(entry, rect)
    this.#tree.insert(entry)
    return true
  }

  #remove(entry: IndexEntry): void {
    this.#tree.remove(entry)
    this.#entries.delete(entry.id)
    this.#itemOffs.get(entry.id)?.()
    this.#itemOffs.delete(entry.id)
  }
}

function setBounds(entry: IndexEntry, rect: Rect): void {
  entry.rect = rect
  entry.minX = rect.x
  entry.minY = rect.y
  entry.maxX = rect.x + rect.w
  entry.maxY = rect.y + rect.h
}
