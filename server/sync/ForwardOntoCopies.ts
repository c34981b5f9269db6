import * as Y from 'yjs'

/**
 * Carries writes that raced the undo of a refused update onto the copies the undo restored.
 *
 * The undo of a refused update (UndoableApply) cannot bring a deleted Yjs item back: it restores
 * a *copy*, a new item written by the server, and marks the original `redone` (the copy's id). A
 * client that had not yet received the undo writes on the original: it overwrites the field value
 * the refused update had replaced, or edits or deletes the record map it had deleted. Yjs places
 * such a write beside the original, so the copy, which is newer, wins over it (a field), or it lands
 * in a deleted map and does nothing (a record): an accepted write lost with no refusal
 * (tests/server/fuzz/revertRaces.test.ts).
 *
 * So, in the same transaction as the client's update (the room's checks judge the carried writes
 * as the sender's own, and a refusal undoes them with it), every write of the update that built on
 * an original is written again on the copy, when the copy is still what the field or the record
 * holds (nothing accepted replaced it since):
 * - a field value whose left neighbour when written (its Yjs origin) was an original: set on the
 *   copy's map. The write is marked `redone` to the carried copy in turn, so a second write built on
 *   the first follows it;
 * - a field in a deleted record map that was restored: set in the restored map;
 * - a delete of an original (an item in the update's delete set the server had replaced): the copy
 *   is deleted. A client's delete set may be its whole history (sync step 2 after a reconnect), so
 *   a delete is carried only when the sender had not received the copy (`knownState`, its sync
 *   step 1), is not the one refused deleting it (offline before the undo reached it, it sends
 *   that delete again), and the update did not overwrite the original (that write is carried instead).
 *
 * Originals stay Items while the room is loaded (UndoableApply does not garbage-collect a restored
 * map, whose fields the carrying needs). Held in memory only: after the room is reloaded (or on
 * another instance) a write that raced an undo from before is lost as before.
 */
export class ForwardOntoCopies {
  readonly #doc: Y.Doc
  /**
   * Deleted items that have a copy (`redone`): what a racing write may have built on. By client and
   * clock (sorted), so a delete set is matched against them in O(ranges log n), and each with who was
   * refused deleting it (their own delete comes back in their next sync step 2), null for a write carried over.
   */
  readonly #originals = new Map<number, { clocks: number[]; entries: { item: Y.Item; refusedSender: string | null }[] }>()
  #count = 0

  constructor(doc: Y.Doc) {
    this.#doc = doc
  }

  /** Nothing was ever restored: no update needs looking at (the honest path's cost). */
  get isEmpty(): boolean {
    return this.#count === 0
  }

  /** After a refused update of `sender` (whoever it is: a person or a role) was undone: notes the items it deleted that the undo restored as copies. */
  noteUndone(refused: Y.Transaction, sender: string): void {
    forEachStruct(this.#doc.store, refused.deleteSet, (struct) => {
      if (struct instanceof Y.Item && struct.redone !== null) this.#note(struct, sender)
    })
  }

  /**
   * Inside the transaction that applied a client's `update` (after it is applied): writes again on
   * the copies what it wrote on originals. Returns whether it wrote anything.
   */
  carry(transaction: Y.Transaction, update: Uint8Array, sender: { who: string; knownState: ReadonlyMap<number, number> | null }): boolean {
    if (this.isEmpty) return false
    const store = this.#doc.store
    const overwritten = new Set<Y.Item>()
    let carried = false
    // The update's own structs (the transaction's after-state is only known once it ends), those new to this document.
    const { structs, ds } = Y.decodeUpdate(update)
    for (const decoded of structs) {
      const client = decoded.id.client
      if (!(decoded instanceof Y.Item) || client === this.#doc.clientID) continue
      if (decoded.id.clock < (transaction.beforeState.get(client) ?? 0) || decoded.id.clock >= Y.getState(store, client)) continue
      const struct = Y.getItem(store, decoded.id)
      if (!(struct instanceof Y.Item) || struct.parentSub === null) continue
      let origin = struct.origin ? Y.getItem(store, struct.origin) : null
      if (origin instanceof Y.Item) overwritten.add(origin)
      // Written on top of the sender's own earlier write in this update, which arrives without its
      // content (it was overwritten): what that one built on counts.
      while (origin instanceof Y.Item && origin.redone === null && origin.origin && origin.deleted && origin.id.clock >= (transaction.beforeState.get(origin.id.client) ?? 0)) {
        origin = Y.getItem(store, origin.origin)
      }
      if (struct.deleted && this.#carryWrite(struct, origin)) carried = true
    }
    for (const [client, ranges] of ds.clients) {
      const originals = this.#originals.get(client)
      if (!originals) continue
      for (const { clock, len } of ranges) {
        for (let index = lowerBound(originals.clocks, clock); index < originals.clocks.length && originals.clocks[index]! < clock + len; index++) {
          const { item: original, refusedSender } = originals.entries[index]!
          if (overwritten.has(original) || refusedSender === sender.who) continue
          const copyId = original.redone!
          if (sender.knownState && (sender.knownState.get(copyId.client) ?? 0) > copyId.clock) continue
          const copy = currentCopy(store, original)
          if (!copy || !(copy.parent instanceof Y.Map)) continue
          copy.parent.delete(copy.parentSub!)
          carried = true
        }
      }
    }
    return carried
  }

  #note(item: Y.Item, refusedSender: string | null): void {
    let originals = this.#originals.get(item.id.client)
    if (!originals) this.#originals.set(item.id.client, (originals = { clocks: [], entries: [] }))
    const index = lowerBound(originals.clocks, item.id.clock)
    if (originals.clocks[index] === item.id.clock) return
    originals.clocks.splice(index, 0, item.id.clock)
    originals.entries.splice(index, 0, { item, refusedSender })
    this.#count++
  }

  /** `write` lost to a copy (it is not the value it was written as): sets its value on the copy. */
  #carryWrite(write: Y.Item, origin: Y.Item | Y.GC | null): boolean {
    if (write.content instanceof Y.ContentType || write.content instanceof Y.ContentDeleted) return false
    const key = write.parentSub!
    let target: Y.Map<unknown> | null = null
    if (origin instanceof Y.Item && origin.redone !== null) {
      // It replaced an original: the copy must still be the field's value.
      const copy = currentCopy(this.#doc.store, origin)
      if (copy && copy.parent instanceof Y.Map) target = copy.parent
    } else if (origin === null) {
      // A new field of a deleted record map that was restored, which has no such field since.
      const record = (write.parent as Y.AbstractType<unknown>)._item
      const copy = record?.deleted && record.redone !== null ? latest(this.#doc.store, record) : null
      const map = copy?.content instanceof Y.ContentType ? copy.content.type : null
      if (map instanceof Y.Map && !map.has(key)) target = map
    }
    if (!target) return false
    const values = write.content.getContent()
    target.set(key, values[values.length - 1])
    const carried = target._map.get(key)!
    write.redone = carried.id
    this.#note(write, null)
    return true
  }
}

/** The first index whose clock is at least `clock`. */
function lowerBound(clocks: readonly number[], clock: number): number {
  let low = 0
  let high = clocks.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (clocks[middle]! < clock) low = middle + 1
    else high = middle
  }
  return low
}

/** The last of an item's copies (a copy may have been replaced by a copy in turn); null when it is not an item. */
function latest(store: Y.Doc["store"], item: Y.Item): Y.Item | null {
  let current: Y.Item | Y.GC = item
  for (let hops = 0; current instanceof Y.Item && current.redone !== null && hops < 1000; hops++) current = Y.getItem(store, current.redone)
  return current instanceof Y.Item ? current : null
}

/** The original's last copy when it is still what its field holds (alive, nothing after it); null otherwise. */
function currentCopy(store: Y.Doc["store"], original: Y.Item): Y.Item | null {
  const copy = latest(store, original)
  if (!copy || copy === original || copy.deleted || copy.parentSub === null) return null
  return (copy.parent as Y.AbstractType<unknown>)._map.get(copy.parentSub) === copy ? copy : null
}

/** Every struct of `store` in the delete set (whole structs, never split: this runs after the transaction). */
export function forEachStruct(store: Y.Doc["store"], ds: Y.Transaction["deleteSet"], f: (struct: Y.Item | Y.GC) => void): void {
  for (const [client, ranges] of ds.clients) {
    const structs = store.clients.get(client)
    if (!structs) continue
    for (const { clock, len } of ranges) {
      const last = structs[structs.length - 1]!
      if (clock >= last.id.clock + last.length) continue
      for (let index = Y.findIndexSS(structs, clock); index < structs.length && structs[index]!.id.clock < clock + len; index++) f(structs[index]!)
    }
  }
}
