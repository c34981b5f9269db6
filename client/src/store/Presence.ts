import type { WebsocketProvider } from 'y-websocket'
import { peerColor } from './peerColor'
import type { AwarenessState, Peer } from './types'

type Awareness = WebsocketProvider['awareness']

/**
 * Presence through Yjs awareness, never stored: this person's name, colour, cursor, board and
 * camera (published), and everyone else's (topic 'peers'), read defensively since other clients
 * write them. The peer list and each peer keep their identity while nothing about them changed,
 * so this person's own cursor moving re-renders no list of people (a new own name does).
 */
export class Presence {
  readonly #awareness: Awareness
  readonly #clientId: number
  readonly #emit: (topic: string) => void
  /**
   * This person's presence, kept here as well as in awareness: a component tearing down after the
   * store was destroyed (switching workshops) may still read or publish it, and must not crash.
   */
  #self: AwarenessState
  #peers: readonly Peer[] = []
  #destroyed = false

  constructor(awareness: Awareness, userName: string, emit: (topic: string) => void) {
    this.#awareness = awareness
    this.#clientId = awareness.clientID
    this.#emit = emit
    this.#self = { user: { name: userName, color: peerColor(this.#clientId) }, boardId: null, cursor: null, view: null }
    awareness.on('change', this.#readPeers)
    awareness.setLocalState(this.#self)
  }

  /** Everyone else present, by name; the same array until someone changes. */
  getPeers(): readonly Peer[] {
    return this.#peers
  }

  getSelfName(): string {
    return this.#self.user.name
  }

  getSelfColor(): string {
    return this.#self.user.color
  }

  setUserName(name: string): void {
    if (name === this.#self.user.name) return
    this.#publish({ ...this.#self, user: { ...this.#self.user, name } })
    // Lists of people show this person too, by getSelfName, and re-render with the peer list.
    this.#peers = [...this.#peers]
    this.#emit('peers')
  }

  setViewedBoard(boardId: string | null): void {
    if (this.#self.boardId !== boardId) this.#publish({ ...this.#self, boardId })
  }

  setCursor(cursor: AwarenessState['cursor']): void {
    this.#publish({ ...this.#self, cursor })
  }

  /** Publishes what this person looks at on a canvas, for people who follow them. */
  setView(view: AwarenessState['view']): void {
    const current = this.#self.view
    const same = current === view || (current && view && current.boardId === view.boardId && current.x === view.x && current.y === view.y && current.scale === view.scale)
    if (!same) this.#publish({ ...this.#self, view })
  }

  /** Leaves: others see this person go at once instead of after the awareness timeout. */
  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    this.#awareness.off('change', this.#readPeers)
    this.#awareness.setLocalState(null)
  }

  #publish(state: AwarenessState): void {
    this.#self = state
    if (!this.#destroyed) this.#awareness.setLocalState(state)
  }

  readonly #readPeers = (): void => {
    const previous = new Map(this.#peers.map((peer) => [peer.clientId, peer]))
    const peers: Peer[] = []
    this.#awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.#clientId) return
      const peer = toPeer(clientId, state)
      if (!peer) return
      const old = previous.get(clientId)
      peers.push(old && samePeer(old, peer) ? old : peer)
    })
    peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId)
    if (peers.length === this.#peers.length && peers.every((peer, i) => peer === this.#peers[i])) return
    this.#peers = peers
    this.#emit('peers')
  }
}

/** Awareness comes from other clients: read it defensively. */
export function toPeer(clientId: number, state: unknown): Peer | null {
  if (typeof state !== 'object' || state === null) return null
  const s = state as Partial<AwarenessState>
  const name = typeof s.user?.name === 'string' ? s.user.name.slice(0, 40) : ''
  const color = typeof s.user?.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(s.user.color) ? s.user.color : peerColor(clientId)
  const c = s.cursor
  const cursor =
    c && typeof c.boardId === 'string' && Number.isFinite(c.x) && Number.isFinite(c.y)
      ? { boardId: c.boardId, x: c.x, y: c.y }
      : null
  const v = s.view
  const view =
    v && typeof v.boardId === 'string' && Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.scale) && v.scale > 0
      ? { boardId: v.boardId, x: v.x, y: v.y, scale: v.scale }
      : null
  // Stamped by the server from the person's token; anything the client claimed there is replaced.
  const access = (state as { access?: { role?: unknown; participantId?: unknown } }).access
  const role = access?.role === 'facilitator' || access?.role === 'participant' || access?.role === 'observer' ? access.role : null
  const participantId = typeof access?.participantId === 'string' ? access.participantId : ''
  return { clientId, name, color, cursor, boardId: typeof s.boardId === 'string' ? s.boardId : null, view, role, participantId }
}

/** Peers are flat records but for two small objects (cursor, view), compared field by field. */
function samePeer(a: Peer, b: Peer): boolean {
  return sameFields(a, b, (x, y) => Object.is(x, y) || (isObject(x) && isObject(y) && sameFields(x, y, Object.is)))
}

function sameFields(a: object, b: object, same: (x: unknown, y: unknown) => boolean): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}
