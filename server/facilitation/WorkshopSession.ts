import { nanoid } from 'nanoid'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'
import * as authProtocol from 'y-protocols/auth'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, readRecord, type WorkshopMaps } from '../../shared/doc/workshopDoc'
import {
  commandRoles,
  parseCommand,
  type CommandEnvelope,
  type CommandError,
  type HeldNote,
  type OwnBallots,
  type RefusalReason,
  type ServerMessage,
  type SubmitOutcome,
} from '../../shared/facilitation/commands'
import { checkPlan, writePlan } from '../../shared/doc/applyPlan'
import { judgeChange } from '../../shared/facilitation/guard'
import { phoneTarget, promptAfterSummon } from '../../shared/facilitation/phoneTarget'
import { acceptsNotes, noteTextLimit, planPlaceHeldNotes } from '../../shared/facilitation/reveal'
import { addTime, pauseTimer, resumeTimer, startTimer } from '../../shared/facilitation/timer'
import { isVotable, planCast, planRetract, tallyBallots } from '../../shared/facilitation/voting'
import { sortByOrder } from '../../shared/logic/boardOrder'
import type { DocumentPlan } from '../../shared/logic/plan'
import { CloseCode, messageAuth, messageControl } from '../../shared/protocol'
import { validateBoard, validateItem, type ItemRecord } from '../../shared/schema/schema'
import type { BoardRecord } from '../../shared/schema/records/board'
import { NOTE_TEXT_MAX } from '../../shared/schema/records/note'
import {
  readSession,
  REMOVED_MAX,
  validateSessionField,
  type SessionRecord,
} from '../../shared/schema/records/session'
import type { Logger } from '../log'
import type { MessageKind } from '../metrics'
import type { SyncConnection } from '../sync/SyncConnection'
import { HeldNotes, voterOfBallotKey } from './HeldNotes'
import { GuardedOrigin, UpdateGuard } from './UpdateGuard'

/** What the session needs of the room it runs in (server/sync/Room.ts). */
export interface SessionRoom {
  readonly workshopId: string
  readonly doc: Y.Doc
  readonly awareness: Awareness
  readonly connections: ReadonlySet<SyncConnection>
  flush(): Promise<void>
  sendMessage(connection: SyncConnection, message: Uint8Array, kind: MessageKind): void
}

/** What the session needs of the companion room holding the held notes (a Room without sockets). */
export interface HeldRoom {
  readonly doc: Y.Doc
  flush(): Promise<void>
  unload(): Promise<void>
  destroy(): void
}

/** Transaction origin of everything the session writes: stored and broadcast to all, the sender included. */
export const sessionOrigin = Symbol('session')
/** Live tallies go out at most this often: a room of 300 voting at once must not get 300 tallies a second. */
const TALLY_EVERY_MS = 250
/**
 * Who added which item is written to the held document in batches, at most this often: one write
 * per created note (25 a second in a busy room) cost the room a third of its p99 in the benchmark.
 * Until written, the session answers from memory.
 */
const OWNERS_EVERY_MS = 1000

class CommandFailure extends Error {
  constructor(
    readonly error: CommandError,
    message: string,
  ) {
    super(message)
  }
}

const refusalText: Record<RefusalReason, string> = {
  readOnly: 'You are an observer: your changes are not saved',
  facilitatorOnly: 'Only the facilitator can change this',
  locked: 'This board is locked by the facilitator',
  privatePhase: 'Notes on this board are private until the facilitator reveals them',
  notYours: 'In this session you can only change what you added yourself',
  invalid: 'This change is not part of a workshop',
}

/**
 * Facilitation for one loaded workshop: roles on every update, the control channel's commands, and
 * what each person may see of the held notes and the dots.
 *
 * - Every client update goes through the UpdateGuard and `judgeChange`; a refused one is undone
 *   and its sender told why. Observers' updates are not applied at all.
 * - Commands (shared/facilitation/commands.ts) are checked against the sender's role and the rules,
 *   then carried out by the server, which alone writes the `session` map. A reply is sent only
 *   once what the command wrote is stored.
 * - Held notes and ballots live in a companion document that no client syncs. Each participant is
 *   sent their own notes and dots (`mine`), facilitators the notes the session lets them see
 *   (`held`), everyone the open vote's tally (`tally`, empty counts while the vote is hidden).
 *   Hidden notes are never sent to anyone else: there is nothing to blur in another browser.
 */
export class WorkshopSession {
  readonly #room: SessionRoom
  readonly #heldRoom: HeldRoom
  readonly #held: HeldNotes
  readonly #maps: WorkshopMaps
  readonly #guard: UpdateGuard
  readonly #log: Logger
  #session: SessionRecord
  /** Author of each held note, to tell them when it changes or goes. */
  readonly #authors = new Map<string, string>()
  /** Held notes being moved onto a board right now; a second approve of the same note waits its turn. */
  readonly #moving = new Set<string>()
  readonly #dirtyNotes = new Set<string>()
  readonly #dirtyVoters = new Set<string>()
  #heldPushScheduled = false
  #tallyTimer: NodeJS.Timeout | null = null
  /** Owners not yet written to the held document (see OWNERS_EVERY_MS). */
  readonly #pendingOwners = new Map<string, string>()
  #ownersTimer: NodeJS.Timeout | null = null
  #lastTallyAt = 0
  #destroyed = false

  constructor(room: SessionRoom, heldRoom: HeldRoom, log: Logger) {
    this.#room = room
    this.#heldRoom = heldRoom
    this.#held = new HeldNotes(heldRoom.doc)
    this.#maps = getWorkshopMaps(room.doc)
    this.#guard = new UpdateGuard(room.doc, this.#maps)
    this.#log = log
    this.#session = this.#readSession()
    for (const note of this.#held.all()) this.#authors.set(note.id, note.authorId)
    this.#maps.session.observe(this.#onSessionChange)
    this.#held.notes.observe(this.#onHeldNotes)
    this.#held.ballots.observe(this.#onBallots)
    this.#recoverInterruptedMoves()
  }

  get session(): SessionRecord {
    return this.#session
  }

  isRemoved(participantId: string): boolean {
    return this.#session.removed.includes(participantId)
  }

  // ---- updates and awareness from clients -----------------------------------------------------

  applyClientUpdate(connection: SyncConnection, update: Uint8Array): void {
    const grant = connection.grant
    if (!grant || grant.role === 'observer') {
      // Every client answers the server's sync request with an update, usually with nothing new
      // in it: that is not an edit, and telling the observer so on every connect would be noise.
      if (!connection.toldReadOnly && carriesNews(this.#room.doc, update)) {
        connection.toldReadOnly = true
        this.#tellRefused(connection, 'readOnly', null)
      }
      return
    }
    const isOwn = (itemId: string) => this.#ownerOf(itemId) === grant.participantId
    let added: string[] = []
    const refusal = this.#guard.apply(update, new GuardedOrigin(connection), (change) => {
      const judged = judgeChange(grant.role, change, this.#session, isOwn)
      if (judged === null && grant.role === 'participant') added = change.items.filter((i) => i.boardBefore === null && i.boardAfter !== null).map((i) => i.id)
      return judged
    })
    if (refusal) {
      connection.log.info({ reason: refusal.reason, boardId: refusal.boardId }, 'update refused and undone')
      this.#tellRefused(connection, refusal.reason, refusal.boardId)
    } else if (added.length > 0) {
      // Who added what, for "participants change only their own" (switched on now or later).
      this.#addOwners(added.map((id) => [id, grant.participantId] as const))
    }
  }

  /**
   * Stamps each awareness state with the sender's role and participant id (what a client claims
   * there is replaced), and drops states for client ids another socket has announced, so nobody can
   * pose as someone else in the people list the facilitator removes people from.
   */
  stampAwareness(connection: SyncConnection, update: Uint8Array): Uint8Array {
    const access = { role: connection.grant?.role ?? 'observer', participantId: connection.grant?.participantId ?? '' }
    const decoder = decoding.createDecoder(update)
    const entries: { clientId: number; clock: number; state: string }[] = []
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const raw = decoding.readVarString(decoder)
      if (this.#ownedByOther(clientId, connection)) continue
      const state: unknown = JSON.parse(raw)
      const stamped = typeof state === 'object' && state !== null && !Array.isArray(state) ? JSON.stringify({ ...state, access }) : 'null'
      entries.push({ clientId, clock, state: stamped })
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, entries.length)
    for (const entry of entries) {
      encoding.writeVarUint(encoder, entry.clientId)
      encoding.writeVarUint(encoder, entry.clock)
      encoding.writeVarString(encoder, entry.state)
    }
    return encoding.toUint8Array(encoder)
  }

  #ownedByOther(clientId: number, connection: SyncConnection): boolean {
    // The usual case, a socket updating its own state, costs one lookup, not a walk over the room.
    if (connection.awarenessClientIds.has(clientId)) return false
    for (const other of this.#room.connections) {
      if (other !== connection && other.awarenessClientIds.has(clientId)) return true
    }
    return false
  }

  // ---- connections ------------------------------------------------------------------------------

  connectionAdded(connection: SyncConnection): void {
    const grant = connection.grant
    if (!grant) return
    if (grant.role === 'participant' && this.isRemoved(grant.participantId)) {
      connection.reject(CloseCode.Forbidden, 'The facilitator has removed you from this workshop')
      return
    }
    this.#send(connection, { type: 'welcome', role: grant.role, participantId: grant.participantId, serverTime: Date.now() })
    if (grant.role === 'facilitator') this.#send(connection, this.#heldMessage(null))
    else if (grant.role === 'participant') this.#send(connection, this.#mineMessage(grant.participantId))
    const tally = this.#tallyMessage()
    if (tally) this.#send(connection, tally)
  }

  // ---- commands ---------------------------------------------------------------------------------

  async handleControl(connection: SyncConnection, json: string): Promise<void> {
    const parsed = parseCommand(json)
    if (!parsed.ok) {
      if (parsed.id !== null) this.#send(connection, { type: 'reply', id: parsed.id, ok: false, error: 'invalid', message: parsed.message })
      else connection.log.info({ message: parsed.message }, 'control message without an id ignored')
      return
    }
    const command = parsed.command
    const grant = connection.grant
    try {
      if (!grant || !commandRoles[command.type].includes(grant.role)) {
        throw new CommandFailure('forbidden', `Only ${commandRoles[command.type].join(' or ')} may use ${command.type}`)
      }
      const result = await this.#execute(connection, command)
      this.#send(connection, { type: 'reply', id: command.id, ok: true, ...(result === undefined ? {} : { result }) })
    } catch (error) {
      if (error instanceof CommandFailure) {
        this.#send(connection, { type: 'reply', id: command.id, ok: false, error: error.error, message: error.message })
        return
      }
      connection.log.error({ err: error, command: command.type }, 'command failed')
      this.#send(connection, { type: 'reply', id: command.id, ok: false, error: 'serverError', message: 'The server could not do that; try again' })
    }
  }

  async #execute(connection: SyncConnection, command: CommandEnvelope): Promise<unknown> {
    const grant = connection.grant!
    const now = Date.now()
    switch (command.type) {
      case 'time':
        return { serverTime: now }
      case 'timer.start':
        return this.#writeSession({ timer: startTimer(command.durationMs, now) })
      case 'timer.pause':
        return this.#writeSession({ timer: pauseTimer(this.#session.timer, now) })
      case 'timer.resume':
        return this.#writeSession({ timer: resumeTimer(this.#session.timer, now) })
      case 'timer.add':
        return this.#writeSession({ timer: addTime(this.#session.timer, command.ms, now) })
      case 'timer.reset':
        return this.#writeSession({ timer: { status: 'idle' } })
      case 'board.lock': {
        this.#board(command.boardId)
        const others = this.#session.lockedBoards.filter((id) => id !== command.boardId)
        return this.#writeSession({ lockedBoards: command.locked ? [...others, command.boardId] : others })
      }
      case 'moderation.set':
        return this.#writeSession({ moderation: command.enabled })
      case 'ownItems.set':
        return this.#writeSession({ ownItemsOnly: command.enabled })
      case 'prompt.set':
        if (command.boardId !== '') this.#noteBoard(command.boardId)
        return this.#writeSession({ prompt: { boardId: command.boardId, lane: command.lane, question: command.question.trim() } })
      case 'summon': {
        const board = this.#board(command.boardId)
        return this.#writeSession({
          summon: { seq: this.#session.summon.seq + 1, boardId: command.boardId, view: command.view },
          // Everyone works on that board now: the phone page's notes go there too.
          prompt: promptAfterSummon(this.#session.prompt, board, this.#boards()),
        })
      }
      case 'follow.start': {
        const clientId = [...connection.awarenessClientIds][0]
        if (clientId === undefined) throw new CommandFailure('invalid', 'Your view is not shared yet; try again in a moment')
        return this.#writeSession({ follow: { clientId, name: this.#nameOf(connection) } })
      }
      case 'follow.stop':
        return this.#writeSession({ follow: null })
      case 'participant.remove': {
        if (this.isRemoved(command.participantId)) return undefined
        const removed = [...this.#session.removed, command.participantId].slice(-REMOVED_MAX)
        return this.#writeSession({ removed })
      }
      case 'phase.private': {
        if (this.#session.phase.kind === 'private') throw new CommandFailure('invalid', 'Reveal the notes of the current private writing first')
        this.#noteBoard(command.boardId)
        return this.#writeSession({
          phase: { kind: 'private', id: nanoid(), boardId: command.boardId, lane: command.lane, facilitatorSees: command.facilitatorSees, startedAt: now },
        })
      }
      case 'phase.reveal':
        return this.#reveal()
      case 'vote.open': {
        if (this.#session.vote?.status === 'open') throw new CommandFailure('invalid', 'Close the current vote first')
        if (command.maxPerItem > command.votesPerPerson) throw new CommandFailure('invalid', 'maxPerItem: must not exceed votesPerPerson')
        this.#noteBoard(command.boardId)
        const { id: _id, type: _type, ...settings } = command
        return this.#writeSession({
          vote: { id: nanoid(), ...settings, status: 'open', openedAt: now, closedAt: 0, results: {}, voters: 0 },
        })
      }
      case 'vote.close':
        return this.#closeVote(now)
      case 'vote.dismiss': {
        const vote = this.#session.vote
        if (vote?.status === 'open') this.#held.removeBallots(vote.id, sessionOrigin)
        await this.#writeSession({ vote: null })
        await this.#heldRoom.flush()
        return undefined
      }
      case 'vote.cast':
      case 'vote.retract':
        return this.#vote(grant.participantId, command.itemId, command.type === 'vote.cast')
      case 'note.submit':
        return this.#submit(connection, command)
      case 'note.edit': {
        const note = this.#ownHeld(grant.participantId, grant.role, command.noteId)
        const board = this.#boards().find((b) => b.id === note.boardId)
        const limit = board ? noteTextLimit(board, NOTE_TEXT_MAX) : NOTE_TEXT_MAX
        if (command.text.length > limit) throw new CommandFailure('invalid', `text: at most ${limit} characters`)
        this.#held.put({ ...note, text: command.text }, sessionOrigin)
        await this.#heldRoom.flush()
        return undefined
      }
      case 'note.withdraw': {
        const note = this.#ownHeld(grant.participantId, grant.role, command.noteId)
        this.#held.remove([note.id], sessionOrigin)
        await this.#heldRoom.flush()
        return undefined
      }
      case 'held.approve':
        return this.#approve(command.ids)
      case 'held.reject': {
        this.#held.remove(command.ids.filter((id) => this.#held.get(id) !== undefined && !this.#moving.has(id)), sessionOrigin)
        await this.#heldRoom.flush()
        return undefined
      }
      case 'note.hide':
        return this.#hide(command.itemId)
    }
  }

  // ---- notes ------------------------------------------------------------------------------------

  async #submit(connection: SyncConnection, command: Extract<CommandEnvelope, { type: 'note.submit' }>): Promise<{ outcome: SubmitOutcome }> {
    const grant = connection.grant!
    // Sent again after a reconnect: the first one arrived, say where it went.
    const already = this.#held.get(command.noteId)
    if (already) return { outcome: already.status === 'private' ? 'private' : 'queued' }
    if (this.#maps.items.has(command.noteId)) return { outcome: 'public' }

    const phase = this.#session.phase
    const target = phoneTarget(this.#session, this.#boards())
    if (!target) throw new CommandFailure('notFound', 'This workshop has no board for notes yet')
    const board = this.#noteBoard(target.boardId)
    if (grant.role === 'participant' && this.#session.lockedBoards.includes(board.id)) {
      throw new CommandFailure('locked', 'This board is locked by the facilitator')
    }
    const limit = noteTextLimit(board, NOTE_TEXT_MAX)
    if (command.text.length > limit) throw new CommandFailure('invalid', `text: at most ${limit} characters`)
    const note: HeldNote = {
      id: command.noteId,
      authorId: grant.participantId,
      authorName: this.#nameOf(connection),
      boardId: board.id,
      lane: target.lane,
      text: command.text,
      color: command.color ?? 'yellow',
      createdAt: Date.now(),
      status: 'queued',
      phaseId: '',
      original: null,
    }
    if (phase.kind === 'private') {
      this.#held.put({ ...note, status: 'private', phaseId: phase.id }, sessionOrigin)
      await this.#heldRoom.flush()
      return { outcome: 'private' }
    }
    if (this.#session.moderation && grant.role === 'participant') {
      this.#held.put(note, sessionOrigin)
      await this.#heldRoom.flush()
      return { outcome: 'queued' }
    }
    this.#applyPlan(planPlaceHeldNotes(board, [note], this.#items()))
    this.#recordOwners([note])
    await this.#room.flush()
    return { outcome: 'public' }
  }

  #ownHeld(participantId: string, role: string, id: string): HeldNote {
    const note = this.#held.get(id)
    if (!note || (note.authorId !== participantId && role !== 'facilitator') || note.status === 'hidden') {
      throw new CommandFailure('notFound', 'That note is not waiting any more')
    }
    return note
  }

  async #reveal(): Promise<{ revealed: number }> {
    const phase = this.#session.phase
    if (phase.kind !== 'private') throw new CommandFailure('noPhase', 'There is no private writing to reveal')
    const notes = this.#held.all().filter((note) => note.status === 'private' && note.phaseId === phase.id)
    const board = this.#boards().find((b) => b.id === phase.boardId)
    const plan = board && acceptsNotes(board) ? planPlaceHeldNotes(board, notes, this.#items()) : {}
    // The notes and the end of the phase in one transaction: whoever sees the phase end sees the notes.
    this.#room.doc.transact(() => {
      this.#applyPlanInTransaction(plan)
      this.#maps.session.set('phase', { kind: 'open' })
    }, sessionOrigin)
    if (board) this.#recordOwners(notes)
    await this.#room.flush()
    this.#held.remove(
      notes.map((note) => note.id),
      sessionOrigin,
    )
    await this.#heldRoom.flush()
    this.#log.info({ revealed: notes.length }, 'private notes revealed')
    return { revealed: board ? notes.length : 0 }
  }

  async #approve(ids: readonly string[]): Promise<{ revealed: number }> {
    const notes = ids.map((id) => this.#held.get(id)).filter((note): note is HeldNote => note !== undefined && !this.#moving.has(note.id))
    const boards = this.#boards()
    const placed: HeldNote[] = []
    for (const note of notes) this.#moving.add(note.id)
    try {
      this.#room.doc.transact(() => {
        for (const note of notes) {
          const board = boards.find((b) => b.id === note.boardId)
          const original = note.original ? validateItem(note.original) : null
          if (original?.ok && boards.some((b) => b.id === original.value.boardId)) {
            this.#maps.items.set(original.value.id, createRecordMap(original.value))
          } else if (board && acceptsNotes(board)) {
            this.#applyPlanInTransaction(planPlaceHeldNotes(board, [note], this.#items()))
            this.#recordOwners([note])
          } else continue
          placed.push(note)
        }
      }, sessionOrigin)
      await this.#room.flush()
      this.#held.remove(
        placed.map((note) => note.id),
        sessionOrigin,
      )
      await this.#heldRoom.flush()
    } finally {
      for (const note of notes) this.#moving.delete(note.id)
    }
    if (placed.length < notes.length) throw new CommandFailure('notFound', 'Some notes could not be placed: their board is gone')
    return { revealed: placed.length }
  }

  /** Takes a note or card off its board into the facilitator's held list, to put back exactly later. */
  async #hide(itemId: string): Promise<undefined> {
    const map = this.#maps.items.get(itemId)
    const record = map ? validateItem(readRecord(map)) : null
    if (!record?.ok || (record.value.kind !== 'note' && record.value.kind !== 'card')) {
      throw new CommandFailure('notFound', 'Only notes and cards can be hidden')
    }
    const item = record.value
    this.#held.put(
      {
        id: item.id,
        authorId: '',
        authorName: '',
        boardId: item.boardId,
        lane: item.kind === 'card' ? item.lane : '',
        text: item.text,
        color: item.kind === 'note' ? item.color : 'yellow',
        createdAt: item.createdAt,
        status: 'hidden',
        phaseId: '',
        original: { ...item },
      },
      sessionOrigin,
    )
    // Held first, then off the board: a crash in between leaves the note in both places, never in neither.
    await this.#heldRoom.flush()
    this.#room.doc.transact(() => this.#maps.items.delete(itemId), sessionOrigin)
    await this.#room.flush()
    return undefined
  }

  // ---- votes ------------------------------------------------------------------------------------

  async #vote(voterId: string, itemId: string, cast: boolean): Promise<OwnBallots> {
    const vote = this.#session.vote
    if (!vote) throw new CommandFailure('noVote', 'There is no vote')
    if (vote.status !== 'open') throw new CommandFailure('voteClosed', 'The vote is closed')
    const counts = this.#held.ballot(vote.id, voterId)
    let next: Record<string, number>
    if (cast) {
      if (!isVotable(this.#item(itemId), vote)) throw new CommandFailure('notEligible', 'That item is not part of this vote')
      const planned = planCast(vote, counts, itemId)
      if (!planned.ok) {
        throw new CommandFailure(
          planned.error,
          planned.error === 'voteLimit' ? `You have used all ${vote.votesPerPerson} dots` : `At most ${vote.maxPerItem} dots on one item`,
        )
      }
      next = planned.counts
    } else {
      next = planRetract(counts, itemId)
    }
    this.#held.setBallot(vote.id, voterId, next, sessionOrigin)
    await this.#heldRoom.flush()
    return { voteId: vote.id, counts: next }
  }

  async #closeVote(now: number): Promise<undefined> {
    const vote = this.#session.vote
    if (!vote || vote.status !== 'open') throw new CommandFailure('noVote', 'There is no open vote')
    const tally = tallyBallots(this.#held.ballotsOf(vote.id))
    await this.#writeSession({ vote: { ...vote, status: 'closed', closedAt: now, results: tally.counts, voters: tally.voters } })
    // The results are in the workshop now; who gave which dot is forgotten.
    this.#held.removeBallots(vote.id, sessionOrigin)
    await this.#heldRoom.flush()
    return undefined
  }

  // ---- reading and writing the workshop ---------------------------------------------------------

  #boards(): BoardRecord[] {
    const boards: BoardRecord[] = []
    this.#maps.boards.forEach((map) => {
      const result = validateBoard(readRecord(map))
      if (result.ok) boards.push(result.value)
    })
    return sortByOrder(boards)
  }

  #board(boardId: string): BoardRecord {
    const board = this.#boards().find((b) => b.id === boardId)
    if (!board) throw new CommandFailure('notFound', 'That board does not exist')
    return board
  }

  /** A board notes can go to (a free canvas or a challenge board). */
  #noteBoard(boardId: string): BoardRecord {
    const board = this.#board(boardId)
    if (!acceptsNotes(board)) throw new CommandFailure('invalid', 'Notes and votes need a free canvas or a challenge board')
    return board
  }

  #item(id: string): ItemRecord | undefined {
    const map = this.#maps.items.get(id)
    const result = map ? validateItem(readRecord(map)) : null
    return result?.ok ? result.value : undefined
  }

  #items(): ItemRecord[] {
    const items: ItemRecord[] = []
    this.#maps.items.forEach((map) => {
      const result = validateItem(readRecord(map))
      if (result.ok) items.push(result.value)
    })
    return items
  }

  /** Notes from the phone page become their authors' own items on the board (a facilitator's stay unowned). */
  #recordOwners(notes: readonly HeldNote[]): void {
    this.#addOwners(notes.filter((note) => note.authorId !== '' && note.authorId !== 'facilitator').map((note) => [note.id, note.authorId] as const))
  }

  #ownerOf(itemId: string): string | undefined {
    return this.#pendingOwners.get(itemId) ?? this.#held.ownerOf(itemId)
  }

  #addOwners(entries: readonly (readonly [itemId: string, participantId: string])[]): void {
    if (entries.length === 0 || this.#destroyed) return
    for (const [itemId, participantId] of entries) this.#pendingOwners.set(itemId, participantId)
    this.#ownersTimer ??= setTimeout(() => this.#writeOwners(), OWNERS_EVERY_MS)
  }

  #writeOwners(): void {
    if (this.#ownersTimer) clearTimeout(this.#ownersTimer)
    this.#ownersTimer = null
    if (this.#pendingOwners.size === 0) return
    this.#held.setOwners(this.#pendingOwners, sessionOrigin)
    this.#pendingOwners.clear()
  }

  #applyPlan(plan: DocumentPlan): void {
    this.#room.doc.transact(() => this.#applyPlanInTransaction(plan), sessionOrigin)
  }

  /** The server's own plans go through the same validated write path as everyone's. */
  #applyPlanInTransaction(plan: DocumentPlan): void {
    writePlan(this.#maps, checkPlan(this.#maps, plan))
  }

  async #writeSession(fields: Partial<SessionRecord>): Promise<undefined> {
    for (const [key, value] of Object.entries(fields)) {
      const checked = validateSessionField(key as keyof SessionRecord, value)
      if (!checked.ok) throw new CommandFailure('invalid', checked.error)
    }
    this.#room.doc.transact(() => {
      for (const [key, value] of Object.entries(fields)) this.#maps.session.set(key, value)
    }, sessionOrigin)
    await this.#room.flush()
    return undefined
  }

  #readSession(): SessionRecord {
    const { session, errors } = readSession(this.#maps.session.toJSON() as Record<string, unknown>)
    for (const error of errors) this.#log.warn({ error }, 'invalid session field; using its default')
    return session
  }

  #nameOf(connection: SyncConnection): string {
    for (const clientId of connection.awarenessClientIds) {
      const name = (this.#room.awareness.getStates().get(clientId) as { user?: { name?: unknown } } | undefined)?.user?.name
      if (typeof name === 'string' && name.trim() !== '') return name.trim().slice(0, 40)
    }
    return ''
  }

  /**
   * After a crash between writing notes onto a board and removing them from the held list (or with
   * a private phase that ended without its reveal finishing), the held copies are cleaned up: those
   * on a board are dropped, private ones of a phase that is over wait for the facilitator instead.
   */
  #recoverInterruptedMoves(): void {
    const phase = this.#session.phase
    const onBoard: string[] = []
    for (const note of this.#held.all()) {
      if (this.#maps.items.has(note.id)) onBoard.push(note.id)
      else if (note.status === 'private' && (phase.kind !== 'private' || phase.id !== note.phaseId)) {
        this.#held.put({ ...note, status: 'queued', phaseId: '' }, sessionOrigin)
      }
    }
    if (onBoard.length > 0) this.#held.remove(onBoard, sessionOrigin)
  }

  // ---- what each person is sent -------------------------------------------------------------------

  readonly #onSessionChange = (event: Y.YMapEvent<unknown>): void => {
    const before = this.#session
    this.#session = this.#readSession()
    const keys = event.keysChanged
    if (keys.has('removed')) {
      for (const connection of this.#room.connections) {
        const grant = connection.grant
        if (grant?.role === 'participant' && this.isRemoved(grant.participantId)) {
          connection.log.info({ participantId: grant.participantId }, 'participant removed by the facilitator')
          connection.reject(CloseCode.Forbidden, 'The facilitator has removed you from this workshop')
        }
      }
    }
    if (keys.has('phase')) this.#pushHeldReset()
    if (keys.has('vote')) {
      // A new or dismissed vote: every participant's own dots start again from what is stored for it.
      if (before.vote?.id !== this.#session.vote?.id || before.vote?.status !== this.#session.vote?.status) {
        for (const connection of this.#room.connections) {
          if (connection.grant?.role === 'participant') this.#send(connection, this.#mineMessage(connection.grant.participantId))
        }
      }
      this.#scheduleTally(true)
    }
  }

  readonly #onHeldNotes = (event: Y.YMapEvent<unknown>): void => {
    for (const id of event.keysChanged) this.#dirtyNotes.add(id)
    this.#scheduleHeldPush()
  }

  readonly #onBallots = (event: Y.YMapEvent<unknown>): void => {
    for (const key of event.keysChanged) this.#dirtyVoters.add(voterOfBallotKey(key))
    this.#scheduleHeldPush()
    this.#scheduleTally(false)
  }

  /** Pushes what changed in the held notes, once it is stored, to whom it concerns. */
  #scheduleHeldPush(): void {
    if (this.#heldPushScheduled || this.#destroyed) return
    this.#heldPushScheduled = true
    setImmediate(() => {
      this.#heldRoom
        .flush()
        .then(() => this.#pushHeldChanges())
        .catch((error: unknown) => this.#log.error({ err: error }, 'held notes could not be stored'))
        .finally(() => {
          this.#heldPushScheduled = false
          if (this.#dirtyNotes.size > 0 || this.#dirtyVoters.size > 0) this.#scheduleHeldPush()
        })
    })
  }

  #pushHeldChanges(): void {
    if (this.#destroyed) return
    const noteIds = [...this.#dirtyNotes]
    this.#dirtyNotes.clear()
    const voters = new Set(this.#dirtyVoters)
    this.#dirtyVoters.clear()
    const authors = new Set<string>(voters)
    for (const id of noteIds) {
      const previous = this.#authors.get(id)
      if (previous !== undefined) authors.add(previous)
      const note = this.#held.get(id)
      if (note) {
        this.#authors.set(id, note.authorId)
        authors.add(note.authorId)
      } else this.#authors.delete(id)
    }
    const heldUpdate = noteIds.length > 0 ? this.#heldMessage(noteIds) : null
    for (const connection of this.#room.connections) {
      const grant = connection.grant
      if (!grant) continue
      if (grant.role === 'facilitator' && heldUpdate) this.#send(connection, heldUpdate)
      if (grant.role === 'participant' && authors.has(grant.participantId)) this.#send(connection, this.#mineMessage(grant.participantId))
    }
  }

  #pushHeldReset(): void {
    for (const connection of this.#room.connections) {
      if (connection.grant?.role === 'facilitator') this.#send(connection, this.#heldMessage(null))
    }
  }

  #visibleToFacilitator(note: HeldNote): boolean {
    if (note.status !== 'private') return true
    const phase = this.#session.phase
    return phase.kind === 'private' && phase.id === note.phaseId && phase.facilitatorSees
  }

  /** The facilitator's view: `changed` ids since the last message, or everything (null). */
  #heldMessage(changed: readonly string[] | null): ServerMessage {
    const all = this.#held.all()
    const phase = this.#session.phase
    const privateNotes = all.filter((note) => note.status === 'private' && phase.kind === 'private' && note.phaseId === phase.id)
    const upsert: HeldNote[] = []
    const remove: string[] = []
    if (changed === null) {
      for (const note of all) if (this.#visibleToFacilitator(note)) upsert.push(note)
    } else {
      for (const id of changed) {
        const note = this.#held.get(id)
        if (note && this.#visibleToFacilitator(note)) upsert.push(note)
        else remove.push(id)
      }
    }
    return {
      type: 'held',
      reset: changed === null,
      upsert,
      remove,
      privateNotes: privateNotes.length,
      privateAuthors: new Set(privateNotes.map((note) => note.authorId)).size,
    }
  }

  #mineMessage(participantId: string): ServerMessage {
    const notes = this.#held.byAuthor(participantId).filter((note) => note.status !== 'hidden')
    const vote = this.#session.vote
    const ballots = vote?.status === 'open' ? { voteId: vote.id, counts: this.#held.ballot(vote.id, participantId) } : null
    return { type: 'mine', notes, ballots }
  }

  #tallyMessage(): ServerMessage | null {
    const vote = this.#session.vote
    if (!vote || vote.status !== 'open') return null
    const tally = tallyBallots(this.#held.ballotsOf(vote.id))
    return { type: 'tally', voteId: vote.id, counts: vote.hidden ? {} : tally.counts, voters: tally.voters, dots: tally.dots }
  }

  #scheduleTally(now: boolean): void {
    if (this.#destroyed) return
    if (this.#tallyTimer) {
      if (!now) return
      clearTimeout(this.#tallyTimer)
    }
    const wait = now ? 0 : Math.max(0, this.#lastTallyAt + TALLY_EVERY_MS - Date.now())
    this.#tallyTimer = setTimeout(() => {
      this.#tallyTimer = null
      this.#lastTallyAt = Date.now()
      const tally = this.#tallyMessage()
      if (!tally) return
      for (const connection of this.#room.connections) this.#send(connection, tally)
    }, wait)
  }

  #send(connection: SyncConnection, message: ServerMessage): void {
    if (!connection.wantsControl) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageControl)
    encoding.writeVarString(encoder, JSON.stringify(message))
    this.#room.sendMessage(connection, encoding.toUint8Array(encoder), 'control')
  }

  /** The app gets a `refused` control message; a plain y-websocket client the standard permission-denied one. */
  #tellRefused(connection: SyncConnection, reason: RefusalReason, boardId: string | null): void {
    if (connection.wantsControl) {
      this.#send(connection, { type: 'refused', reason, boardId })
      return
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAuth)
    authProtocol.writePermissionDenied(encoder, `${reason}: ${refusalText[reason]}`)
    this.#room.sendMessage(connection, encoding.toUint8Array(encoder), 'control')
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  /** Stores the held notes and frees them; the room calls it when it unloads. */
  async unload(): Promise<void> {
    this.#writeOwners()
    this.#stop()
    await this.#heldRoom.unload()
  }

  destroy(): void {
    this.#writeOwners()
    this.#stop()
    this.#heldRoom.destroy()
  }

  #stop(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    if (this.#tallyTimer) clearTimeout(this.#tallyTimer)
    if (this.#ownersTimer) clearTimeout(this.#ownersTimer)
    this.#maps.session.unobserve(this.#onSessionChange)
    this.#held.notes.unobserve(this.#onHeldNotes)
    this.#held.ballots.unobserve(this.#onBallots)
    this.#guard.destroy()
  }
}

/**
 * Whether an update holds anything `doc` does not have yet: an item it lacks, or a deletion of
 * something it still has. A sync reply from a client with no edits of its own holds neither (its
 * delete set repeats deletions the server made itself).
 */
function carriesNews(doc: Y.Doc, update: Uint8Array): boolean {
  const missing = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)))
  if (missing.structs.length > 0) return true
  if (missing.ds.clients.size === 0) return false
  const known = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, ranges] of missing.ds.clients) {
    const have = known.clients.get(client) ?? []
    for (const range of ranges) if (!covered(have, range.clock, range.clock + range.len)) return true
  }
  return false
}

/** Whether sorted, possibly adjacent ranges cover [from, to) without a gap. */
function covered(ranges: readonly { clock: number; len: number }[], from: number, to: number): boolean {
  let reached = from
  for (const range of ranges) {
    if (range.clock > reached) break
    reached = Math.max(reached, range.clock + range.len)
    if (reached >= to) return true
  }
  return reached >= to
}
