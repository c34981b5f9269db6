import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { messageSync } from '../../shared/protocol'

/**
 * The `sync step 2` message carrying `update` whole: the reply to a joiner that has nothing yet. No
 * Yjs here: built from stored bytes, it can answer before the room's document exists (Room.load).
 */
export function syncReplyOf(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint(encoder, update.byteLength)
  const header = encoding.toUint8Array(encoder)
  // One allocation of the final size: lib0's encoder would grow a buffer to the update's size and
  // then copy it into another, two transient copies of a whole workshop per encoding. Buffers that
  // big (past glibc's mmap threshold) raise the threshold when freed, and what is freed below it
  // stays in the process (bench/RESULTS.md, "RSS per note").
  const reply = new Uint8Array(header.byteLength + update.byteLength)
  reply.set(header)
  reply.set(update, header.byteLength)
  return reply
}

/** A state vector with no client in it (`Y.encodeStateVector` of an empty document is the single byte 0). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 0 || (stateVector.byteLength === 1 && stateVector[0] === 0)
}

/** `message` is a `sync step 1` from a client that has nothing yet (every fresh page load); false for anything else, malformed included. */
export function isEmptySyncStep1(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== messageSync) return false
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return false
    return isEmptyStateVector(decoding.readVarUint8Array(decoder)) && !decoding.hasContent(decoder)
  } catch {
    return false
  }
}

/** An update with no structs and an empty delete set (`Y.encodeStateAsUpdate` of nothing new, nothing deleted): applying it changes nothing. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0
}
