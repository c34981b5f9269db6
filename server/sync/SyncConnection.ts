import type { WebSocket } from 'ws'
import { CloseCode, MAX_MESSAGE_BYTES, messageAwareness } from '../../shared/protocol'
import type { Grant } from '../access/AccessStore'
import type { Logger } from '../log'
import type { LimitKind, ServerMetrics } from '../metrics'
import { AwarenessGate } from './AwarenessGate'
import { corkUntilNextTick } from './corkedWrites'
import { isEmptySyncStep1 } from './storedReply'
import { TokenBucket } from './TokenBucket'

const MINUTE = 60_000

/** What one connection may send (server/limits/limits.ts: the defaults, their env vars and why). */
export interface ConnectionLimits {
  maxMessageBytes: number
  /** Everything but presence, per minute: more closes the connection with 4429. */
  bytesPerMinute: number
  /** Presence, per minute: more is dropped. */
  awarenessBytesPerMinute: number
  /** Its one presence entry: size (more closes with 4413) and changes per second (more are dropped). */
  awarenessStateBytes: number
  awarenessUpdatesPerSecond: number
}

export const unlimitedConnection: ConnectionLimits = {
  maxMessageBytes: MAX_MESSAGE_BYTES,
  bytesPerMinute: Number.MAX_SAFE_INTEGER,
  awarenessBytesPerMinute: Number.MAX_SAFE_INTEGER,
  awarenessStateBytes: Number.MAX_SAFE_INTEGER,
  awarenessUpdatesPerSecond: Number.MAX_SAFE_INTEGER,
}

export interface ConnectionOptions {
  limits?: ConnectionLimits
  /** The client's address (TRUST_PROXY: from X-Forwarded-For), for the limits per address. */
  address?: string
  metrics?: ServerMetrics
}

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
  /** What of its presence updates the room takes: one entry, within size and rate caps. */
  readonly awarenessGate: AwarenessGate
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
  /** The stored document's sync reply, offered while the room loads (`offerStoredReply`), until the first message decides. */
  #offered: { reply: Uint8Array; written: () => void } | null = null
  /** The reply this joiner got before its room was built; the room sends what changed since (Room.addConnection). */
  #answeredEarly: Uint8Array | null = null

  /** Set once the token is checked, before the connection joins its room. */
  grant: Grant | null = null
  /** Sync requests (step 1) answered so far: only the first, the join, is free (`chargeReply`). */
  syncRequests = 0
  /** The state vector of the client's last sync step 1: what it held then (ForwardOntoCopies tells a replayed delete from a new one by it). */
  knownState: Map<number, number> | null = null
  /**
   * The room has sent this client the document (its first sync step 2). Until then the room's
   * update broadcasts skip it: an update that builds on state the client does not hold yet is only
   * partly applied by Yjs (its deletes at once, its structs held until what they build on arrives),
   * so a joiner would see a record vanish before the copy that replaces it (Room.#broadcastUpdate).
   */
  hasDocument = false
  readonly address: string
  readonly #limits: ConnectionLimits
  readonly #metrics: ServerMetrics | undefined
  #budget: TokenBucket
  readonly #awarenessBudget: TokenBucket
  #awarenessDropped = 0

  constructor(
    readonly socket: WebSocket,
    readonly workshopId: string,
    readonly log: Logger,
    /** The query the client connected with (`?token=&schema=&control=`), for the room's extensions. */
    readonly params: URLSearchParams = new URLSearchParams(),
    options: ConnectionOptions = {},
  ) {
    this.#limits = options.limits ?? unlimitedConnection
    this.address = options.address ?? ''
    this.#metrics = options.metrics
    this.#budget = new TokenBucket(this.#limits.bytesPerMinute, MINUTE)
    this.#awarenessBudget = new TokenBucket(this.#limits.awarenessBytesPerMinute, MINUTE)
    this.awarenessGate = new AwarenessGate(this.#limits)
  }

  /** What this connection may still send per minute (presence apart). */
  get budget(): TokenBucket {
    return this.#budget
  }

  /**
   * From now on this connection draws on `budget`, which other sockets of the same person share:
   * reconnecting (as a stock client does at once after 4429) does not refill it.
   */
  shareBudget(budget: TokenBucket): void {
    this.#budget = budget
  }

  /**
   * Charges a reply this connection asked for (a second sync request, an awareness query) to its
   * budget: one byte asking for the whole document must not cost the server more than the asker.
   * False, and the connection closed with 4429, when the budget cannot pay.
   */
  chargeReply(bytes: number): boolean {
    if (this.#budget.take(bytes)) return true
    this.#overBudget('asked for more than its budget allows')
    return false
  }

  /** A limit refused or dropped something of this connection: counted, and logged. */
  noteLimit(limit: LimitKind): void {
    this.#metrics?.limitsHit.inc({ limit })
  }

  get isOpen(): boolean {
    return !this.#closed && this.socket.readyState === this.socket.OPEN
  }

  get isRejected(): boolean {
    return this.#rejected
  }

  send(message: Uint8Array, onWritten?: () => void): void {
    if (!this.isOpen) return
    corkUntilNextTick(this.socket)
    this.socket.send(
      message,
      onWritten
        ? (error) => {
            this.#afterSend(error)
            onWritten()
          }
        : this.#afterSend,
    )
  }

  /** One callback for every send of this socket: a broadcast sends to hundreds, and a closure each adds up. */
  readonly #afterSend = (error?: Error): void => {
    if (error) this.log.debug({ err: error }, 'send failed; closing connection')
  }

  /**
   * Its room is loading and the stored document is the whole of it: if this joiner's first message
   * asks for everything (an empty sync step 1), it is answered with `reply` now, before the room's
   * document is built, and no longer queued for the room. Resolves once the reply is written to the
   * socket (or at once when it was not sent), so the load can start its long decode after that.
   */
  offerStoredReply(reply: Uint8Array): Promise<void> {
    if (this.#handler !== null || !this.isOpen) return Promise.resolve()
    return new Promise((resolve) => {
      this.#offered = { reply, written: resolve }
      this.#answerEarly()
    })
  }

  /** The reply `offerStoredReply` sent, once: the room completes it as the connection joins. */
  takeEarlyReply(): Uint8Array | null {
    const reply = this.#answeredEarly
    this.#answeredEarly = null
    return reply
  }

  #answerEarly(): void {
    const offered = this.#offered
    if (offered === null) return
    const first = this.#queue[0]
    const waiting = this.#handler === null && this.isOpen && !this.#rejected
    if (waiting && first === undefined) return // its first message has not come yet
    this.#offered = null
    if (!waiting || !isEmptySyncStep1(first!)) return offered.written()
    this.#queue.shift()
    this.#queuedBytes -= first!.byteLength
    this.knownState = new Map()
    this.syncRequests++
    this.#answeredEarly = offered.reply
    this.#metrics?.messagesSent.inc({ type: 'sync' })
    this.#metrics?.bytesSent.inc(offered.reply.byteLength)
    this.send(offered.reply, offered.written)
  }

  /** Closes the socket with an application close code; queued messages are dropped. */
  reject(code: CloseCode, reason: string): void {
    this.#rejected = true
    this.#queue.length = 0
    this.#queuedBytes = 0
    this.#answerEarly()
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
    const { maxMessageBytes } = this.#limits
    if (bytes.byteLength > maxMessageBytes) {
      this.noteLimit('message_bytes')
      this.log.warn({ bytes: bytes.byteLength }, 'message too large; closing connection')
      this.reject(CloseCode.MessageTooLarge, `Messages are limited to ${maxMessageBytes} bytes`)
      return
    }
    // The message type is the first byte (a varuint below 128). Presence has a budget of its own:
    // a stock y-websocket client echoes every presence update it receives, so an honest client in
    // a busy room sends a lot of it; over budget it is dropped, which costs the sender its cursor
    // for a moment, not its work. Everything else over budget closes the connection.
    if (bytes[0] === messageAwareness) {
      if (!this.#awarenessBudget.take(bytes.byteLength)) {
        if (this.#awarenessDropped++ === 0) this.log.info({ bytes: bytes.byteLength }, 'presence over its budget; dropping it for now')
        this.noteLimit('awareness_bytes')
        return
      }
    } else if (!this.#budget.take(bytes.byteLength)) {
      this.#overBudget('sent more than its budget allows')
      return
    }
    // A peer may not pile up data while its room loads or its reply waits for the disk.
    if (this.#queuedBytes + bytes.byteLength > 8 * maxMessageBytes) {
      this.log.warn({ queuedBytes: this.#queuedBytes }, 'too much data queued; closing connection')
      this.reject(CloseCode.MessageTooLarge, 'Too much data sent before the workshop was ready')
      return
    }
    this.#queue.push(bytes)
    this.#queuedBytes += bytes.byteLength
    this.#answerEarly()
    void this.#drain()
  }

  #overBudget(what: string): void {
    this.noteLimit('bytes_per_minute')
    this.log.warn({ bytesPerMinute: this.#limits.bytesPerMinute, participantId: this.grant?.participantId }, `connection ${what}; closing it`)
    this.reject(CloseCode.RateLimited, `Sent more than ${this.#limits.bytesPerMinute} bytes in a minute; wait a minute before reconnecting`)
  }

  /** The room is loaded: from now on messages go to it, starting with the ones that waited. */
  attach(handler: MessageHandler): void {
    this.#handler = handler
    this.#answerEarly()
    void this.#drain()
  }

  /** The websocket emitted 'close'. Messages already received are still applied: they are edits. */
  markClosed(): void {
    this.#closed = true
    this.#answerEarly()
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
