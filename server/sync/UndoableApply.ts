import * as Y from 'yjs'
import type { Refusal } from './RoomExtension'
import { SyncConnection } from './SyncConnection'

/**
 * Applies client updates so that a refused one can be taken back.
 *
 * A Yjs update cannot be dropped once the client has it: its later updates build on its clock, and
 * the server (and everyone) would stall waiting for the missing part. So an update is applied with
 * its connection as the transaction origin, checked, and when refused, undone at once with an
 * UndoManager whose scope is the whole document. The undo is an ordinary server change: it is stored
 * and broadcast with the update, so the sender's screen takes the change back too, and no one else
 * ever sees it take effect (the merged broadcast carries both).
 */
export class UndoableApply {
  readonly #doc: Y.Doc
  readonly #undo: Y.UndoManager
  #applying: SyncConnection | null = null
  #transaction: Y.Transaction | null = null

  constructor(doc: Y.Doc) {
    this.#doc = doc
    doc.on('afterTransaction', this.#onAfterTransaction)
    // Tracks every client's update (their origin is their connection), and nothing the server writes.
    this.#undo = new Y.UndoManager(doc, { trackedOrigins: new Set([SyncConnection]), captureTimeout: 0 })
  }

  /**
   * Applies `update` from `connection`; `check` sees the transaction that applied it. When it returns
   * a refusal, the update is undone and the refusal returned. The transaction is null when the
   * update was applied without one (never, in practice: Yjs always opens one).
   */
  apply(
    connection: SyncConnection,
    update: Uint8Array,
    check: (transaction: Y.Transaction) => Refusal | null,
  ): { transaction: Y.Transaction | null; refusal: Refusal | null } {
    this.#transaction = null
    this.#applying = connection
    try {
      Y.applyUpdate(this.#doc, update, connection)
    } finally {
      this.#applying = null
    }
    const transaction = this.#transaction as Y.Transaction | null
    this.#transaction = null
    try {
      const refusal = transaction ? check(transaction) : null
      if (refusal) this.#undo.undo()
      return { transaction, refusal }
    } finally {
      // Nothing is kept for later: the next update starts a new, empty stack. The stack had kept what
      // the update deleted from the collection at the end of its transaction: collect it now, or it
      // stays in memory and in every snapshot for good (and deleting would never make room under
      // the workshop size cap).
      this.#undo.clear()
      if (transaction && this.#doc.gc) Y.tryGc(transaction.deleteSet, this.#doc.store, this.#doc.gcFilter)
    }
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#onAfterTransaction)
    this.#undo.destroy()
  }

  readonly #onAfterTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin === this.#applying && this.#applying !== null) this.#transaction = transaction
  }
}
