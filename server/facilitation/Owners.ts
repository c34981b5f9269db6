import type { HeldNote } from '../../shared/facilitation/commands'
import type { HeldNotes } from './HeldNotes'

/**
 * Who added which item is written to the held document in batches, at most this often: one write
 * per created note (25 a second in a busy room) cost the room a third of its p99 in the benchmark.
 * Until written, owners are answered from memory.
 */
const OWNERS_EVERY_MS = 1000

/**
 * Who added each participant's item, for "participants change only their own" (switched on now or
 * later): kept in the held notes' `owners` map, written in batches.
 */
export class Owners {
  readonly #held: HeldNotes
  readonly #origin: unknown
  /** Owners not yet written to the held document (see OWNERS_EVERY_MS). */
  readonly #pending = new Map<string, string>()
  #timer: NodeJS.Timeout | null = null
  #stopped = false

  constructor(held: HeldNotes, origin: unknown) {
    this.#held = held
    this.#origin = origin
  }

  ownerOf(itemId: string): string | undefined {
    return this.#pending.get(itemId) ?? this.#held.ownerOf(itemId)
  }

  /** The items this participant added (as recorded; some may since have been deleted). */
  itemsOf(participantId: string): string[] {
    const ids = new Set(this.#held.itemsOwnedBy(participantId))
    for (const [itemId, owner] of this.#pending) if (owner === participantId) ids.add(itemId)
    return [...ids]
  }

  add(entries: readonly (readonly [itemId: string, participantId: string])[]): void {
    if (entries.length === 0 || this.#stopped) return
    for (const [itemId, participantId] of entries) this.#pending.set(itemId, participantId)
    this.#timer ??= setTimeout(() => this.write(), OWNERS_EVERY_MS)
  }

  /** Notes from the phone page become their authors' own items on the board (a facilitator's stay unowned). */
  addHeldNotes(notes: readonly HeldNote[]): void {
    this.add(notes.filter((note) => note.authorId !== '' && note.authorId !== 'facilitator').map((note) => [note.id, note.authorId] as const))
  }

  /** Writes the pending owners to the held document now. */
  write(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.#pending.size === 0) return
    this.#held.setOwners(this.#pending, this.#origin)
    this.#pending.clear()
  }

  /** Writes what is pending and takes no more. */
  stop(): void {
    this.write()
    this.#stopped = true
  }
}
