import * as Y from 'yjs'

/**
 * Gives every value a transaction added to `doc` an array of its own size, from now on.
 *
 * Yjs decodes a field's value (`ContentAny`) by pushing onto an empty array, and V8 grows an array
 * pushed onto from empty to room for 17 elements: 152 bytes of backing store for the one value a
 * record field holds, against 24 for an array of its length. A note has twelve fields, so a
 * document that reached this one as updates (every server document, and every joiner's) held
 * ~1.5 KB per note in empty slots (bench/RESULTS.md, "Server heap per note"). Copying the array
 * (`slice` allocates exactly its length) after the transaction changes nothing Yjs or a reader can
 * see: `ContentAny.arr` is replaced, never mutated, by Yjs itself (splits and merges make new
 * arrays), and readers get its elements, not the array.
 *
 * Arrays of 17 values or more are left alone: a Y.Array's values merge into one struct, so a long
 * list growing by one value per transaction would be copied whole every time.
 *
 * Returns the function that stops it.
 */
/** The room V8 gives an array on its first push. */
const pushedCapacity = 17

export function trimDecodedContent(doc: Y.Doc): () => void {
  const trim = (transaction: Y.Transaction) => {
    transaction.afterState.forEach((clock, client) => {
      const beforeClock = transaction.beforeState.get(client) ?? 0
      if (beforeClock === clock) return
      const structs = doc.store.clients.get(client)
      if (!structs) return
      for (let i = Y.findIndexSS(structs, beforeClock); i < structs.length; i++) {
        const content = (structs[i] as Y.Item).content
        if (content instanceof Y.ContentAny && content.arr.length < pushedCapacity) content.arr = content.arr.slice()
      }
    })
  }
  doc.on('afterTransactionCleanup', trim)
  return () => doc.off('afterTransactionCleanup', trim)
}
