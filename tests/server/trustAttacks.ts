import path from 'node:path'
import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { ServerMessage } from '../../shared/facilitation/commands'
import { messageControl, messageSync } from '../../shared/protocol'

/** What an attacker needs to speak the protocol by hand: frames in, frames out, nothing of y-websocket's client. */

/** A sync "update" frame carrying a Yjs update, as a stock client sends it. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Records every frame a raw socket receives, and the control messages among them. */
export function listen(socket: WebSocket): { frames: Buffer[]; control: ServerMessage[] } {
  const frames: Buffer[] = []
  const control: ServerMessage[] = []
  socket.on('message', (data: Buffer) => {
    frames.push(data)
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) === messageControl) control.push(JSON.parse(decoding.readVarString(decoder)) as ServerMessage)
  })
  return { frames, control }
}

/**
 * An edit written under someone else's Yjs client id, continuing their clock: a copy of their
 * document with their id, changed by `edit`; the update holds only the forged structs.
 */
export function forgeAs(victim: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(victim))
  // After applying: Yjs gives a document a new id when an update brings structs under its own.
  copy.clientID = victim.clientID
  const before = Y.encodeStateVector(copy)
  edit(copy)
  const forged = Y.encodeStateAsUpdate(copy, before)
  copy.destroy()
  return forged
}

/** Every row of the durable log and snapshot of the server in `dataDir`, read beside the running server (WAL). */
export function storedBytes(dataDir: string): Buffer[] {
  const db = new Database(path.join(dataDir, 'samskap.sqlite'), { readonly: true })
  try {
    const rows = [
      ...(db.prepare('SELECT data FROM updates').all() as { data: Buffer }[]),
      ...(db.prepare('SELECT data FROM snapshots').all() as { data: Buffer }[]),
    ]
    return rows.map((row) => row.data)
  } finally {
    db.close()
  }
}

/** Whether any of `chunks` holds `text` (UTF-8), as Yjs stores strings. */
export function holds(chunks: readonly Uint8Array[], text: string): boolean {
  const needle = Buffer.from(text)
  return chunks.some((chunk) => Buffer.from(chunk).includes(needle))
}
