import * as Y from 'yjs'
import type { WorkshopMaps } from '../../shared/doc/workshopDoc'
import type { DocumentChange, ItemChange } from '../../shared/facilitation/guard'

/**
 * Applies client updates to a workshop document so that a refused one can be taken back.
 *
 * A Yjs update cannot be dropped once the client has it: its later updates build on its clock, and
 * the server (and everyone) would stall waiting for the missing part. So the update is applied,
 * read (which records it touched, on which boards), judged, and when refused, undone at once with
 * an UndoManager whose scope is the whole document. The undo is an ordinary server change: it is
 * stored and broadcast with the update, so the sender's screen takes the change back too, and no
 * one else ever sees it take effect (the merged broadcast carries both).
 *
 * The guard also keeps an index of which board each item is on, because a deleted record no longer
 * says where it was.
 */
export class UpdateGuard {
  readonly #doc: Y.Doc
  readonly #maps: WorkshopMaps
  readonly #undo: Y.UndoManager
  readonly #knownRoots: ReadonlySet<unknown>
  readonly #boardOfItem = new Map<string, string>()
  #lastChange: (DocumentChange) | null = null
  #judging: unknown = null

  constructor(doc: Y.Doc, maps: WorkshopMaps) {
    this.#doc = doc
    this.#maps = maps
    this.#knownRoots = new Set<unknown>([maps.meta, maps.boards, maps.items, maps.session])
    maps.items.forEach((map, id) => {
      const boardId = map.get('boardId')
      if (typeof boardId === 'string') this.#boardOfItem.set(id, boardId)
    })
    // Registered before the UndoManager's own handler: the change is read while deleted content is still there.
    doc.on('afterTransaction', this.#onAfterTransaction)
    this.#undo = new Y.UndoManager(doc, { trackedOrigins: new Set([GuardedOrigin]), captureTimeout: 0 })
  }

  /**
   * Applies `update` for `origin` (which the room uses to skip the sender when broadcasting).
   * `judge` sees what the update changed; when it returns a refusal, the update is undone and the
   * refusal returned. Returns null when the update stands.
   */
  apply<R>(update: Uint8Array, origin: GuardedOrigin, judge: (change: DocumentChange) => R | null): R | null {
    this.#lastChange = null
    this.#judging = origin
    try {
      Y.applyUpdate(this.#doc, update, origin)
    } finally {
      this.#judging = null
    }
    const change = this.#lastChange as (DocumentChange) | null
    this.#lastChange = null
    try {
      if (change === null) return null
      const refusal = judge(change)
      if (refusal !== null) this.#undo.undo()
      return refusal
    } finally {
      // Nothing is kept for later: the next update starts a new, empty stack (and deleted content may be collected).
      this.#undo.clear()
    }
  }

  /** Which board an item is on, as of the last transaction; null if none. */
  boardOf(itemId: string): string | null {
    return this.#boardOfItem.get(itemId) ?? null
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#onAfterTransaction)
    this.#undo.destroy()
  }

  readonly #onAfterTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin === this.#judging) this.#lastChange = this.#describe(transaction)
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

// Yjs's own typing of a type's event parameter makes AbstractType<unknown> unassignable from its types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type YType = Y.AbstractType<any>

/** Transaction origin of a client's update; the room's broadcast skips `connection`. */
export class GuardedOrigin {
  constructor(readonly connection: unknown) {}
}

function rootOf(type: YType): YType {
  let current = type
  while (current._item !== null && current._item.parent instanceof Y.AbstractType) current = current._item.parent
  return current
}

/** The id of the record (a direct child of `items`) that `type` is or sits in; null if it is not under `items`. */
function recordIdUnder(items: unknown, type: YType): string | null {
  let current = type
  while (current._item !== null) {
    const parent = current._item.parent
    if (parent === items) return current._item.parentSub
    if (!(parent instanceof Y.AbstractType)) return null
    current = parent
  }
  return null
}
