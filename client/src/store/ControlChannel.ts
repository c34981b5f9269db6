import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import type { Role } from '../../../shared/access'
import { estimateClockOffset, type ClockSample } from '../../../shared/facilitation/clock'
import type {
  CapacityLevel,
  Command,
  CommandError,
  CommandResult,
  CommandType,
  HeldNote,
  OwnBallots,
  RefusedRecord,
  ServerMessage,
} from '../../../shared/facilitation/commands'
import type { Refusal as GuardRefusal } from '../../../shared/facilitation/guard'
import { messageControl } from '../../../shared/protocol'

/** Who this browser is in the workshop, as the server said (or the stored link said, until it does). */
export interface Identity {
  role: Role
  participantId: string
}

/** This person's own held notes and dots (`mine`). */
export interface MineState {
  notes: readonly HeldNote[]
  ballots: OwnBallots | null
}

/** What a facilitator sees of the held notes (`held`). */
export interface HeldState {
  notes: readonly HeldNote[]
  privateNotes: number
  privateAuthors: number
}

export interface TallyState {
  voteId: string
  counts: Readonly<Record<string, number>>
  voters: number
  dots: number
}

/** How full the workshop is against its size cap (`capacity`, facilitators only). */
export interface CapacityState {
  level: CapacityLevel
  storedBytes: number
  maxBytes: number
}

export type CommandOutcome<T extends CommandType> =
  | { ok: true; result: CommandResult<T> }
  | { ok: false; error: CommandError | 'offline' | 'timeout'; message: string }

/** An own update the server refused and undid (shared/facilitation/guard.ts): its reason, board and record, and what the undo took away. */
export interface Refusal extends GuardRefusal {
  /** What the server's undo took away of this person's writing (session/notApplied.ts keeps it). */
  records: RefusedRecord[]
}

/** A command waits this long for its reply before it is reported as failed. */
const REPLY_TIMEOUT_MS = 15_000
/** Round trips measured after each connect; the quickest sets the clock offset. */
const CLOCK_SAMPLES = 4

/**
 * Commands that can be sent again after a reconnect without doing twice what they did: the note
 * commands carry the note's own id. A vote cast is not one of them: a dot might count twice.
 */
const resendable = new Set<CommandType>(['note.submit', 'note.edit', 'note.withdraw', 'time'])

interface PendingCommand {
  command: Command & { id: string }
  resolve: (outcome: CommandOutcome<CommandType>) => void
  /** Runs from each transmission: a note waiting for the network waits as long as it must. */
  timer: ReturnType<typeof setTimeout> | null
  sent: boolean
}

/**
 * The app's end of the control channel (shared/facilitation/commands.ts) on the workshop's own
 * websocket: sends commands and matches replies, keeps what the server pushes (identity, own held
 * notes and dots, the facilitator's held list, the vote tally) and the offset to the server's clock.
 * The store exposes it as snapshots with topics like every other part of the document.
 */
export class ControlChannel {
  readonly #provider: WebsocketProvider
  readonly #emit: (topic: string) => void
  readonly #pending = new Map<string, PendingCommand>()
  readonly #refusalListeners = new Set<(refusal: Refusal) => void>()
  #identity: Identity | null
  #mine: MineState = { notes: [], ballots: null }
  #held: HeldState = { notes: [], privateNotes: 0, privateAuthors: 0 }
  #heldById = new Map<string, HeldNote>()
  #tally: TallyState | null = null
  #capacity: CapacityState | null = null
  #clockOffset = 0
  #samples: ClockSample[] = []
  #nextId = 0
  #destroyed = false

  constructor(provider: WebsocketProvider, emit: (topic: string) => void, initial: Identity | null) {
    this.#provider = provider
    this.#emit = emit
    this.#identity = initial
    provider.messageHandlers[messageControl] = (_encoder, decoder) => {
      try {
        this.#receive(JSON.parse(decoding.readVarString(decoder)) as ServerMessage)
      } catch (error) {
        console.warn('[samskap] unreadable control message', error)
      }
    }
    provider.on('sync', this.#onSync)
    provider.on('status', this.#onStatus)
  }

  getIdentity(): Identity | null {
    return this.#identity
  }

  getMine(): MineState {
    return this.#mine
  }

  getHeld(): HeldState {
    return this.#held
  }

  getTally(): TallyState | null {
    return this.#tally
  }

  /** Null until the server says the workshop is nearly full (it tells facilitators only). */
  getCapacity(): CapacityState | null {
    return this.#capacity
  }

  /** The server's clock now, as well as this device can tell (to within half a round trip). */
  serverNow(): number {
    return Date.now() + this.#clockOffset
  }

  onRefused(listener: (refusal: Refusal) => void): () => void {
    this.#refusalListeners.add(listener)
    return () => {
      this.#refusalListeners.delete(listener)
    }
  }

  /**
   * Sends a command and resolves with its outcome (never rejects). Offline, note commands wait for
   * the connection; anything else fails at once with `offline`, so nobody believes a vote counted.
   */
  send<T extends CommandType>(command: Extract<Command, { type: T }>): Promise<CommandOutcome<T>> {
    if (this.#destroyed) return Promise.resolve({ ok: false, error: 'offline', message: 'closed' })
    const connected = this.#provider.wsconnected && this.#provider.synced
    if (!connected && !resendable.has(command.type)) {
      return Promise.resolve({ ok: false, error: 'offline', message: 'No connection to the server' })
    }
    const id = `c${++this.#nextId}`
    return new Promise<CommandOutcome<T>>((resolve) => {
      const pending: PendingCommand = {
        command: { ...command, id },
        resolve: resolve as (outcome: CommandOutcome<CommandType>) => void,
        timer: null,
        sent: false,
      }
      this.#pending.set(id, pending)
      if (connected) this.#transmit(pending)
    })
  }

  destroy(): void {
    this.#destroyed = true
    this.#provider.off('sync', this.#onSync)
    this.#provider.off('status', this.#onStatus)
    for (const id of [...this.#pending.keys()]) this.#settle(id, { ok: false, error: 'offline', message: 'closed' })
    this.#refusalListeners.clear()
  }

  #transmit(pending: PendingCommand): void {
    const ws = this.#provider.ws
    if (!ws || ws.readyState !== 1) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageControl)
    encoding.writeVarString(encoder, JSON.stringify(pending.command))
    ws.send(encoding.toUint8Array(encoder))
    pending.sent = true
    if (pending.timer) clearTimeout(pending.timer)
    const id = pending.command.id
    pending.timer = setTimeout(() => this.#settle(id, { ok: false, error: 'timeout', message: 'The server did not answer in time' }), REPLY_TIMEOUT_MS)
  }

  #settle(id: string, outcome: CommandOutcome<CommandType>): void {
    const pending = this.#pending.get(id)
    if (!pending) return
    this.#pending.delete(id)
    if (pending.timer) clearTimeout(pending.timer)
    pending.resolve(outcome)
  }

  readonly #onSync = (synced: boolean): void => {
    if (!synced || this.#destroyed) return
    for (const pending of this.#pending.values()) if (!pending.sent) this.#transmit(pending)
    this.#samples = []
    this.#measureClock(CLOCK_SAMPLES)
  }

  readonly #onStatus = ({ status }: { status: string }): void => {
    if (status !== 'disconnected') return
    // Sent but unanswered: the answer is lost with the socket. Note commands go again; others fail.
    for (const [id, pending] of this.#pending) {
      if (!pending.sent) continue
      if (resendable.has(pending.command.type)) {
        pending.sent = false
        if (pending.timer) clearTimeout(pending.timer)
        pending.timer = null
      } else this.#settle(id, { ok: false, error: 'offline', message: 'The connection was lost before the server answered' })
    }
  }

  #measureClock(left: number): void {
    if (left <= 0 || this.#destroyed) return
    const clientSent = Date.now()
    void this.send({ type: 'time', clientTime: clientSent }).then((outcome) => {
      if (!outcome.ok) return
      this.#samples.push({ clientSent, serverTime: outcome.result.serverTime, clientReceived: Date.now() })
      const estimate = estimateClockOffset(this.#samples)
      if (estimate && Math.abs(estimate.offsetMs - this.#clockOffset) > 50) {
        this.#clockOffset = estimate.offsetMs
        this.#emit('clock')
      }
      setTimeout(() => this.#measureClock(left - 1), 200)
    })
  }

  #receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.#identity = { role: message.role, participantId: message.participantId }
        // A first estimate at once; the round trips refine it.
        if (this.#samples.length === 0) this.#clockOffset = message.serverTime - Date.now()
        this.#emit('identity')
        this.#emit('clock')
        return
      case 'reply':
        if (message.ok) this.#settle(message.id, { ok: true, result: message.result as never })
        else this.#settle(message.id, { ok: false, error: message.error, message: message.message })
        return
      case 'refused': {
        const { type: _type, records, ...refusal } = message
        for (const listener of [...this.#refusalListeners]) listener({ ...refusal, records: records ?? [] })
        return
      }
      case 'mine':
        this.#mine = { notes: message.notes, ballots: message.ballots }
        this.#emit('mine')
        return
      case 'held': {
        if (message.reset) this.#heldById = new Map()
        for (const note of message.upsert) this.#heldById.set(note.id, note)
        for (const id of message.remove) this.#heldById.delete(id)
        const notes = [...this.#heldById.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
        this.#held = { notes, privateNotes: message.privateNotes, privateAuthors: message.privateAuthors }
        this.#emit('held')
        return
      }
      case 'tally':
        this.#tally = { voteId: message.voteId, counts: message.counts, voters: message.voters, dots: message.dots }
        this.#emit('tally')
        return
      case 'capacity':
        this.#capacity = { level: message.level, storedBytes: message.storedBytes, maxBytes: message.maxBytes }
        this.#emit('capacity')
        return
    }
  }
}
