import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** What one instance tells the others about a workshop, on the workshop's Redis channel. */
export type FanoutMessage =
  | { kind: 'update'; instanceId: string; previousSeq: number; seq: number; update: Uint8Array }
  | { kind: 'awareness'; instanceId: string; update: Uint8Array }
  /** "Send me your awareness states": a room that just loaded asks, so it shows who is already here. */
  | { kind: 'query_awareness'; instanceId: string }
  /** "This workshop is gone (deleted): close its sockets with this code and reason, and write nothing more." */
  | { kind: 'close'; instanceId: string; code: number; reason: string }

const FORMAT_VERSION = 1
const kindCodes = { update: 0, awareness: 1, query_awareness: 2, close: 3 } as const

/** Binary, so updates travel as bytes, not base64. */
export function encodeFanoutMessage(message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, FORMAT_VERSION)
  encoding.writeVarUint(encoder, kindCodes[message.kind])
  encoding.writeVarString(encoder, message.instanceId)
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.previousSeq)
      encoding.writeVarUint(encoder, message.seq)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'query_awareness':
      break
    case 'close':
      encoding.writeVarUint(encoder, message.code)
      encoding.writeVarString(encoder, message.reason)
      break
    default: {
      const unreachable: never = message
      throw new Error(`unknown fanout message ${JSON.stringify(unreachable)}`)
    }
  }
  return encoding.toUint8Array(encoder)
}

/** Throws on bytes that are not a message of this format (another version, garbage). */
export function decodeFanoutMessage(bytes: Uint8Array): FanoutMessage {
  const decoder = decoding.createDecoder(bytes)
  const version = decoding.readVarUint(decoder)
  if (version !== FORMAT_VERSION) throw new Error(`unsupported fanout message version ${version}`)
  const kind = decoding.readVarUint(decoder)
  const instanceId = decoding.readVarString(decoder)
  switch (kind) {
    case kindCodes.update: {
      const previousSeq = decoding.readVarUint(decoder)
      const seq = decoding.readVarUint(decoder)
      return { kind: 'update', instanceId, previousSeq, seq, update: decoding.readVarUint8Array(decoder) }
    }
    case kindCodes.awareness:
      return { kind: 'awareness', instanceId, update: decoding.readVarUint8Array(decoder) }
    case kindCodes.query_awareness:
      return { kind: 'query_awareness', instanceId }
    case kindCodes.close:
      return { kind: 'close', instanceId, code: decoding.readVarUint(decoder), reason: decoding.readVarString(decoder) }
    default:
      throw new Error(`unknown fanout message kind ${kind}`)
  }
}
