import * as v from 'valibot'
import * as Y from 'yjs'
import { cardLanes } from '../../shared/schema/records/card'
import { NOTE_TEXT_MAX, noteColors } from '../../shared/schema/records/note'
import { finiteNumber, idSchema } from '../../shared/schema/validation'
import type { HeldNote } from '../../shared/facilitation/commands'

/**
 * The companion document of a workshop (`<workshopId>/held`): notes that are not on a board yet
 * and everyone's dots. It is stored and shared between server instances like any workshop
 * document, but no client ever syncs it; each person gets only their own part of it, and the
 * facilitator what the phase lets them see (HeldNotesPush.ts). It is the room's companion document
 * `held` (Facilitation.ts, ExtensionTools.loadCompanion).
 *
 *   notes:   Y.Map<noteId, HeldNote>                        (a plain JSON value per note)
 *   ballots: Y.Map<`${voteId}|${voterId}`, Ballot>           (a person's dots in one vote)
 *   owners:  Y.Map<itemId, participantId>                     (who added each participant's item)
 *
 * Owners are kept for every item a participant adds (through the board or the phone page), so
 * "participants change only their own" works from the moment it is switched on. An entry outlives
 * its item (an id is never reused, and a hidden note put back is theirs again).
 */
export interface Ballot {
  voteId: string
  voterId: string
  counts: Record<string, number>
}

const heldNoteSchema = v.object({
  id: idSchema,
  authorId: v.pipe(v.string(), v.maxLength(64)),
  authorName: v.pipe(v.string(), v.maxLength(80)),
  boardId: idSchema,
  lane: v.picklist([...cardLanes, ''] as const),
  text: v.pipe(v.string(), v.maxLength(NOTE_TEXT_MAX)),
  color: v.picklist(noteColors),
  createdAt: finiteNumber,
  status: v.picklist(['private', 'queued', 'hidden']),
  phaseId: v.string(),
  original: v.nullable(v.record(v.string(), v.unknown())),
})

const ballotSchema = v.object({
  voteId: idSchema,
  voterId: v.pipe(v.string(), v.maxLength(64)),
  counts: v.record(idSchema, v.pipe(v.number(), v.integer(), v.minValue(0))),
})

export class HeldNotes {
  readonly notes: Y.Map<unknown>
  readonly ballots: Y.Map<unknown>
  readonly owners: Y.Map<unknown>
  /**
   * Every valid note, validated once when it changes (by anyone, on any instance): a room of three
   * hundred writing at once asks for one person's notes hundreds of times a second.
   */
  readonly #valid = new Map<string, HeldNote>()
  readonly #idsByAuthor = new Map<string, Set<string>>()

  constructor(readonly doc: Y.Doc) {
    this.notes = doc.getMap('notes')
    this.ballots = doc.getMap('ballots')
    this.owners = doc.getMap('owners')
    for (const id of this.notes.keys()) this.#refresh(id)
    // Registered first, so the cache is current before anyone else observes the change.
    this.notes.observe((event) => {
      for (const id of event.keysChanged) this.#refresh(id)
    })
  }

  #refresh(id: string): void {
    const previous = this.#valid.get(id)
    if (previous) this.#idsByAuthor.get(previous.authorId)?.delete(id)
    const result = v.safeParse(heldNoteSchema, this.notes.get(id))
    if (!result.success) {
      this.#valid.delete(id)
      return
    }
    const note = result.output as HeldNote
    this.#valid.set(id, note)
    let ids = this.#idsByAuthor.get(note.authorId)
    if (!ids) {
      ids = new Set()
      this.#idsByAuthor.set(note.authorId, ids)
    }
    ids.add(id)
  }

  get(id: string): HeldNote | undefined {
    return this.#valid.get(id)
  }

  all(): HeldNote[] {
    return [...this.#valid.values()]
  }

  byAuthor(authorId: string): HeldNote[] {
    return [...(this.#idsByAuthor.get(authorId) ?? [])].flatMap((id) => this.#valid.get(id) ?? [])
  }

  put(note: HeldNote, origin: unknown): void {
    this.doc.transact(() => this.notes.set(note.id, { ...note }), origin)
  }

  remove(ids: Iterable<string>, origin: unknown): void {
    this.doc.transact(() => {
      for (const id of ids) this.notes.delete(id)
    }, origin)
  }

  /** The participant who added an item; undefined for the facilitator's and older items. */
  ownerOf(itemId: string): string | undefined {
    const owner = this.owners.get(itemId)
    return typeof owner === 'string' ? owner : undefined
  }

  /** Every item recorded as this participant's (a scan: only for a resident erasing their own). */
  itemsOwnedBy(participantId: string): string[] {
    const ids: string[] = []
    for (const [itemId, owner] of this.owners.entries()) if (owner === participantId) ids.push(itemId)
    return ids
  }

  setOwners(entries: Iterable<readonly [itemId: string, participantId: string]>, origin: unknown): void {
    this.doc.transact(() => {
      for (const [itemId, participantId] of entries) if (this.owners.get(itemId) !== participantId) this.owners.set(itemId, participantId)
    }, origin)
  }

  ballot(voteId: string, voterId: string): Record<string, number> {
    const result = v.safeParse(ballotSchema, this.ballots.get(ballotKey(voteId, voterId)))
    return result.success ? result.output.counts : {}
  }

  setBallot(voteId: string, voterId: string, counts: Record<string, number>, origin: unknown): void {
    const ballot: Ballot = { voteId, voterId, counts }
    this.doc.transact(() => this.ballots.set(ballotKey(voteId, voterId), ballot), origin)
  }

  ballotsOf(voteId: string): Record<string, number>[] {
    const list: Record<string, number>[] = []
    for (const value of this.ballots.values()) {
      const result = v.safeParse(ballotSchema, value)
      if (result.success && result.output.voteId === voteId) list.push(result.output.counts)
    }
    return list
  }

  /** Forgets who gave which dots (the results live on in the workshop). */
  removeBallots(voteId: string | null, origin: unknown): void {
    this.doc.transact(() => {
      for (const [key, value] of this.ballots.entries()) {
        if (voteId === null || (value as Partial<Ballot> | null)?.voteId === voteId) this.ballots.delete(key)
      }
    }, origin)
  }
}

export function ballotKey(voteId: string, voterId: string): string {
  return `${voteId}|${voterId}`
}

/** The voter of a ballot key, for telling whom a change concerns. */
export function voterOfBallotKey(key: string): string {
  return key.slice(key.indexOf('|') + 1)
}
