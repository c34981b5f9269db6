import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'
import { withoutUpdateEvents } from './withoutUpdateEvents'

/**
 * How long the page waits for a stored copy that does not answer (an IndexedDB that hangs, as
 * Safari's sometimes does): the page connects without it rather than stay offline.
 */
const GIVE_UP_MS = 3000

/**
 * The copy of the workshop kept in this browser's IndexedDB (y-indexeddb): the workshop opens
 * offline, and edits made offline survive a reload until they reach the server. Topic 'loaded'
 * when the stored copy has been read into the document (or could not be).
 *
 * `whenLoaded` is when the page should connect: a sync started after the copy is in the document
 * asks the server only for what the copy lacks and sends it only what the server lacks. Connected
 * before, a phone that holds 2,000 notes downloaded all of them again and uploaded its copy too
 * (bench/RESULTS.md, "Phone page", 2026-12-06 04:40).
 */
export class LocalCopy {
  #persistence: IndexeddbPersistence | null = null
  readonly #emit: (topic: string) => void
  readonly #waiting: (() => void)[] = []
  #loaded = false
  readonly #enabled: boolean
  #giveUp: ReturnType<typeof setTimeout> | undefined
  #cancelStart: () => void = () => {}

  /**
   * `enabled: false` keeps no copy (Node, tests, browsers without IndexedDB). `schedule` says when
   * to start reading the copy (at once by default; the phone: once its page is painted and the
   * person is not typing, whenPageIsIdle.ts), and returns a function that cancels it.
   */
  constructor(doc: Y.Doc, workshopId: string, enabled: boolean, emit: (topic: string) => void, schedule: (start: () => void) => () => void = startNow) {
    this.#emit = emit
    this.#enabled = enabled
    if (enabled) this.#cancelStart = schedule(() => this.#start(doc, workshopId))
  }

  /** True once the stored copy has been read (or there is none). */
  isLoaded(): boolean {
    return this.#loaded || !this.#enabled
  }

  /** Runs `then` once the stored copy is in the document (at once when there is none or it was read). */
  whenLoaded(then: () => void): void {
    if (this.isLoaded()) then()
    else this.#waiting.push(then)
  }

  destroy(): void {
    this.#cancelStart()
    clearTimeout(this.#giveUp)
    this.#waiting.length = 0
    void this.#persistence?.destroy()
  }

  #start(doc: Y.Doc, workshopId: string): void {
    const persistence = new IndexeddbPersistence(`samskap:${workshopId}`, doc)
    this.#persistence = persistence
    // y-indexeddb applies the copy in one transaction with itself as origin; no listener needs its
    // 'update' event, and encoding it was a third of the phone's longest task (withoutUpdateEvents.ts).
    withoutUpdateEvents(doc, persistence)
    persistence.on('synced', this.#markLoaded)
    // A browser that refuses IndexedDB (a private window in some browsers) has no copy to wait for.
    persistence._db.catch(this.#markLoaded)
    this.#giveUp = setTimeout(this.#markLoaded, GIVE_UP_MS)
  }

  readonly #markLoaded = (): void => {
    if (this.#loaded) return
    this.#loaded = true
    clearTimeout(this.#giveUp)
    for (const then of this.#waiting.splice(0)) then()
    this.#emit('loaded')
  }
}

function startNow(start: () => void): () => void {
  start()
  return () => {}
}
