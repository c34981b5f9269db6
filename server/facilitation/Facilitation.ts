import * as decoding from 'lib0/decoding'
import type * as Y from 'yjs'
import { commandRoles, parseCommand, type CommandEnvelope, type CommandType, type RefusedRecord } from '../../shared/facilitation/commands'
import { judgeChange, type Refusal } from '../../shared/facilitation/guard'
import { CloseCode, messageControl } from '../../shared/protocol'
import type { Logger } from '../log'
import type { AppliedUpdate, ClientUpdate, ExtensionMessage, ExtensionTools, RoomExtension } from '../sync/RoomExtension'
import type { Room } from '../sync/Room'
import type { SyncConnection } from '../sync/SyncConnection'
import { CapacityPush } from './CapacityPush'
import { carriesNews } from './carriesNews'
import { CommandFailure, type CommandContext } from './commands/CommandContext'
import { commandTable } from './commands/commandTable'
import { ControlMessages } from './ControlMessages'
import { FacilitatedWorkshop, type FacilitatedRoom, type FacilitationAccess, type HeldRoom } from './FacilitatedWorkshop'
import { HeldNotesPush } from './HeldNotesPush'
import { lostByUndo, readWritten } from './refusedRecords'
import { stampAwareness } from './stampAwareness'
import { TallyPush } from './TallyPush'
import { UpdateGuard } from './UpdateGuard'

/** Commands that write new text into the held notes. */
const growsHeldNotes: ReadonlySet<CommandType> = new Set<CommandType>(['note.submit', 'note.edit'])

/** The held notes' companion document: `<workshopId>/held` (server/facilitation/HeldNotes.ts). */
export const HELD_COMPANION = 'held'

/**
 * Facilitation for one loaded workshop, as a room extension (server/sync/RoomExtension.ts): roles on
 * every update, the control channel's commands, and what each person may see of the held notes and
 * the dots (docs/facilitation.md).
 *
 * - Every client update is judged by `judgeChange` against the sender's role and the facilitation
 *   state; observers' updates are not applied at all, a refused one is undone, and its sender is told why.
 * - Commands are checked against the sender's role, then carried out by their handler
 *   (commands/commandTable.ts), which alone writes the `session` map. A reply is sent only once
 *   what the command wrote is stored.
 * - Held notes and ballots live in a companion document that no client syncs (HeldNotesPush says
 *   who is sent what; TallyPush the live tally).
 * - Awareness states are stamped with the sender's role and participant id.
 */
export class Facilitation implements RoomExtension {
  readonly name = 'facilitation'
  readonly messages: readonly ExtensionMessage[] = [
    { type: messageControl, kind: 'control', handle: (connection, decoder) => this.#handleControl(connection, decoding.readVarString(decoder)) },
  ]
  readonly #room: FacilitatedRoom
  readonly #workshop: FacilitatedWorkshop
  readonly #guard: UpdateGuard
  readonly #control: ControlMessages
  readonly #heldPush: HeldNotesPush
  readonly #tally: TallyPush
  readonly #capacity: CapacityPush
  /** Observers are told once that their changes are not kept, not at every keystroke. */
  readonly #toldReadOnly = new WeakSet<SyncConnection>()
  /** What a refused update wrote, read before the room undoes it (refusedRecords.ts); weak, like the refusal. */
  readonly #written = new WeakMap<Refusal, RefusedRecord[]>()
  #stopped = false

  /** The factory the registry calls as the room loads: loads the held notes, then facilitates. */
  static async load(room: Room, tools: ExtensionTools, access: FacilitationAccess): Promise<Facilitation> {
    return new Facilitation(room, await tools.loadCompanion(HELD_COMPANION), access, tools.log)
  }

  constructor(room: FacilitatedRoom, heldRoom: HeldRoom, access: FacilitationAccess, log: Logger) {
    this.#room = room
    this.#workshop = new FacilitatedWorkshop(room, heldRoom, access, log)
    this.#guard = new UpdateGuard(room.doc, this.#workshop.maps)
    this.#control = new ControlMessages(room)
    this.#heldPush = new HeldNotesPush(room, this.#workshop, this.#control)
    this.#tally = new TallyPush(room, this.#workshop, this.#control)
    this.#capacity = new CapacityPush(room, this.#control)
    const { maps, held } = this.#workshop
    maps.session.observe(this.#onStateChange)
    held.notes.observe(this.#onHeldNotes)
    held.ballots.observe(this.#onBallots)
    this.#recoverInterruptedMoves()
  }

  // ---- connections, updates and awareness --------------------------------------------------------

  onConnect(connection: SyncConnection): void {
    this.#control.noteConnection(connection)
    const grant = connection.grant
    if (!grant) return
    if (grant.role === 'participant' && this.#workshop.isRemoved(grant.participantId)) {
      connection.reject(CloseCode.Removed, 'The facilitator has removed you from this workshop')
      return
    }
    this.#control.send(connection, { type: 'welcome', role: grant.role, participantId: grant.participantId, serverTime: Date.now() })
    if (grant.role === 'facilitator') {
      this.#control.send(connection, this.#heldPush.heldMessage(null))
      const capacity = this.#capacity.message()
      if (capacity) this.#control.send(connection, capacity)
    }
    else if (grant.role === 'participant') this.#control.send(connection, this.#heldPush.mineMessage(grant.participantId))
    const tally = this.#tally.message()
    if (tally) this.#control.send(connection, tally)
  }

  /** Observers (and sockets without a grant) change nothing: their updates are not applied. */
  beforeApply({ connection }: ClientUpdate): Refusal | null {
    const grant = connection.grant
    return !grant || grant.role === 'observer' ? { reason: 'readOnly', boardId: null } : null
  }

  /** The role rules, on what the update changed. */
  checkApplied({ connection, transaction }: AppliedUpdate): Refusal | null {
    const grant = connection.grant
    const change = this.#guard.changeOf(transaction)
    if (!grant || !change) return null
    const { owners } = this.#workshop
    const refusal = judgeChange(grant.role, change, this.#workshop.state, (itemId) => owners.ownerOf(itemId) === grant.participantId)
    if (refusal) this.#written.set(refusal, readWritten(this.#workshop.maps, change, refusal.reason))
    return refusal
  }

  /** Who added what, for "participants change only their own" (switched on now or later). */
  afterApply({ connection, transaction }: AppliedUpdate): void {
    const grant = connection.grant
    if (grant?.role !== 'participant') return
    const added = this.#guard.changeOf(transaction)?.items.filter((item) => item.boardBefore === null && item.boardAfter !== null) ?? []
    if (added.length > 0) this.#workshop.owners.add(added.map((item) => [item.id, grant.participantId] as const))
  }

  onRefused({ connection, update, refusal, undone }: ClientUpdate & { refusal: Refusal; undone: boolean }): void {
    if (refusal.reason === 'readOnly' && !undone) {
      // Every client answers the server's sync request with an update, usually with nothing new
      // in it: that is not an edit, and telling the observer so on every connect would be noise.
      if (this.#toldReadOnly.has(connection) || !carriesNews(this.#room.doc, update)) return
      this.#toldReadOnly.add(connection)
    }
    const written = this.#written.get(refusal)
    const lost = written && undone ? lostByUndo(this.#workshop.maps, written) : []
    this.#control.tellRefused(connection, refusal, lost)
  }

  /** The stored size changed: facilitators hear when it crosses a level of the cap. */
  afterCommit(): void {
    this.#capacity.check()
  }

  onAwareness(connection: SyncConnection, update: Uint8Array): Uint8Array {
    const access = { role: connection.grant?.role ?? 'observer', participantId: connection.grant?.participantId ?? '' }
    return stampAwareness(update, access, (clientId) => this.#ownedByOther(clientId, connection))
  }

  #ownedByOther(clientId: number, connection: SyncConnection): boolean {
    // The usual case, a socket updating its own state, costs one lookup, not a walk over the room.
    if (connection.awarenessClientIds.has(clientId)) return false
    for (const other of this.#room.connections) {
      if (other !== connection && other.awarenessClientIds.has(clientId)) return true
    }
    return false
  }

  // ---- commands -----------------------------------------------------------------------------------

  async #handleControl(connection: SyncConnection, json: string): Promise<void> {
    const parsed = parseCommand(json)
    if (!parsed.ok) {
      if (parsed.id !== null) this.#control.send(connection, { type: 'reply', id: parsed.id, ok: false, error: 'invalid', message: parsed.message })
      else connection.log.info({ message: parsed.message }, 'control message without an id ignored')
      return
    }
    const command = parsed.command
    const grant = connection.grant
    try {
      if (!grant || !commandRoles[command.type].includes(grant.role)) {
        throw new CommandFailure('forbidden', `Only ${commandRoles[command.type].join(' or ')} may use ${command.type}`)
      }
      // The held notes count towards the size cap (WorkshopSizeCap refuses updates; this, new text).
      if (growsHeldNotes.has(command.type) && this.#capacity.message()?.level === 'full') {
        throw new CommandFailure('workshopFull', 'The workshop has reached its size limit; nothing new can be added')
      }
      const handler = commandTable[command.type] as (command: CommandEnvelope, context: CommandContext) => unknown
      const result = await handler(command, { connection, grant, now: Date.now(), workshop: this.#workshop })
      this.#control.send(connection, { type: 'reply', id: command.id, ok: true, ...(result === undefined ? {} : { result }) })
    } catch (error) {
      if (error instanceof CommandFailure) {
        this.#control.send(connection, { type: 'reply', id: command.id, ok: false, error: error.error, message: error.message })
        return
      }
      connection.log.error({ err: error, command: command.type }, 'command failed')
      this.#control.send(connection, { type: 'reply', id: command.id, ok: false, error: 'serverError', message: 'The server could not do that; try again' })
    }
  }

  // ---- what changed, and who is told ------------------------------------------------------------

  readonly #onStateChange = (event: Y.YMapEvent<unknown>): void => {
    const before = this.#workshop.reread()
    const state = this.#workshop.state
    const keys = event.keysChanged
    if (keys.has('removed')) {
      for (const connection of this.#room.connections) {
        const grant = connection.grant
        if (grant?.role === 'participant' && this.#workshop.isRemoved(grant.participantId)) {
          connection.log.info({ participantId: grant.participantId }, 'participant removed by the facilitator')
          connection.reject(CloseCode.Removed, 'The facilitator has removed you from this workshop')
        }
      }
    }
    if (keys.has('phase')) this.#heldPush.pushResetToFacilitators()
    if (keys.has('vote')) {
      // A new or dismissed vote: every participant's own dots start again from what is stored for it.
      if (before.vote?.id !== state.vote?.id || before.vote?.status !== state.vote?.status) this.#heldPush.pushMineToParticipants()
      this.#tally.schedule(true)
    }
  }

  readonly #onHeldNotes = (event: Y.YMapEvent<unknown>): void => {
    this.#heldPush.notesChanged(event.keysChanged)
  }

  readonly #onBallots = (event: Y.YMapEvent<unknown>): void => {
    this.#heldPush.ballotsChanged(event.keysChanged)
    this.#tally.schedule(false)
  }

  /**
   * After a crash between writing notes onto a board and removing them from the held list (or with
   * a private phase that ended without its reveal finishing), the held copies are cleaned up: those
   * on a board are dropped, private ones of a phase that is over wait for the facilitator instead.
   */
  #recoverInterruptedMoves(): void {
    const { held, maps, state, origin } = this.#workshop
    const phase = state.phase
    const onBoard: string[] = []
    for (const note of held.all()) {
      if (maps.items.has(note.id)) onBoard.push(note.id)
      else if (note.status === 'private' && (phase.kind !== 'private' || phase.id !== note.phaseId)) {
        held.put({ ...note, status: 'queued', phaseId: '' }, origin)
      }
    }
    if (onBoard.length > 0) held.remove(onBoard, origin)
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  /** The room unloads: what is pending is written into the held notes before they are stored. */
  beforeUnload(): void {
    this.#stop()
  }

  onDestroy(): void {
    this.#stop()
  }

  #stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    this.#workshop.owners.stop()
    this.#heldPush.stop()
    this.#tally.stop()
    const { maps, held } = this.#workshop
    maps.session.unobserve(this.#onStateChange)
    held.notes.unobserve(this.#onHeldNotes)
    held.ballots.unobserve(this.#onBallots)
    this.#guard.destroy()
  }
}
