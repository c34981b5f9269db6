import * as Y from 'yjs'
import type { WorkshopMaps } from '../../shared/doc/workshopDoc'
import type { DocumentChange, ItemChange } from '../../shared/facilitation/guard'
import { SyncConnection } from '../sync/SyncConnection'
import { recordIdUnder, rootOf } from '../trust/RecordValidity'

/**
 * Reads what each client update changed, for the role rules (`judgeChange`, shared/facilitation/guard.ts).
 *
 * The room applies a client's update with its connection as the transaction origin
 * (server/sync/UndoableApply.ts) and undoes it if an extension refuses it. This guard reads such a
 * transaction as it ends, while deleted content is still there: which top-level parts it touched and,
 * for each item, the board it was on before and after. It keeps an index of which board each item is
 * on, because a deleted record no longer says where it was.
 */
export class UpdateGuard {
  readonly #doc: Y.Doc
  readonly #maps: WorkshopMaps
  readonly #knownRoots: ReadonlySet<unknown>
  readonly #boardOfItem = new Map<string, string>()
  /**
   * What each client transaction changed, until the transaction is collected: a WeakMap, so the
   * guard never keeps a transaction (and the structures it refers to) alive past its update.
   */
  readonly #changes = new WeakMap<Y.Transaction, DocumentChange>()

  constructor(doc: Y.Doc, maps: WorkshopMaps) {
    this.#doc = doc
    this.#maps = maps
    this.#knownRoots = new Set<unknown>([maps.meta, maps.boards, maps.items, maps.session])
    maps.items.forEach((map, id) => {
      const boardId = map.get('boardId')
      if (typeof boardId === 'string') this.#boardOfItem.set(id, boardId)
    })
    // Registered before the room's UndoManager (the room adds it once its extensions exist).
    doc.on('afterTransaction', this.#onAfterTransaction)
  }

  /** What a client's transaction changed; null if it is not one this guard read. */
  changeOf(transaction: Y.Transaction): DocumentChange | null {
    return this.#changes.get(transaction) ?? null
  }

  /** Which board an item is on, as of the last transaction; null if none. */
  boardOf(itemId: string): string | null {
    return this.#boardOfItem.get(itemId) ?? null
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#onAfterTransaction)
  }

  readonly #onAfterTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin instanceof SyncConnection) this.#changes.set(transaction, this.#describe(transaction))
    this.#updateIndex(transaction)
  }

  #describe(transaction: Y.Transaction): DocumentChange {
    const { meta, boards, items, session } = this.#maps
    const change = { meta: false, boards: false, session: false, unknown: false, items: [] as ItemChange[] }
    const touched = new Set<string>()
    for (const [type, keys] of transaction.changed) {
      const root = rootOf(type)
      if (!this.#knownRoots.has(root)) change.unknown = true
      else if (root === (meta as unknown)) change.meta = true
      else if (root === (boards as unknown)) change.boards = true
      else if (root === (session as unknown)) change.session = true
      else if (type === (items as unknown)) for (const key of keys) touched.add(key ?? '')
      else {
        const id = recordIdUnder(items as unknown, type)
        if (id !== null) touched.add(id)
      }
    }
    for (const id of touched) {
      const boardAfter = items.get(id)?.get('boardId')
      change.items.push({ id, boardBefore: this.#boardOfItem.get(id) ?? null, boardAfter: typeof boardAfter === 'string' ? boardAfter : null })
    }
    return change
  }

  #updateIndex(transaction: Y.Transaction): void {
    const { items } = this.#maps
    for (const [type, keys] of transaction.changed) {
      let ids: Iterable<string | null>
      if (type === (items as unknown)) ids = keys
      else if (keys.has('boardId')) ids = [recordIdUnder(items as unknown, type)]
      else continue
      for (const id of ids) {
        if (id === null) continue
        const boardId = items.get(id)?.get('boardId')
        if (typeof boardId === 'string') this.#boardOfItem.set(id, boardId)
        else this.#boardOfItem.delete(id)
      }
    }
  }
}
