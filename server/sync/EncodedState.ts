import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageSync } from '../../shared/protocol'
import { isEmptyStateVector, syncReplyOf } from './storedReply'

/**
 * A room's sync reply for a joiner that has nothing yet (an empty state vector: every fresh page
 * load): the whole document as one `sync step 2` message, encoded once per document version and
 * sent to every such joiner until the document changes. Encoding a workshop of 10,000 notes takes
 * ~100 ms of the event loop and copies ~3 MB; a hundred residents opening the link at once paid it
 * a hundred times (bench/RESULTS.md, "Where a 10,000-note join goes").
 *
 * Exactly what the room holds, never more: the message is dropped at every `update` the document
 * emits (a client's edit, its undo when refused, another instance's edit, a migration) and whenever
 * the room says so (`invalidate`: after a refused update's structs are collected, which Yjs does
 * without an event). It is only read when nothing is waiting to be written (the room's durability
 * rule), so it never holds what a crash could lose. A joiner that already has part of the document
 * (a reconnect) gets what it lacks, encoded for it as before.
 */
export class EncodedState {
  readonly #doc: Y.Doc
  #fullReply: Uint8Array | null = null
  /** The room's own sync step 1 (its state vector), sent to every socket that joins: same lifetime as the reply. */
  #syncStep1: Uint8Array | null = null
  /** Times the reply was encoded from the document (not seeded, not reused): for tests and logs. */
  encodings = 0

  constructor(doc: Y.Doc) {
    this.#doc = doc
    doc.on('update', this.invalidate)
  }

  /** The document changed (or may have): the next joiner's reply is encoded afresh. */
  readonly invalidate = (): void => {
    this.#fullReply = null
    this.#syncStep1 = null
  }

  /** The `sync step 1` message asking a joiner for what the room lacks: the document's state vector, encoded once per version. */
  syncStep1(): Uint8Array {
    if (this.#syncStep1 === null) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageSync)
      syncProtocol.writeSyncStep1(encoder, this.#doc)
      this.#syncStep1 = encoding.toUint8Array(encoder)
    }
    return this.#syncStep1
  }

  /**
   * The stored bytes the document was just loaded from, when they are all it holds (a snapshot with
   * no log after it, as every unload leaves it): the first joiner's reply without encoding anything.
   */
  seed(update: Uint8Array): void {
    this.#fullReply = syncReplyOf(update)
  }

  /** The same, with the reply already made from those bytes (it answered joiners before the document was built). */
  seedReply(reply: Uint8Array): void {
    this.#fullReply = reply
  }

  /** `reply` is still the whole document: nothing changed since it was made. */
  holds(reply: Uint8Array): boolean {
    return this.#fullReply === reply
  }

  /** The `sync step 2` message answering `stateVector`: the cached whole document for an empty one. */
  replyTo(stateVector: Uint8Array): Uint8Array {
    if (isEmptyStateVector(stateVector)) return this.#full()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeSyncStep2(encoder, this.#doc, stateVector)
    return encoding.toUint8Array(encoder)
  }

  /**
   * The whole document as one update: the payload of the cached reply (a view, not a copy), encoded
   * once for joiners, compaction and history alike. Like the reply, only read when nothing is
   * waiting to be written.
   */
  state(): Uint8Array {
    const decoder = decoding.createDecoder(this.#full())
    decoding.readVarUint(decoder) // messageSync
    decoding.readVarUint(decoder) // sync step 2
    return decoding.readVarUint8Array(decoder)
  }

  destroy(): void {
    this.#doc.off('update', this.invalidate)
    this.invalidate()
  }

  #full(): Uint8Array {
    if (this.#fullReply === null) {
      this.#fullReply = syncReplyOf(Y.encodeStateAsUpdate(this.#doc))
      this.encodings++
    }
    return this.#fullReply
  }
}
