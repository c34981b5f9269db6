import type { HeldNote, ServerMessage } from '../../shared/facilitation/commands'
import type { ControlMessages } from './ControlMessages'
import type { FacilitatedRoom, FacilitatedWorkshop } from './FacilitatedWorkshop'
import { voterOfBallotKey } from './HeldNotes'

/**
 * What each person is sent of the held notes and the dots, once it is stored: each participant their
 * own notes and dots (`mine`), facilitators the notes the phase lets them see (`held`). Hidden notes
 * are never sent to anyone else: there is nothing to blur in another browser.
 *
 * Changes are batched: whatever changed in one event-loop turn (on any instance) is stored, then
 * pushed once to whom it concerns.
 */
export class HeldNotesPush {
  readonly #room: FacilitatedRoom
  readonly #workshop: FacilitatedWorkshop
  readonly #control: ControlMessages
  /** Author of each held note, to tell them when it changes or goes. */
  readonly #authors = new Map<string, string>()
  readonly #dirtyNotes = new Set<string>()
  readonly #dirtyVoters = new Set<string>()
  #scheduled = false
  #stopped = false

  constructor(room: FacilitatedRoom, workshop: FacilitatedWorkshop, control: ControlMessages) {
    this.#room = room
    this.#workshop = workshop
    this.#control = control
    for (const note of workshop.held.all()) this.#authors.set(note.id, note.authorId)
  }

  notesChanged(ids: Iterable<string>): void {
    for (const id of ids) this.#dirtyNotes.add(id)
    this.#schedule()
  }

  ballotsChanged(keys: Iterable<string>): void {
    for (const key of keys) this.#dirtyVoters.add(voterOfBallotKey(key))
    this.#schedule()
  }

  /** Everything the facilitator may see, anew (a private phase began or ended). */
  pushResetToFacilitators(): void {
    for (const connection of this.#room.connections) {
      if (connection.grant?.role === 'facilitator') this.#control.send(connection, this.heldMessage(null))
    }
  }

  /** Every participant's own notes and dots (a vote opened or ended). */
  pushMineToParticipants(): void {
    for (const connection of this.#room.connections) {
      if (connection.grant?.role === 'participant') this.#control.send(connection, this.mineMessage(connection.grant.participantId))
    }
  }

  /** The facilitator's view: `changed` ids since the last message, or everything (null). */
  heldMessage(changed: readonly string[] | null): ServerMessage {
    const { held, state } = this.#workshop
    const all = held.all()
    const phase = state.phase
    const privateNotes = all.filter((note) => note.status === 'private' && phase.kind === 'private' && note.phaseId === phase.id)
    const upsert: HeldNote[] = []
    const remove: string[] = []
    if (changed === null) {
      for (const note of all) if (this.#visibleToFacilitator(note)) upsert.push(note)
    } else {
      for (const id of changed) {
        const note = held.get(id)
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

  /** A participant's view: their own notes (not hidden ones) and their dots in the open vote. */
  mineMessage(participantId: string): ServerMessage {
    const { held, state } = this.#workshop
    const notes = held.byAuthor(participantId).filter((note) => note.status !== 'hidden')
    const vote = state.vote
    const ballots = vote?.status === 'open' ? { voteId: vote.id, counts: held.ballot(vote.id, participantId) } : null
    return { type: 'mine', notes, ballots }
  }

  stop(): void {
    this.#stopped = true
  }

  #visibleToFacilitator(note: HeldNote): boolean {
    if (note.status !== 'private') return true
    const phase = this.#workshop.state.phase
    return phase.kind === 'private' && phase.id === note.phaseId && phase.facilitatorSees
  }

  #schedule(): void {
    if (this.#scheduled || this.#stopped) return
    this.#scheduled = true
    setImmediate(() => {
      this.#workshop
        .flushHeld()
        .then(() => this.#push())
        .catch((error: unknown) => this.#workshop.log.error({ err: error }, 'held notes could not be stored'))
        .finally(() => {
          this.#scheduled = false
          if (this.#dirtyNotes.size > 0 || this.#dirtyVoters.size > 0) this.#schedule()
        })
    })
  }

  #push(): void {
    if (this.#stopped) return
    const noteIds = [...this.#dirtyNotes]
    this.#dirtyNotes.clear()
    const authors = new Set(this.#dirtyVoters)
    this.#dirtyVoters.clear()
    for (const id of noteIds) {
      const previous = this.#authors.get(id)
      if (previous !== undefined) authors.add(previous)
      const note = this.#workshop.held.get(id)
      if (note) {
        this.#authors.set(id, note.authorId)
        authors.add(note.authorId)
      } else this.#authors.delete(id)
    }
    const heldUpdate = noteIds.length > 0 ? this.heldMessage(noteIds) : null
    for (const connection of this.#room.connections) {
      const grant = connection.grant
      if (!grant) continue
      if (grant.role === 'facilitator' && heldUpdate) this.#control.send(connection, heldUpdate)
      if (grant.role === 'participant' && authors.has(grant.participantId)) this.#control.send(connection, this.mineMessage(grant.participantId))
    }
  }
}
