import type { WebSocket } from 'ws'
import { CloseCode, MAX_MESSAGE_BYTES } from '../../shared/protocol'
import type { Grant } from '../access/AccessStore'
import type { Logger } from '../log'

const MAX_QUEUED_BYTES = 8 * MAX_MESSAGE_BYTES

/** What a connection needs from the room it joins; keeps this file free of Yjs. */
export interface MessageHandler {
  /** Handles one message. Throws if it is malformed; returns a promise when the reply must wait. */
  handleMessage(connection: SyncConnection, message: Uint8Array): void | Promise<void>
  removeConnection(connection: SyncConnection): void
}

/**
 * One websocket of one participant. Messages are queued and handled strictly in order: while the
 * room loads (no handler yet) and while a reply waits for the disk, later messages wait too.
 */
export class SyncConnection {
  /** Awareness client ids this socket has announced; removed for everyone when it closes. */
  readonly awarenessClientIds = new Set<number>()
  /** False after a ping until the pong arrives; a connection still false at the next ping is dead. */
  isAlive = true
  #handler: MessageHandler | null = null
  readonly #queue: Uint8Array[] = []
  #queuedBytes = 0
  #draining = false
  /** The socket is gone (either side closed it). */
  #closed = false
  /** We closed it for misbehaving: its remaining messages are dropped, not applied. */
  #rejected = false
  #removed = false

  /** Set once the token is checked, before the connection joins its room. */
  grant: Grant | null = null

  constructor(
    readonly socket: WebSocket,
    readonly workshopId: string,
    readonly log: Logger,
    /** The query the client connected with (`?token=&schema=&control=`), for the room's extensions. */
    readonly params: URLSearchParams = new URLSearchParams(),
  ) {}

  get isOpen(): boolean {
    return !this.#closed && this.socket.readyState === this.socket.OPEN
  }

  get isRejected(): boolean {
    return this.#rejected
  }

  send(message: Uint8Array): void {
    if (!this.isOpen) return
    this.socket.send(message, (error) => {
      if (error) this.log.debug({ err: error }, 'send failed; closing connection')
    })
  }

  /** Closes the socket with an application close code; queued messages are dropped. */
  reject(code: CloseCode, reason: string): void {
    this.#rejected = true
    this.#queue.length = 0
    this.#queuedBytes = 0
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason)
    }
  }

  /** Called for every websocket 'message' event, before or after the room is loaded. */
  receive(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (this.#rejected) return
    if (!isBinary) {
      this.log.warn('text frame received; closing connection')
      this.reject(CloseCode.MalformedMessage, 'Only binary messages are accepted')
      return
    }
    const bytes = toBytes(data)
    if (bytes.byteLength > MAX_MESSAGE_BYTES) {
      this.log.warn({ bytes: bytes.byteLength }, 'message too large; closing connection')
      this.reject(CloseCode.MessageTooLarge, `Messages are limited to ${MAX_MESSAGE_BYTES} bytes`)
      return
    }
    // A peer may not pile up data while its room loads or its reply waits for the disk.
    if (this.#queuedBytes + bytes.byteLength > MAX_QUEUED_BYTES) {
      this.log.warn({ queuedBytes: this.#queuedBytes }, 'too much data queued; closing connection')
      this.reject(CloseCode.MessageTooLarge, 'Too much data sent before the workshop was ready')
      return
    }
    this.#queue.push(bytes)
    this.#queuedBytes += bytes.byteLength
    void this.#drain()
  }

  /** The room is loaded: from now on messages go to it, starting with the ones that waited. */
  attach(handler: MessageHandler): void {
    this.#handler = handler
    void this.#drain()
  }

  /** The websocket emitted 'close'. Messages already received are still applied: they are edits. */
  markClosed(): void {
    this.#closed = true
    void this.#drain()
  }

  async #drain(): Promise<void> {
    const handler = this.#handler
    if (this.#draining || handler === null) return
    this.#draining = true
    try {
      while (this.#queue.length > 0 && !this.#rejected) {
        const message = this.#queue.shift()!
        this.#queuedBytes -= message.byteLength
        let waiting: void | Promise<void>
        try {
          waiting = handler.handleMessage(this, message)
        } catch (error) {
          this.log.warn({ err: error, bytes: message.byteLength }, 'malformed message; closing connection')
          this.reject(CloseCode.MalformedMessage, 'Malformed message')
          break
        }
        if (waiting) {
          try {
            await waiting
          } catch (error) {
            // Storage failed; the room has already closed everyone with ServerError.
            this.log.error({ err: error }, 'reply failed')
            this.reject(CloseCode.ServerError, 'Server error')
            break
          }
        }
      }
    } finally {
      this.#draining = false
    }
    if ((this.#closed || this.#rejected) && !this.#removed && this.#queue.length === 0) {
      this.#removed = true
      handler.removeConnection(this)
    }
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
