import { createHash } from 'node:crypto'
import * as Y from 'yjs'

/**
 * What is indexed of a document, decided by shared/followup/searchEntries.ts: raise it when that
 * changes, so every workshop is indexed again as its room next loads.
 */
const INDEX_FORMAT = 1

/**
 * A digest of a document's whole state: its state vector and its delete set (a deletion adds no
 * struct, so the state vector alone misses it). Equal for equal content however it was loaded (from
 * a snapshot or a log: both encodings are sorted by client), different after any change. The search
 * index stores it with the entries it wrote (SearchIndex.indexedVersion).
 */
export function documentVersion(doc: Y.Doc): string {
  return createHash('sha1')
    .update(`${INDEX_FORMAT}:`)
    .update(Y.encodeSnapshot(Y.snapshot(doc)))
    .digest('base64')
}
