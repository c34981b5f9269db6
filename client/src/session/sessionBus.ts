import type { CameraView } from '../../../shared/schema/records/session'
import type { WorkshopStore } from '../store/WorkshopStore'

/** A camera the board should move to: whom this person follows, or where the facilitator brought everyone. */
export interface CameraRequest {
  boardId: string
  view: CameraView
  serial: number
}

export interface SessionToast {
  text: string
  tone: 'info' | 'error'
  serial: number
}

type Listener<T> = (value: T) => void

/**
 * Messages between the session strip (SessionNotices) and the boards, which are far apart in the
 * tree: a short message to show ("you have used all your dots"), a camera to move to, "the person
 * moved the camera themselves" (following stops), and "open the private composer". One bus per
 * workshop store; nothing here is stored or sent anywhere.
 */
export class SessionBus {
  readonly #toast = new Set<Listener<SessionToast>>()
  readonly #camera = new Set<Listener<CameraRequest>>()
  readonly #moved = new Set<Listener<string>>()
  readonly #composer = new Set<Listener<void>>()
  readonly #spoken = new Set<Listener<SessionToast>>()
  #serial = 0
  #lastCamera: CameraRequest | null = null
  #appliedCamera = 0

  toast(text: string, tone: SessionToast['tone'] = 'error'): void {
    const toast = { text, tone, serial: ++this.#serial }
    for (const listener of [...this.#toast]) listener(toast)
  }

  onToast(listener: Listener<SessionToast>): () => void {
    return add(this.#toast, listener)
  }

  /** Words for screen readers only (a dot given, what is left): the eye sees the dots change. */
  announce(text: string): void {
    const spoken = { text, tone: 'info' as const, serial: ++this.#serial }
    for (const listener of [...this.#spoken]) listener(spoken)
  }

  onAnnounce(listener: Listener<SessionToast>): () => void {
    return add(this.#spoken, listener)
  }

  /** Asks the board's canvas to show `view`; a canvas that is not mounted yet picks it up with `takeCamera`. */
  requestCamera(boardId: string, view: CameraView): void {
    const request = { boardId, view, serial: ++this.#serial }
    this.#lastCamera = request
    for (const listener of [...this.#camera]) listener(request)
  }

  onCamera(listener: Listener<CameraRequest>): () => void {
    return add(this.#camera, listener)
  }

  /** The latest camera request for `boardId` that no canvas has applied yet (a board just switched to). */
  takeCamera(boardId: string): CameraRequest | null {
    const last = this.#lastCamera
    if (!last || last.boardId !== boardId || last.serial <= this.#appliedCamera) return null
    return last
  }

  cameraApplied(request: CameraRequest): void {
    this.#appliedCamera = Math.max(this.#appliedCamera, request.serial)
  }

  /** The person panned or zoomed on `boardId` themselves. */
  userMovedCamera(boardId: string): void {
    for (const listener of [...this.#moved]) listener(boardId)
  }

  onUserMovedCamera(listener: Listener<string>): () => void {
    return add(this.#moved, listener)
  }

  /** "New note" while private writing runs: the composer takes the text instead of the board. */
  requestComposer(): void {
    for (const listener of [...this.#composer]) listener()
  }

  onComposerRequest(listener: Listener<void>): () => void {
    return add(this.#composer, listener)
  }
}

function add<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
  set.add(listener)
  return () => {
    set.delete(listener)
  }
}

const buses = new WeakMap<WorkshopStore, SessionBus>()

export function sessionBus(store: WorkshopStore): SessionBus {
  let bus = buses.get(store)
  if (!bus) buses.set(store, (bus = new SessionBus()))
  return bus
}
