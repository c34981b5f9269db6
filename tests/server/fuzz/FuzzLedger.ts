/**
 * What the fuzz did and what every client saw, and the checks made from it at the end.
 *
 * Every local change an actor makes is an `Act` with the outcome the guard's rules predict for it:
 * `accepted`, `refused`, or `unknown` when a race makes both possible (a command that may have
 * overtaken it, an item whose creation is in doubt). Each client's document is watched after every
 * transaction: a value, an item or a deletion that reaches a client other than its author was
 * stored and broadcast by the server, so it is *acknowledged*. At the end:
 *
 * - a refused act reached no other client, and none of its effect is in the final document;
 * - nothing kept is lost: every acknowledged or accepted creation, text and deletion is in the final
 *   document, unless something that was not refused deleted or overwrote it afterwards (an
 *   overwrite is told from a loss by the chain of values each write replaced: a final value that
 *   the kept write had itself replaced means the write was lost).
 *
 * Tracked values (texts, titles) are unique per act, so a value names the act that wrote it.
 */

export type Expectation = 'accepted' | 'refused' | 'unknown' | 'offline'

/** One tracked field of one record: `items/<id>/text`, `boards/<id>/title`, `meta//title`. */
export type Slot = string

export function slotOf(map: 'items' | 'boards' | 'meta', id: string, key: string): Slot {
  return `${map}/${id}/${key}`
}

export interface SlotWrite {
  slot: Slot
  value: string
  /** What the slot held in the author's document when it wrote: the value it replaced. */
  prev: string | undefined
}

export interface Act {
  seq: number
  step: number
  actor: string
  action: string
  expect: Expectation
  /** A command reaching the server before this act could change how it is judged. */
  sessionDependent: boolean
  creates: string[]
  deletes: string[]
  /** Items whose fields the act changes (not created or deleted by it). */
  edits: string[]
  writes: SlotWrite[]
  /** Session values the act forged: they must reach no one. */
  forged: string[]
  /**
   * For each item the act changed or deleted, the Yjs id of the record's map in the actor's
   * document: a refused delete is undone by a copy of the map, so a later map id means the act
   * reached a map the server had already replaced.
   */
  targets: Record<string, string>
  /** Made while its actor was offline (sent on reconnect, with everything else made offline). */
  offline: boolean
  /** What it worked on, for messages. */
  detail: string
}

export interface Violation {
  step: number
  message: string
}

/** A client's view, as the watcher reads it after each of its transactions. */
export interface ClientView {
  items: ReadonlyMap<string, { text?: unknown; boardId?: unknown }>
  boards: ReadonlyMap<string, { title?: unknown }>
  metaTitle: unknown
  session: Readonly<Record<string, unknown>>
}

export class FuzzLedger {
  readonly acts: Act[] = []
  readonly violations: Violation[] = []
  #step = 0
  /** value -> the write, per slot. */
  readonly #writes = new Map<string, { act: Act; write: SlotWrite }>()
  readonly #creatorOf = new Map<string, Act>()
  readonly #deletesOf = new Map<string, Act[]>()
  readonly #forged = new Map<string, Act>()
  readonly #seenValues = new Set<string>()
  readonly #seenCreations = new Set<string>()
  readonly #seenDeletions = new Map<string, number>()
  readonly #presentAt = new Map<string, Set<string>>()

  set step(step: number) {
    this.#step = step
  }

  get step(): number {
    return this.#step
  }

  record(act: Omit<Act, 'seq' | 'step'>): Act {
    const full: Act = { ...act, seq: this.acts.length, step: this.#step }
    this.acts.push(full)
    for (const id of full.creates) this.#creatorOf.set(id, full)
    for (const id of full.deletes) this.#deletesOf.set(id, [...(this.#deletesOf.get(id) ?? []), full])
    for (const write of full.writes) this.#writes.set(`${write.slot}\u0000${write.value}`, { act: full, write })
    for (const marker of full.forged) this.#forged.set(marker, full)
    return full
  }

  creatorOf(itemId: string): Act | undefined {
    return this.#creatorOf.get(itemId)
  }

  /** The item's creation reached someone else or is predicted to stand: the item exists at the server (or was deleted). */
  creationKept(itemId: string): boolean {
    const creator = this.#creatorOf.get(itemId)
    if (!creator) return true // made in the setup, before the fuzz
    return creator.expect === 'accepted' || this.#seenCreations.has(itemId)
  }

  /**
   * Called after every transaction of every client with what it now holds. `actor` is the name of
   * the actor the client belongs to (the console and the witness belong to none of the fuzz's acts).
   */
  observe(client: string, actor: string | null, view: ClientView): void {
    const others = (act: Act) => act.actor !== actor
    for (const [id, record] of view.items) {
      const creator = this.#creatorOf.get(id)
      if (creator && others(creator)) {
        if (creator.expect === 'refused') this.#violate(`${client} saw item ${id}, whose creation was refused (${describeAct(creator)})`)
        this.#seenCreations.add(id)
      }
      if (typeof record.text === 'string') this.#seeValue(client, others, slotOf('items', id, 'text'), record.text)
    }
    for (const [id, record] of view.boards) if (typeof record.title === 'string') this.#seeValue(client, others, slotOf('boards', id, 'title'), record.title)
    if (typeof view.metaTitle === 'string') this.#seeValue(client, others, slotOf('meta', '', 'title'), view.metaTitle)
    const sessionText = JSON.stringify(view.session)
    for (const [marker, act] of this.#forged) {
      if (others(act) && sessionText.includes(marker)) this.#violate(`${client} saw forged session value ${marker} (${describeAct(act)})`)
    }
    // Deletions: an item this client held and no longer holds, that it neither made nor deleted.
    const before = this.#presentAt.get(client) ?? new Set<string>()
    const now = new Set(view.items.keys())
    for (const id of before) {
      if (now.has(id)) continue
      const own = this.#creatorOf.get(id)?.actor === actor || (this.#deletesOf.get(id) ?? []).some((act) => act.actor === actor)
      if (!own && !this.#seenDeletions.has(id)) this.#seenDeletions.set(id, this.#step)
    }
    this.#presentAt.set(client, now)
  }

  #seeValue(client: string, others: (act: Act) => boolean, slot: Slot, value: string): void {
    const entry = this.#writes.get(`${slot}\u0000${value}`)
    if (!entry || !others(entry.act)) return
    if (entry.act.expect === 'refused') this.#violate(`${client} saw ${slot} = ${JSON.stringify(value)}, a refused write (${describeAct(entry.act)})`)
    this.#seenValues.add(`${slot}\u0000${value}`)
  }

  readonly #reported = new Set<string>()

  /** A broken rule found outside the ledger's own checks (a forgery's sender not told, …). */
  report(message: string): void {
    this.#violate(message)
  }

  #violate(message: string): void {
    if (this.#reported.has(message) || this.violations.length >= 50) return
    this.#reported.add(message)
    this.violations.push({ step: this.#step, message })
  }

  /** Acts that could have deleted an item: any not predicted refused. */
  #mayHaveDeleted(itemId: string): Act[] {
    return (this.#deletesOf.get(itemId) ?? []).filter((act) => act.expect !== 'refused')
  }

  /** The values a write replaced, oldest last, following each replaced value's own write. */
  #replacedBy(write: SlotWrite): Set<string> {
    const replaced = new Set<string>()
    let prev = write.prev
    while (prev !== undefined && !replaced.has(prev)) {
      replaced.add(prev)
      prev = this.#writes.get(`${write.slot}\u0000${prev}`)?.write.prev
    }
    return replaced
  }

  /**
   * The end checks against the final document every client and the reopened server agree on.
   * `value(slot)` reads a slot of it (undefined when the record is gone).
   */
  checkFinal(final: { items: ReadonlySet<string>; value(slot: Slot): unknown }): void {
    for (const act of this.acts) {
      const kept = act.expect === 'accepted'
      if (act.expect === 'refused') {
        for (const id of act.creates) if (final.items.has(id)) this.#violate(`item ${id} is in the final document; its creation was refused (${describeAct(act)})`)
        for (const write of act.writes) {
          if (final.value(write.slot) === write.value) this.#violate(`${write.slot} ends as ${JSON.stringify(write.value)}, a refused write (${describeAct(act)})`)
        }
        for (const id of act.deletes) {
          if (!final.items.has(id) && this.creationKept(id) && this.#mayHaveDeleted(id).length === 0) {
            this.#violate(`item ${id} is gone, but the only deletes of it were refused (${describeAct(act)})`)
          }
        }
        continue
      }
      for (const id of act.creates) {
        if ((kept || this.#seenCreations.has(id)) && !final.items.has(id) && this.#mayHaveDeleted(id).length === 0) {
          this.#violate(`item ${id} was ${kept ? 'created and accepted' : 'seen by another client'} but is gone, and nothing that was not refused deleted it (${describeAct(act)})`)
        }
      }
      for (const write of act.writes) {
        const seen = this.#seenValues.has(`${write.slot}\u0000${write.value}`)
        if (!kept && !seen) continue
        const [map, id] = write.slot.split('/') as [string, string]
        const current = final.value(write.slot)
        if (current === undefined) {
          if (map === 'items' && (this.#mayHaveDeleted(id).length > 0 || !this.creationKept(id))) continue
          this.#violate(`${write.slot} = ${JSON.stringify(write.value)} was ${seen ? 'seen by another client' : 'accepted'} but its record is gone, and nothing that was not refused deleted it (${describeAct(act)})`)
        } else if (typeof current === 'string' && this.#replacedBy(write).has(current)) {
          const back = this.#writes.get(`${write.slot}\u0000${current}`)?.act
          this.#violate(
            `${write.slot} = ${JSON.stringify(write.value)} was ${seen ? 'seen by another client' : 'accepted'} but the slot ends as ${JSON.stringify(current)}, ` +
              `a value it had replaced (${describeAct(act)}${back ? `; that value: ${describeAct(back)}` : ''})`,
          )
        }
      }
      for (const id of act.deletes) {
        if (kept && final.items.has(id)) this.#violate(`item ${id} is in the final document; it was deleted and the delete accepted (${describeAct(act)})`)
      }
    }
    for (const [id, step] of this.#seenDeletions) {
      if (final.items.has(id)) this.violations.push({ step, message: `item ${id} was seen deleted by another client but is in the final document` })
    }
  }

  /** Every act that created, changed or deleted a record (an item or a board), for a failure message. */
  actsOn(id: string): string[] {
    return this.acts
      .filter((act) => act.creates.includes(id) || act.edits.includes(id) || act.deletes.includes(id) || act.writes.some((w) => w.slot.split('/')[1] === id))
      .map(
        (act) =>
          describeAct(act) +
          (act.writes.length > 0 ? ` writing ${act.writes.map((w) => JSON.stringify(w.value)).join(', ')}` : '') +
          (act.targets[id] ? ` on map ${act.targets[id]}` : ''),
      )
  }

  /** How many acts of each expectation and how much was acknowledged: to see that a run tested something. */
  summary(): Record<string, number> {
    const counts: Record<string, number> = {
      acts: this.acts.length,
      seenValues: this.#seenValues.size,
      seenCreations: this.#seenCreations.size,
      seenDeletions: this.#seenDeletions.size,
    }
    for (const act of this.acts) counts[act.expect] = (counts[act.expect] ?? 0) + 1
    return counts
  }
}

export function describeAct(act: Act): string {
  return `act ${act.seq} at step ${act.step}: ${act.actor}${act.offline ? ' (offline)' : ''} ${act.action} ${act.detail}, expected ${act.expect}`
}
