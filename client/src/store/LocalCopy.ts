import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'

/**
 * The copy of the workshop kept in this browser's IndexedDB (y-indexeddb): the workshop opens
 * offline, and edits made offline survive a reload until they reach the server. Topic 'loaded'
 * when the stored copy has been read into the document.
 */
export class LocalCopy {
  readonly #persistence: IndexeddbPersistence | null
  #loaded = false

  /** `enabled: false` keeps no copy (Node, tests, browsers without IndexedDB). */
  constructor(doc: Y.Doc, workshopId: string, enabled: boolean, emit: (topic: string) => void) {
    this.#persistence = enabled ? new IndexeddbPersistence(`samskap:${workshopId}`, doc) : null
    this.#persistence?.on('synced', () => {
      this.#loaded = true
      emit('loaded')
    })
  }

  /** True once the stored copy has been read (or there is none). */
  isLoaded(): boolean {
    return this.#loaded || this.#persistence === null
  }

  destroy(): void {
    void this.#persistence?.destroy()
  }
}
