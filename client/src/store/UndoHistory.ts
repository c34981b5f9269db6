import * as Y from 'yjs'
import type { WorkshopMaps } from '../../../shared/doc/workshopDoc'
import { LocalOrigin } from './LocalOrigin'

export interface UndoState {
  canUndo: boolean
  canRedo: boolean
}

/** Edits closer together than this are one undo step (typing, a drag's last moves). */
const CAPTURE_TIMEOUT_MS = 500

/**
 * Undo and redo of this person's own edits to boards and items (topic 'undo'). The session map
 * is the facilitator's and written by the server, so it is not tracked.
 */
export class UndoHistory {
  readonly #manager: Y.UndoManager
  readonly #emit: (topic: string) => void
  #state: UndoState = { canUndo: false, canRedo: false }

  constructor(maps: WorkshopMaps, emit: (topic: string) => void) {
    this.#emit = emit
    this.#manager = new Y.UndoManager([maps.boards, maps.items], {
      trackedOrigins: new Set([LocalOrigin]),
      captureTimeout: CAPTURE_TIMEOUT_MS,
    })
    this.#manager.on('stack-item-added', this.#onStack)
    this.#manager.on('stack-item-popped', this.#onStack)
    this.#manager.on('stack-cleared', this.#onStack)
  }

  /** The same object until the answer changes. */
  getState(): UndoState {
    return this.#state
  }

  /** Ends the current undo step so the next edit is undone separately. */
  stopCapturing(): void {
    this.#manager.stopCapturing()
  }

  undo(): void {
    this.#manager.undo()
  }

  redo(): void {
    this.#manager.redo()
  }

  destroy(): void {
    this.#manager.destroy()
  }

  readonly #onStack = (): void => {
    const canUndo = this.#manager.canUndo()
    const canRedo = this.#manager.canRedo()
    if (canUndo === this.#state.canUndo && canRedo === this.#state.canRedo) return
    this.#state = { canUndo, canRedo }
    this.#emit('undo')
  }
}
