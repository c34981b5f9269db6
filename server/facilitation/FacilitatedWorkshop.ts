import { checkPlan, writePlan } from '../../shared/doc/applyPlan'
import { readBoardMap } from '../../shared/doc/readRecords'
import { readItemMap } from '../../shared/doc/readItemMap'
import { getWorkshopMaps, type WorkshopMaps } from '../../shared/doc/workshopDoc'
import { acceptsNotes } from '../../shared/facilitation/reveal'
import { sortByOrder } from '../../shared/logic/boardOrder'
import type { DocumentPlan } from '../../shared/logic/plan'
import type { BoardRecord } from '../../shared/schema/records/board'
import { REMOVED_MAX, type SessionRecord } from '../../shared/schema/records/session'
import { readSession, validateSessionField } from '../../shared/schema/records/sessionHistory'
import type { ItemRecord } from '../../shared/schema/schema'
import type { AuditAction, AuditActor } from '../../shared/staff'
import type { Grant } from '../access/AccessStore'
import type { Logger } from '../log'
import { grantActor } from '../staff/auditLog'
import type { Room } from '../sync/Room'
import type { SyncConnection } from '../sync/SyncConnection'
import { CommandFailure } from './commands/CommandContext'
import { HeldNotes } from './HeldNotes'
import { Owners } from './Owners'

/** Transaction origin of everything facilitation writes: stored and broadcast to all, the sender included. */
export const facilitationOrigin = Symbol('facilitation')

/** What facilitation needs of the room it runs in. */
export type FacilitatedRoom = Pick<Room, 'workshopId' | 'doc' | 'awareness' | 'connections' | 'flush' | 'compact' | 'sendMessage' | 'storedBytes' | 'maxStoredBytes'>
/** What it needs of the workshops' access (server/access/AccessStore.ts), which every route and socket checks. */
export interface FacilitationAccess {
  removeParticipant(workshopId: string, participantId: string): Promise<void>
  /** Writes a line to the workshop's audit log (server/staff/auditLog.ts); never throws. */
  audit(entry: { workshopId: string; action: AuditAction; actor: AuditActor; detail: string }): Promise<void>
  /**
   * Takes one of a person's erasures per hour, and one of their address's (`OWN_ERASES_PER_PERSON_PER_HOUR`,
   * `OWN_ERASES_PER_ADDRESS_PER_HOUR`, server/limits/EraseBudget.ts): null when there was one, else how long until there is.
   */
  takeErase(workshopId: string, participantId: string, address: string): Promise<{ retryAfterSeconds: number } | null>
  /** Takes items out of every stored history snapshot of the workshop (server/history, `eraseItems`). */
  eraseFromHistory(workshopId: string, itemIds: ReadonlySet<string>): Promise<void>
}
/** What it needs of the companion room holding the held notes (no sockets). */
export type HeldRoom = Pick<Room, 'doc' | 'flush' | 'compact'>

/**
 * The two documents of a facilitated workshop as the commands use them: the workshop (boards and
 * items read through the shared validators, the facilitation state written here only) and its held
 * notes. A command answers once what it wrote is stored: `writeState`, `flush` and `flushHeld`.
 *
 * The facilitation state (timer, phase, votes, locks, …; shared/schema/records/session.ts) is stored
 * in the document's `session` map, the name it has in every stored workshop.
 */
export class FacilitatedWorkshop {
  readonly maps: WorkshopMaps
  readonly held: HeldNotes
  readonly owners: Owners
  /** Held notes being moved onto a board right now; a second approve of the same note waits its turn. */
  readonly moving = new Set<string>()
  readonly origin = facilitationOrigin
  readonly log: Logger
  readonly #room: FacilitatedRoom
  readonly #heldRoom: HeldRoom
  readonly #access: FacilitationAccess
  #state: SessionRecord

  constructor(room: FacilitatedRoom, heldRoom: HeldRoom, access: FacilitationAccess, log: Logger) {
    this.#room = room
    this.#heldRoom = heldRoom
    this.#access = access
    this.log = log
    this.maps = getWorkshopMaps(room.doc)
    this.held = new HeldNotes(heldRoom.doc)
    this.owners = new Owners(this.held, facilitationOrigin)
    this.#state = this.#readState()
  }

  /** The facilitation state as of the last change of the `session` map. */
  get state(): SessionRecord {
    return this.#state
  }

  /** Reads the state again after its map changed; returns the one before. */
  reread(): SessionRecord {
    const before = this.#state
    this.#state = this.#readState()
    return before
  }

  isRemoved(participantId: string): boolean {
    return this.#state.removed.includes(participantId)
  }

  /**
   * Removes a participant: first with the workshop's access, so every HTTP route and socket, on
   * every instance, refuses their token from then on (the session's list is capped and lives in a
   * document no route reads); then in the session, which closes their open sockets wherever they
   * are connected and shows it in the people list.
   */
  async removeParticipant(participantId: string): Promise<undefined> {
    await this.#access.removeParticipant(this.#room.workshopId, participantId)
    if (this.isRemoved(participantId)) return undefined
    return this.writeState({ removed: [...this.#state.removed, participantId].slice(-REMOVED_MAX) })
  }

  /** Records a command in the audit log under whoever sent it (a staff member, or the facilitator link). */
  audit(action: AuditAction, grant: Grant, detail: string): Promise<void> {
    return this.#access.audit({ workshopId: this.#room.workshopId, action, actor: grantActor(grant), detail })
  }

  /** Writes fields of the facilitation state (validated first) and resolves once they are stored. */
  async writeState(fields: Partial<SessionRecord>): Promise<undefined> {
    for (const [key, value] of Object.entries(fields)) {
      const checked = validateSessionField(key as keyof SessionRecord, value)
      if (!checked.ok) throw new CommandFailure('invalid', checked.error)
    }
    this.transact(() => {
      for (const [key, value] of Object.entries(fields)) this.maps.session.set(key, value)
    })
    await this.flush()
    return undefined
  }

  /** One transaction on the workshop, with facilitation's origin. */
  transact(write: () => void): void {
    this.#room.doc.transact(write, facilitationOrigin)
  }

  /** The server's own plans go through the same validated write path as everyone's; inside `transact`. */
  writePlan(plan: DocumentPlan): void {
    writePlan(this.maps, checkPlan(this.maps, plan))
  }

  applyPlan(plan: DocumentPlan): void {
    this.transact(() => this.writePlan(plan))
  }

  /** Resolves once everything written to the workshop is stored (and broadcast). */
  flush(): Promise<void> {
    return this.#room.flush()
  }

  /**
   * Makes a resident's erasure real in storage, after the items are deleted from the documents: both
   * documents are compacted (the update log that still held what they wrote is replaced by one
   * snapshot of the current state, where Yjs keeps only the deleted items' ids and lengths), and the
   * items are taken out of every history snapshot.
   */
  async eraseStored(itemIds: ReadonlySet<string>): Promise<void> {
    await this.#room.compact()
    await this.#heldRoom.compact()
    await this.#access.eraseFromHistory(this.#room.workshopId, itemIds)
  }

  /**
   * Counts one erasure against the person's and their address's hourly budgets; refuses with
   * `tooOften` when one is spent. Each erasure compacts both documents and decodes every history
   * snapshot, so one resident could otherwise keep the server busy by asking again and again.
   */
  async takeErase(participantId: string, address: string): Promise<void> {
    const refused = await this.#access.takeErase(this.#room.workshopId, participantId, address)
    if (refused) throw new CommandFailure('tooOften', `Erased too often: try again in ${refused.retryAfterSeconds} s`)
  }

  /** Resolves once everything written to the held notes is stored. */
  flushHeld(): Promise<void> {
    return this.#heldRoom.flush()
  }

  boards(): BoardRecord[] {
    const boards: BoardRecord[] = []
    this.maps.boards.forEach((map, id) => {
      const result = readBoardMap(id, map)
      if (result.ok) boards.push(result.value)
    })
    return sortByOrder(boards)
  }

  board(boardId: string): BoardRecord {
    const board = this.boards().find((b) => b.id === boardId)
    if (!board) throw new CommandFailure('notFound', 'That board does not exist')
    return board
  }

  /** A board notes can go to (a free canvas or a challenge board). */
  noteBoard(boardId: string): BoardRecord {
    const board = this.board(boardId)
    if (!acceptsNotes(board)) throw new CommandFailure('invalid', 'Notes and votes need a free canvas or a challenge board')
    return board
  }

  item(id: string): ItemRecord | undefined {
    const map = this.maps.items.get(id)
    const result = map ? readItemMap(id, map) : null
    return result?.ok ? result.value : undefined
  }

  items(): ItemRecord[] {
    const items: ItemRecord[] = []
    this.maps.items.forEach((map, id) => {
      const result = readItemMap(id, map)
      if (result.ok) items.push(result.value)
    })
    return items
  }

  /** The name a connection shows in its awareness state ('' if none yet), at most 40 characters. */
  nameOf(connection: SyncConnection): string {
    for (const clientId of connection.awarenessClientIds) {
      const name = (this.#room.awareness.getStates().get(clientId) as { user?: { name?: unknown } } | undefined)?.user?.name
      if (typeof name === 'string' && name.trim() !== '') return name.trim().slice(0, 40)
    }
    return ''
  }

  #readState(): SessionRecord {
    const { session, errors } = readSession(this.maps.session.toJSON() as Record<string, unknown>)
    for (const error of errors) this.log.warn({ error }, 'invalid session field; using its default')
    return session
  }
}
