import * as Y from 'yjs'
import type { RoomRefusal } from './RoomExtension'
import { forEachStruct, ForwardOntoCopies } from './ForwardOntoCopies'
import { SyncConnection } from './SyncConnection'
import { withoutContent } from './withoutContent'

/** What applying one client update leaves to store: the updates, and the origin to store them with. */
export interface ApplyOutcome {
  transaction: Y.Transaction | null
  refusal: RoomRefusal | null
  /** The document's updates to store and broadcast, in order (none when it changed nothing). */
  updates: Uint8Array[]
  /** The connection when the update stands (its sender has it); this applier when it was refused (the sender needs the undo too). */
  origin: unknown
}

/**
 * Applies client updates so that a refused one can be taken back without leaving its content anywhere.
 *
 * A Yjs update cannot be dropped once the client has it: its later updates build on its clock, and
 * the server (and everyone) would stall waiting for the missing part. So an update is applied with
 * its connection as the transaction origin, checked, and when refused, undone at once with an
 * UndoManager whose scope is the whole document. The document's own updates meanwhile are held:
 * an update that stands is stored as Yjs encoded it; a refused one is stored (and broadcast, to
 * its sender too) as one update of its structs without their content (`withoutContent`) merged
 * with the undo, and its structs are garbage-collected in the room's document. So what the refused
 * update said is in no stored row, no broadcast and no later sync reply; its ids stay, so whatever
 * its sender builds on them still integrates. The undo restores what the refused update removed as
 * copies; writes of later updates that raced it are carried onto them (ForwardOntoCopies).
 */
export class UndoableApply {
  readonly #doc: Y.Doc
  readonly #undo: Y.UndoManager
  readonly #forward: ForwardOntoCopies
  #applying: SyncConnection | null = null
  #transaction: Y.Transaction | null = null
  #undoTransaction: Y.Transaction | null = null
  /** The document's updates while an update is applied and checked; null otherwise. */
  #held: { update: Uint8Array; origin: unknown }[] | null = null

  constructor(doc: Y.Doc) {
    this.#doc = doc
    doc.on('afterTransaction', this.#onAfterTransaction)
    doc.on('update', this.#onUpdate)
    // Tracks every client's update (their origin is their connection), and nothing the server writes.
    this.#undo = new Y.UndoManager(doc, { trackedOrigins: new Set([SyncConnection]), captureTimeout: 0 })
    this.#forward = new ForwardOntoCopies(doc)
  }

  /** An update is being applied or undone: the room leaves storing its document's updates to `apply`'s outcome. */
  get isHolding(): boolean {
    return this.#held !== null
  }

  /**
   * Applies `update` from `connection`; `check` sees the transaction that applied it. When it returns
   * a refusal, the update is undone and the refusal returned. The transaction is null when the
   * update changed nothing Yjs reports (a duplicate, or structs still waiting for what they build on).
   */
  apply(connection: SyncConnection, update: Uint8Array, check: (transaction: Y.Transaction) => RoomRefusal | null): ApplyOutcome {
    this.#transaction = null
    this.#undoTransaction = null
    this.#applying = connection
    const held: { update: Uint8Array; origin: unknown }[] = []
    this.#held = held
    let carried = false
    try {
      try {
        if (this.#forward.isEmpty) Y.applyUpdate(this.#doc, update, connection)
        else {
          // One transaction: the checks judge what is carried onto copies as the sender's own writes.
          Y.transact(
            this.#doc,
            (applying) => {
              Y.applyUpdate(this.#doc, update, connection)
              carried = this.#forward.carry(applying, update, { who: senderOf(connection), knownState: connection.knownState })
              // applyUpdate marked it remote; the carried writes are this document's own (else Yjs takes them for a client-id clash and changes its id).
              if (carried) applying.local = true
            },
            connection,
          )
        }
      } finally {
        this.#applying = null
      }
      const transaction = this.#transaction as Y.Transaction | null
      const refusal = transaction ? check(transaction) : null
      if (refusal) {
        this.#undo.undo()
        if (transaction) this.#forward.noteUndone(transaction, senderOf(connection))
      }
      // Nothing is kept for later: the next update starts a new, empty stack. Then what the update
      // (or its undo) deleted is collected, as Yjs would have done without the undo manager's hold on
      // it (else it stays in memory and every snapshot, and deleting never makes room under the size cap).
      if (refusal) this.#undo.clear()
      else this.#releaseStanding()
      const undone = this.#undoTransaction as Y.Transaction | null
      // A restored record map is kept whole: a write racing the undo may build on its fields (ForwardOntoCopies).
      const collectable = (item: Y.Item) => this.#doc.gcFilter(item) && !(item.redone !== null && item.content instanceof Y.ContentType)
      // The undo manager keeps (Item.keep) what a tracked transaction deleted and releases it when its
      // stacks are cleared; but undo() pops the refused update's entry first, so what the update
      // deleted of its own (a write it overwrote itself, or one that lost to a copy) stayed kept with
      // its content, for every later sync step 2 and snapshot. Released here: the refused update's own
      // structs only (the originals of restored copies stay, for ForwardOntoCopies).
      if (refusal && transaction) {
        const own = (item: Y.Item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0) && item.id.clock < (transaction.afterState.get(item.id.client) ?? 0)
        for (const done of [transaction, undone]) if (done) forEachStruct(this.#doc.store, done.deleteSet, (struct) => struct instanceof Y.Item && own(struct) && (struct.keep = false))
      }
      for (const done of [transaction, undone]) if (done && this.#doc.gc) Y.tryGc(done.deleteSet, this.#doc.store, collectable)
      this.#transaction = null
      this.#undoTransaction = null
      // Carried writes go to the sender too: its screen still shows the copy winning.
      if (!refusal) return { transaction, refusal, updates: held.map((entry) => entry.update), origin: carried ? this : connection }
      const [applied, ...rest] = held.filter((entry) => entry.origin === connection)
      const undo = held.filter((entry) => entry.origin !== connection).map((entry) => entry.update)
      const stored = applied ? [withoutContent(applied.update), ...rest.map((entry) => withoutContent(entry.update)), ...undo] : undo
      return { transaction, refusal, updates: stored.length > 1 ? [Y.mergeUpdates(stored)] : stored, origin: this }
    } finally {
      this.#held = null
    }
  }

  /**
   * Empties the undo stack of an update that stands, as `UndoManager.clear` would, without its
   * transaction: `clear` opens one on the document to release what the stack kept, and that second
   * transaction per update (state vectors, every afterTransaction observer) cost about as much as
   * applying a small update (bench/RESULTS.md, 2026-12-06 "many small rooms"). Releasing needs no
   * transaction: only the keep flags change, on items whose deletion already split them.
   */
  #releaseStanding(): void {
    for (const stackItem of this.#undo.undoStack) {
      forEachStruct(this.#doc.store, stackItem.deletions, (struct) => {
        if (struct instanceof Y.Item) release(struct)
      })
    }
    this.#undo.undoStack = []
    this.#undo.redoStack = []
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#onAfterTransaction)
    this.#doc.off('update', this.#onUpdate)
    this.#undo.destroy()
  }

  readonly #onAfterTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin === this.#applying && this.#applying !== null) this.#transaction = transaction
    else if (transaction.origin === this.#undo && this.#held !== null) this.#undoTransaction = transaction
  }

  readonly #onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.#held?.push({ update, origin })
  }
}

/** Who sent an update, as the undo's carrying tells people apart: a participant by their id, a role's link holders as one. */
function senderOf(connection: SyncConnection): string {
  return connection.grant ? `${connection.grant.role}:${connection.grant.participantId}` : ''
}

/** Yjs's `keepItem(item, false)` (not exported): the item and the parents it kept for it may be collected again. */
function release(item: Y.Item): void {
  let current: Y.Item | null = item
  while (current !== null && current.keep) {
    current.keep = false
    current = (current.parent as Y.AbstractType<unknown>)._item
  }
}
