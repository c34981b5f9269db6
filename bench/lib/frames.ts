import * as encoding from 'lib0/encoding'
import { messageAwareness, messageSync } from '../../shared/protocol'
import type { ServerKind } from './servers'

/** y-protocols sync message types (shared by y-websocket, Samskap and, after the name prefix, Hocuspocus). */
const messageYjsSyncStep1 = 0
const messageYjsUpdate = 2
const hocuspocusAuth = 2
const hocuspocusAuthToken = 0

/** Hocuspocus multiplexes documents on one socket: every message starts with the document name. */
function start(kind: ServerKind, room: string): encoding.Encoder {
  const encoder = encoding.createEncoder()
  if (kind === 'hocuspocus') encoding.writeVarString(encoder, room)
  return encoder
}

/** messageSync + writeUpdate, as `WebsocketProvider` sends a local edit. */
export function syncUpdateMessage(kind: ServerKind, room: string, update: Uint8Array): Uint8Array {
  const encoder = start(kind, room)
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, messageYjsUpdate)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1 with an empty state vector: "send me everything". */
export function syncStep1Message(kind: ServerKind, room: string): Uint8Array {
  const encoder = start(kind, room)
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, messageYjsSyncStep1)
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]))
  return encoding.toUint8Array(encoder)
}

/** One client's awareness state, encoded as y-protocols' encodeAwarenessUpdate does. */
export function awarenessMessage(kind: ServerKind, room: string, clientId: number, clock: number, state: object): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, 1)
  encoding.writeVarUint(inner, clientId)
  encoding.writeVarUint(inner, clock)
  encoding.writeVarString(inner, JSON.stringify(state))
  const encoder = start(kind, room)
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}

/** Hocuspocus' handshake: an auth message with an (empty) token, as HocuspocusProvider sends on open. */
export function hocuspocusAuthMessage(room: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, room)
  encoding.writeVarUint(encoder, hocuspocusAuth)
  encoding.writeVarUint(encoder, hocuspocusAuthToken)
  encoding.writeVarString(encoder, '')
  return encoding.toUint8Array(encoder)
}

/**
 * A complete client-to-server websocket frame (FIN, binary) with an all-zero mask, built once before
 * the timed phase: sending is then one socket write, with no masking pass over the payload.
 */
export function wsFrame(payload: Uint8Array, opcode = 0x2): Buffer {
  const length = payload.byteLength
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10
  const frame = Buffer.alloc(headerLength + 4 + length)
  frame[0] = 0x80 | opcode
  if (length < 126) frame[1] = 0x80 | length
  else if (length < 65536) {
    frame[1] = 0x80 | 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 0x80 | 127
    frame.writeBigUInt64BE(BigInt(length), 2)
  }
  // Mask key: 4 zero bytes (already zero), so the payload goes in as is.
  frame.set(payload, headerLength + 4)
  return frame
}
