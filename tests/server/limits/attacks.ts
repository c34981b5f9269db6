import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { messageAwareness, messageSync } from '../../../shared/protocol'

/** A sync update frame (y-websocket's `messageSync` + update) carrying `update`, as a raw client sends it. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** A sync step 1 frame: "send me everything I lack"; with an empty state vector, the whole document. */
export function syncStep1Frame(stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/** The update that adds one note with `text` to board `boardId`, written by a fresh Yjs client. */
export function noteUpdate(boardId: string, id: string, text: string): Uint8Array {
  const doc = new Y.Doc()
  let update: Uint8Array | null = null
  doc.on('update', (u: Uint8Array) => (update = u))
  doc.transact(() => {
    const note = new Y.Map<unknown>()
    const fields = { id, kind: 'note', boardId, x: 0, y: 0, w: 200, h: 160, color: 'yellow', text, createdAt: 1, sdgs: [], dimension: '' }
    for (const [key, value] of Object.entries(fields)) note.set(key, value)
    doc.getMap('items').set(id, note)
  })
  doc.destroy()
  return update!
}

/** Sends frames until the socket closes or they run out; resolves with how many were sent while it was open. */
export async function sendAll(socket: WebSocket, frames: readonly Uint8Array[]): Promise<number> {
  let sent = 0
  for (const frame of frames) {
    if (socket.readyState !== socket.OPEN) break
    await new Promise<void>((resolve) => socket.send(frame, () => resolve()))
    sent++
  }
  return sent
}

/** An awareness frame announcing `count` made-up presence states (client ids from `firstId`), each of `stateJson`. */
export function awarenessFloodFrame(firstId: number, count: number, stateJson: string): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(update, firstId + i)
    encoding.writeVarUint(update, 1)
    encoding.writeVarString(update, stateJson)
  }
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, messageAwareness)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return encoding.toUint8Array(frame)
}
