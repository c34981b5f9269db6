import type * as Y from 'yjs'
import { readBoardMap, readMetaMap, type ItemReader } from '../../../shared/doc/readRecords'
import type { WorkshopMaps } from '../../../shared/doc/workshopMaps'
import { sortByOrder } from '../../../shared/logic/sortByOrder'
import type { ItemKind, ItemOfKind, ItemRecord } from '../../../shared/schema/schema'
import { defaultSession, type SessionReader, type SessionRecord } from '../../../shared/schema/records/session'
import type { BoardRecord, NoteRecord, WorkshopMetaRecord } from './types'

export type ItemEvents = Y.YEvent<Y.AbstractType<unknown>>[]

/** One read of the items after a transaction, for parts that report on it. */
export interface ItemsRead {
  events: ItemEvents
  transaction: Y.Transaction
  /** The records this read forgot (deleted, or no longer valid), as they were before. */
  removed: ReadonlyMap<string, ItemRecord>
}

/**
 * The document as validated, immutable snapshots for React. Each transaction re-reads only the
 * records it touched; an unchanged record keeps its identity, and only the topics of what changed
 * are emitted:
 *   'meta', 'session', 'boards'      the workshop's title and language, the facilitator's live
 *                                    state, the board list
 *   'item:<id>', 'note:<id>'         one record ('note:' too when it is or was a note)
 *   'items:<boardId>'                the ids on a board, in stacking order (added, removed, moved)
 *   'kind:<boardId>:<kind>'          any record of one kind on one board
 * A record that fails validation is left out (and warned about once), never passed to the UI.
 * Items are read with the page's `ItemReader`: every kind on the board, only notes and cards on the
 * phone (an item of a kind the reader skips is not there for this page); the session likewise with
 * the page's `SessionReader` (the phone leaves out the kept votes).
 */
export class RecordSnapshots {
  readonly #maps: WorkshopMaps
  readonly #emit: (topic: string) => void
  readonly #readItem: ItemReader
  readonly #readSessionFields: SessionReader
  readonly #itemsReadListeners = new Set<(read: ItemsRead) => void>()
  #boards: readonly BoardRecord[] = []
  #meta: WorkshopMetaRecord | null = null
  #session: SessionRecord = defaultSession
  readonly #items = new Map<string, ItemRecord>()
  readonly #itemIdsByBoard = new Map<string, readonly string[]>()
  /** Lazily built lists of one kind on one board; dropped when that board's items of the kind change. */
  readonly #kindLists = new Map<string, readonly ItemRecord[]>()

  constructor(maps: WorkshopMaps, emit: (topic: string) => void, readItem: ItemReader, readSession: SessionReader) {
    this.#maps = maps
    this.#emit = emit
    this.#readItem = readItem
    this.#readSessionFields = readSession
    maps.meta.observe(this.#readMeta)
    maps.session.observe(this.#readSession)
    maps.boards.observeDeep(this.#readBoards)
    maps.items.observeDeep(this.#onItems)
    this.#readMeta()
    this.#readSession()
    this.#readBoards()
    this.#readItems(null)
  }

  getBoards(): readonly BoardRecord[] {
    return this.#boards
  }

  getMeta(): WorkshopMetaRecord | null {
    return this.#meta
  }

  getSession(): SessionRecord {
    return this.#session
  }

  getItemIds(boardId: string): readonly string[] {
    return this.#itemIdsByBoard.get(boardId) ?? emptyIds
  }

  getItem(id: string): ItemRecord | undefined {
    return this.#items.get(id)
  }

  getNote(id: string): NoteRecord | undefined {
    const item = this.#items.get(id)
    return item?.kind === 'note' ? item : undefined
  }

  /** Every item of one kind on one board, in stacking order; the same array until one of them changes. */
  getItemsOfKind<K extends ItemKind>(boardId: string, kind: K): readonly ItemOfKind<K>[] {
    const key = `${boardId}:${kind}`
    let list = this.#kindLists.get(key)
    if (!list) {
      list = this.getItemIds(boardId).flatMap((id) => {
        const item = this.#items.get(id)
        return item && item.kind === kind ? [item] : []
      })
      this.#kindLists.set(key, list)
    }
    return list as readonly ItemOfKind<K>[]
  }

  /** Called after the items of each transaction were re-read (see RemoteChanges). */
  onItemsRead(listener: (read: ItemsRead) => void): () => void {
    this.#itemsReadListeners.add(listener)
    return () => {
      this.#itemsReadListeners.delete(listener)
    }
  }

  destroy(): void {
    this.#maps.meta.unobserve(this.#readMeta)
    this.#maps.session.unobserve(this.#readSession)
    this.#maps.boards.unobserveDeep(this.#readBoards)
    this.#maps.items.unobserveDeep(this.#onItems)
    this.#itemsReadListeners.clear()
  }

  readonly #readMeta = (): void => {
    const result = readMetaMap(this.#maps.meta)
    const next = result.ok ? result.value : null
    if (JSON.stringify(next) !== JSON.stringify(this.#meta)) {
      this.#meta = next
      this.#emit('meta')
    }
  }

  readonly #readSession = (): void => {
    const { session, errors } = this.#readSessionFields(this.#maps.session.toJSON() as Record<string, unknown>)
    for (const error of errors) warnOnce(error)
    if (JSON.stringify(session) !== JSON.stringify(this.#session)) {
      this.#session = session
      this.#emit('session')
    }
  }

  readonly #readBoards = (): void => {
    const boards: BoardRecord[] = []
    this.#maps.boards.forEach((map, id) => {
      const result = readBoardMap(id, map)
      if (result.ok) boards.push(result.value)
      else warnOnce(result.error)
    })
    const sorted = sortByOrder(boards)
    // Keep the identity of unchanged boards so memoised components skip them.
    const previous = new Map(this.#boards.map((b) => [b.id, b]))
    const next = sorted.map((b) => {
      const old = previous.get(b.id)
      return old && shallowEqual(old, b) ? old : b
    })
    if (next.length !== this.#boards.length || next.some((b, i) => b !== this.#boards[i])) {
      this.#boards = next
      this.#emit('boards')
    }
  }

  readonly #onItems = (events: ItemEvents, transaction: Y.Transaction): void => {
    const removed = this.#readItems(events)
    for (const listener of [...this.#itemsReadListeners]) listener({ events, transaction, removed })
  }

  /** Re-reads only the items the events touched; `null` re-reads all (first load). */
  #readItems(events: ItemEvents | null): Map<string, ItemRecord> {
    const touched = new Set<string>()
    if (events === null) {
      this.#maps.items.forEach((_map, id) => touched.add(id))
    } else {
      for (const event of events) {
        if (event.target === this.#maps.items) {
          for (const key of event.changes.keys.keys()) touched.add(key)
        } else {
          const id = event.path[0]
          if (typeof id === 'string') touched.add(id)
        }
      }
    }
    const removed = new Map<string, ItemRecord>()
    const listsChanged = new Set<string>()
    const kindsChanged = new Set<string>()
    for (const id of touched) {
      const old = this.#items.get(id)
      const map = this.#maps.items.get(id)
      let next: ItemRecord | undefined
      if (map) {
        const result = this.#readItem(id, map)
        if (result?.ok) next = result.value
        else if (result) warnOnce(result.error)
      }
      // Unchanged, or never held (a kind this page does not read, an invalid record still invalid).
      if (old && next && shallowEqual(old, next)) continue
      if (!old && !next) continue
      if (next) this.#items.set(id, next)
      else this.#items.delete(id)
      if (old && !next) removed.set(id, old)
      if (old) kindsChanged.add(`${old.boardId}:${old.kind}`)
      if (next) kindsChanged.add(`${next.boardId}:${next.kind}`)
      const moved = !old || !next || old.boardId !== next.boardId || old.createdAt !== next.createdAt
      if (moved) {
        if (old) listsChanged.add(old.boardId)
        if (next) listsChanged.add(next.boardId)
      }
      this.#emit(`item:${id}`)
      if (old?.kind === 'note' || next?.kind === 'note') this.#emit(`note:${id}`)
    }
    for (const boardId of listsChanged) {
      const ids = [...this.#items.values()]
        .filter((item) => item.boardId === boardId)
        .sort(byStacking)
        .map((item) => item.id)
      const previous = this.#itemIdsByBoard.get(boardId) ?? emptyIds
      if (ids.length !== previous.length || ids.some((id, i) => id !== previous[i])) {
        this.#itemIdsByBoard.set(boardId, ids)
        this.#emit(`items:${boardId}`)
      }
    }
    for (const key of kindsChanged) {
      this.#kindLists.delete(key)
      this.#emit(`kind:${key}`)
    }
    return removed
  }
}

const emptyIds: readonly string[] = Object.freeze([])

/** Older below, ties by id: the same order in every browser. */
function byStacking(a: ItemRecord, b: ItemRecord): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function shallowEqual(a: object, b: object): boolean {
  const ak = Object.keys(a)
  if (ak.length !== Object.keys(b).length) return false
  return ak.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

const warned = new Set<string>()
function warnOnce(message: string): void {
  if (warned.has(message)) return
  warned.add(message)
  console.warn(`[samskap] skipped an invalid record: ${message}`)
}
