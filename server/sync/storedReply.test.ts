import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageSync } from '../../shared/protocol'
import { syncReplyOf } from './storedReply'

/** The reply as y-protocols writes it (lib0's encoder), for comparison. */
function referenceReply(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

describe('syncReplyOf', () => {
  // Lengths on both sides of each varint width (1, 2, 3 bytes), and one past glibc's mmap threshold.
  it.each([0, 1, 127, 128, 16_383, 16_384, 300_000])('writes the sync step 2 of a %i-byte update exactly as y-protocols does, in a buffer of its size', (size) => {
    const update = new Uint8Array(size).map((_, i) => (i * 7) % 256)
    const reply = syncReplyOf(update)
    // Compared as buffers: toEqual walks 300,000 elements one by one.
    expect(Buffer.compare(reply, referenceReply(update))).toBe(0)
    expect(reply.buffer.byteLength).toBe(reply.byteLength)
    const decoder = decoding.createDecoder(reply)
    expect(decoding.readVarUint(decoder)).toBe(messageSync)
    expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep2)
    expect(Buffer.compare(decoding.readVarUint8Array(decoder), update)).toBe(0)
    expect(decoding.hasContent(decoder)).toBe(false)
  })

  it('answers a joiner with a document it applies', () => {
    const doc = new Y.Doc()
    doc.getMap('items').set('n1', 'text')
    const joiner = new Y.Doc()
    const decoder = decoding.createDecoder(syncReplyOf(Y.encodeStateAsUpdate(doc)))
    decoding.readVarUint(decoder)
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), joiner, null)
    expect(joiner.getMap('items').get('n1')).toBe('text')
  })
})
