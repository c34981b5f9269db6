import type * as Y from 'yjs'

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void

/**
 * Transactions with `origin` emit no 'update' event: for a transaction no 'update' listener needs.
 *
 * yjs encodes the whole of a transaction again for the document's 'update' listeners whenever one
 * is attached (`cleanupTransactions`). Applying the stored copy of 2,000 notes, that encoding took
 * 0.9 s of one 3–4.5 s task on a 4×-throttled phone (bench/RESULTS.md, "Phone page"), and every
 * listener then ignored it: y-indexeddb skips what it applied itself, y-websocket is not connected
 * before the copy is in (its sync step sends the copy's difference from the document), and the
 * transport counts only own edits. So while such a transaction is cleaned up its listeners are set
 * aside, and given back before any other transaction emits its update: a transaction that one of
 * its observers started (cleaned up in the same chain) keeps its event.
 *
 * For as long as the document lives.
 */
export function withoutUpdateEvents(doc: Y.Doc, origin: unknown): void {
  // ObservableV2 keeps its listeners in `_observers` (lib0/observable.js); yjs checks that map, not
  // a listener count, before it encodes, so the listeners must leave the map, not just be skipped.
  const observers = doc._observers as Map<string, Set<UpdateListener>>
  let setAside: Set<UpdateListener> | undefined
  // A listener attached meanwhile (an observer's) heard the quiet transaction, as it would have
  // without this; it stays, beside the ones set aside.
  const giveBack = (): void => {
    if (setAside) observers.set('update', new Set([...setAside, ...(observers.get('update') ?? [])]))
    setAside = undefined
  }
  doc.on('beforeObserverCalls', (transaction) => {
    if (transaction.origin !== origin) return
    giveBack()
    setAside = observers.get('update')
    observers.delete('update')
  })
  // Emitted right before a transaction's 'update': another origin's means the quiet one is done.
  doc.on('afterTransactionCleanup', (transaction) => {
    if (transaction.origin !== origin) giveBack()
  })
  doc.on('afterAllTransactions', giveBack)
}
