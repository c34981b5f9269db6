import type * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { currentSchema, encodeSchemaVersions } from '../../../shared/schema/versions'
import { ControlChannel, type Identity } from './ControlChannel'
import { LocalOrigin } from './LocalOrigin'
import type { ConnectionState } from './types'

export interface TransportOptions {
  workshopId: string
  /** Base websocket URL, e.g. `ws://host:8080/sync`. */
  serverUrl: string
  token: string | null
  identity: Identity | null
  /** Whether to try again after the server closed the socket (false: refused until reload). */
  shouldReconnect: (event: CloseEvent) => boolean
  /** false: wait for `connect()` (the page connects once its stored copy is read). */
  connect?: boolean
  /**
   * false: no BroadcastChannel between this browser's tabs of the workshop. y-websocket posts the
   * whole document there on every connect (0.6 MB for 2,000 notes, encoded on the main thread);
   * a page that never writes the document (the phone) has nothing to tell the other tabs.
   */
  shareAcrossTabs?: boolean
  WebSocketPolyfill?: typeof WebSocket
}

/**
 * The link to the server: the y-websocket provider (sync and awareness), the control channel on
 * the same socket, and what the person is told about the link (topic 'connection'): connecting,
 * connected, offline or reconnecting with the number of own changes not yet sent, or refused.
 */
export class Transport {
  readonly provider: WebsocketProvider
  /** Commands to the server and what it pushes: identity, own held notes, the facilitator's list, tallies, the clock. */
  readonly control: ControlChannel
  readonly #doc: Y.Doc
  readonly #emit: (topic: string) => void
  #connection: ConnectionState = { status: 'connecting', unsynced: 0 }
  #unsynced = 0
  #hasBeenConnected = false
  #destroyed = false

  constructor(doc: Y.Doc, options: TransportOptions, emit: (topic: string) => void) {
    this.#doc = doc
    this.#emit = emit
    doc.on('update', this.#onUpdate)
    this.provider = new WebsocketProvider(options.serverUrl, options.workshopId, doc, {
      // control=1: this client speaks the control channel (shared/facilitation/commands.ts).
      params: { schema: encodeSchemaVersions(currentSchema), control: '1', ...(options.token ? { token: options.token } : {}) },
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      disableBc: options.WebSocketPolyfill !== undefined || options.shareAcrossTabs === false,
      shouldReconnect: options.shouldReconnect,
      connect: options.connect !== false,
    })
    this.provider.on('status', ({ status }) => {
      // 'connected' only means the socket opened; the person is connected once the sync finished.
      if (status === 'connected' || this.#connection.status === 'refused') return
      this.#setConnection(this.#connectionWith(this.#disconnectedStatus()))
    })
    this.provider.on('sync', (synced) => {
      if (!synced) return
      this.#hasBeenConnected = true
      this.#unsynced = 0
      this.#setConnection({ status: 'connected', unsynced: 0 })
    })
    this.provider.on('closed', ({ code, reason }) => {
      this.#setConnection({ status: 'refused', unsynced: this.#unsynced, code, reason })
    })
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.#onBrowserOffline)
      window.addEventListener('online', this.#onBrowserOnline)
    }
    this.control = new ControlChannel(this.provider, emit, options.identity)
  }

  getConnection(): ConnectionState {
    return this.#connection
  }

  /** Opens the socket of a transport made with `connect: false`. */
  connect(): void {
    if (this.#destroyed || this.#connection.status === 'refused' || this.provider.shouldConnect) return
    this.provider.connect()
  }

  /** True once a sync with the server has finished: what arrives from it after that is news. */
  hasBeenConnected(): boolean {
    return this.#hasBeenConnected
  }

  /** Whether a transaction carries what the server sent (not own edits, not the IndexedDB copy). */
  isFromServer(transaction: Y.Transaction): boolean {
    return transaction.origin === this.provider
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.#onBrowserOffline)
      window.removeEventListener('online', this.#onBrowserOnline)
    }
    this.#doc.off('update', this.#onUpdate)
    this.control.destroy()
    this.provider.destroy()
  }

  readonly #onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === LocalOrigin && this.#connection.status !== 'connected') {
      this.#unsynced++
      this.#setConnection({ ...this.#connection, unsynced: this.#unsynced })
    }
  }

  // A socket can linger for many seconds after the network goes; the browser knows at once.
  readonly #onBrowserOffline = (): void => {
    if (this.#connection.status === 'refused') return
    this.provider.disconnect()
    this.#setConnection(this.#connectionWith('offline'))
  }

  readonly #onBrowserOnline = (): void => {
    if (this.#connection.status !== 'offline') return
    this.#setConnection(this.#connectionWith('reconnecting'))
    this.provider.connect()
  }

  #disconnectedStatus(): 'offline' | 'reconnecting' | 'connecting' {
    if (!navigatorOnline()) return 'offline'
    return this.#hasBeenConnected ? 'reconnecting' : 'connecting'
  }

  #connectionWith(status: 'connecting' | 'offline' | 'reconnecting' | 'connected'): ConnectionState {
    if (status === 'connected') return { status, unsynced: 0 }
    return { status, unsynced: this.#unsynced }
  }

  #setConnection(next: ConnectionState): void {
    if (this.#destroyed) return
    const current = this.#connection
    if (current.status === next.status && current.unsynced === next.unsynced) return
    this.#connection = next
    this.#emit('connection')
  }
}

function navigatorOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}
