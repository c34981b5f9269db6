import type { Socket } from 'node:net'
import WebSocket from 'ws'
import { hocuspocusAuthMessage, syncStep1Message, wsFrame } from './frames'
import type { RunningServer } from './servers'

const pongFrame = wsFrame(new Uint8Array(0), 0xa)

/**
 * A load socket: no Y.Doc, no protocol parsing. After the websocket handshake it takes the TCP socket
 * over from `ws`: it writes pre-built frames and skims incoming frames by their headers only (counting
 * them, answering pings so servers keep it), so receiving the room's fan-out costs next to nothing and
 * the load generator is not the bottleneck.
 */
export class LoadSocket {
  framesReceived = 0
  bytesReceived = 0
  closed = false
  #socket: Socket | null = null
  #ws: WebSocket
  #skip = 0
  #header: Buffer | null = null
  #pendingPing = false

  private constructor(ws: WebSocket) {
    this.#ws = ws
  }

  static open(server: RunningServer, room: string, timeoutMs = 30_000): Promise<LoadSocket> {
    const ws = new WebSocket(server.socketUrl(room), { perMessageDeflate: false })
    const load = new LoadSocket(ws)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate()
        reject(new Error('load socket did not open'))
      }, timeoutMs)
      ws.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      ws.once('open', () => {
        clearTimeout(timer)
        // `ws` attached its 'data' listener in the same turn and has read nothing yet.
        const socket = (ws as unknown as { _socket: Socket })._socket
        socket.removeAllListeners('data')
        socket.on('data', (chunk: Buffer) => load.#skim(chunk))
        socket.resume()
        socket.on('close', () => (load.closed = true))
        socket.on('error', () => (load.closed = true))
        load.#socket = socket
        if (server.kind === 'hocuspocus') load.send(wsFrame(hocuspocusAuthMessage(room)))
        // As a stock provider does on open. Samskap sends a socket the room's updates and presence
        // only once it has answered this (SyncConnection.hasDocument): without it the load sockets
        // got neither, and the room's fan-out was the probes' alone. The relay answers nobody.
        if (server.kind !== 'relay') load.send(wsFrame(syncStep1Message(server.kind, room)))
        resolve(load)
      })
    })
  }

  /** Writes one pre-built frame (see `wsFrame`). */
  send(frame: Buffer): void {
    if (!this.closed) this.#socket?.write(frame)
  }

  close(): void {
    this.closed = true
    this.#socket?.destroy()
    this.#ws.terminate()
  }

  #skim(chunk: Buffer): void {
    this.bytesReceived += chunk.byteLength
    let offset = 0
    while (offset < chunk.byteLength) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, chunk.byteLength - offset)
        this.#skip -= n
        offset += n
        if (this.#skip === 0 && this.#pendingPing) this.#answerPing()
        continue
      }
      // Header: 2 bytes, plus 2 or 8 length bytes; server frames are not masked.
      const available = this.#header ? Buffer.concat([this.#header, chunk.subarray(offset)]) : chunk.subarray(offset)
      const consumedBefore = this.#header ? this.#header.byteLength : 0
      if (available.byteLength < 2) {
        this.#header = Buffer.from(available)
        return
      }
      const opcode = available[0]! & 0x0f
      const len7 = available[1]! & 0x7f
      const headerLength = len7 === 126 ? 4 : len7 === 127 ? 10 : 2
      if (available.byteLength < headerLength) {
        this.#header = Buffer.from(available)
        return
      }
      const length = len7 === 126 ? available.readUInt16BE(2) : len7 === 127 ? Number(available.readBigUInt64BE(2)) : len7
      this.#header = null
      offset += headerLength - consumedBefore
      this.framesReceived++
      this.#skip = length
      if (opcode === 0x9) {
        this.#pendingPing = true
        if (length === 0) this.#answerPing()
      } else if (opcode === 0x8) {
        this.close()
        return
      }
    }
  }

  #answerPing(): void {
    this.#pendingPing = false
    this.#socket?.write(pongFrame)
  }
}
