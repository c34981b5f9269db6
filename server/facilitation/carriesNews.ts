import * as Y from 'yjs'

/**
 * Whether an update holds anything `doc` does not have yet: an item it lacks, or a deletion of
 * something it still has. A sync reply from a client with no edits of its own holds neither (its
 * delete set repeats deletions the server made itself).
 */
export function carriesNews(doc: Y.Doc, update: Uint8Array): boolean {
  const missing = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)))
  if (missing.structs.length > 0) return true
  if (missing.ds.clients.size === 0) return false
  const known = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, ranges] of missing.ds.clients) {
    const have = known.clients.get(client) ?? []
    for (const range of ranges) if (!covered(have, range.clock, range.clock + range.len)) return true
  }
  return false
}

/** Whether sorted, possibly adjacent ranges cover [from, to) without a gap. */
function covered(ranges: readonly { clock: number; len: number }[], from: number, to: number): boolean {
  let reached = from
  for (const range of ranges) {
    if (range.clock > reached) break
    reached = Math.max(reached, range.clock + range.len)
    if (reached >= to) return true
  }
  return reached >= to
}
