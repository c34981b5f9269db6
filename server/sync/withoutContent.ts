import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/**
 * The same update with every item's content replaced by its length (`ContentDeleted`): the structs
 * keep their ids, origins and parents, so later updates that build on them still integrate
 * everywhere, but none of what they said is left. For a refused update, whose structs the room has
 * applied, undone and garbage-collected (UndoableApply): what is stored and relayed of it.
 *
 * Written as Yjs writes a V1 update (`writeClientsStructs`, `writeDeleteSet`), from the decoded
 * structs, because Yjs has no public way to transform an update's content.
 */
export function withoutContent(update: Uint8Array): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update)
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client)
    if (list) list.push(struct)
    else byClient.set(struct.id.client, [struct])
  }
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, byClient.size)
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock)
    for (const struct of list) {
      if (struct instanceof Y.Item && !(struct.content instanceof Y.ContentDeleted)) struct.content = new Y.ContentDeleted(struct.length)
      struct.write(encoder, 0)
    }
  }
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size)
  for (const [client, deleted] of ds.clients) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, deleted.length)
    for (const { clock, len } of deleted) {
      encoder.writeDsClock(clock)
      encoder.writeDsLen(len)
    }
  }
  return encoder.toUint8Array()
}
