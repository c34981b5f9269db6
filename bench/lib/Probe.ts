import { HocuspocusProvider } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { NoteMessage } from './NoteWriter'
import { roomParams, type RunningServer } from './servers'

// HocuspocusProvider opens sockets through the global WebSocket.
;(globalThis as unknown as { WebSocket: unknown }).WebSocket ??= WebSocket

/**
 * A real client in a room: a stock `WebsocketProvider` (HocuspocusProvider for Hocuspocus) with its
 * own Y.Doc. It measures when each load message reached it.
 */
export class Probe {
  readonly doc = new Y.Doc()
  readonly awareness: Awareness
  /** Times (performance.now) of the first sync and of the socket opening. */
  openedAt = 0
  syncedAt = 0
  /**
   * When the server's first sync step 2 (the document) had reached this probe whole: the websocket
   * emits a message once its last byte is in, and this is read before the provider decodes it. So
   * `replyAt - openedAt` is the server's answer time plus the transfer, the same for every server;
   * `syncedAt - replyAt` is the client's own decode.
   */
  replyAt = 0
  readonly createdAt = performance.now()
  /** Every message this probe's socket received (time, bytes, what it was), when asked for (`recordFrames`). */
  readonly frames: ReceivedFrame[] = []
  #provider: WebsocketProvider | HocuspocusProvider
  #pending = new Map<number, { messages: NoteMessage[]; next: number }>()
  #syncWaiters: (() => void)[] = []
  synced = false
  /** Counts syncs, so a reconnect test sees the one after the restart. */
  syncCount = 0

  constructor(
    readonly server: RunningServer,
    readonly room: string,
    options: { recordFrames?: boolean } = {},
  ) {
    const onSynced = () => {
      this.synced = true
      this.syncCount++
      if (this.syncedAt === 0) this.syncedAt = performance.now()
      for (const waiter of this.#syncWaiters.splice(0)) waiter()
    }
    const hocuspocus = server.kind === 'hocuspocus'
    const noteReply = (now: number, data: ArrayBuffer | Buffer) => {
      const kind = frameKind(data, hocuspocus)
      if (options.recordFrames) this.frames.push({ at: now, bytes: data.byteLength, kind })
      if (this.replyAt === 0 && kind === 'sync step 2') this.replyAt = now
    }
    /** The stock socket, noting the reply's arrival before the provider's own handler (added after this one) sees it. */
    class ReplyTimedSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args)
        this.addEventListener('message', ({ data }) => noteReply(performance.now(), data as ArrayBuffer | Buffer))
      }
    }
    if (hocuspocus) {
      // The provider hands its whole configuration to the socket it makes (HocuspocusProviderWebsocket), whose option this is.
      const configuration = { url: server.providerUrl, name: room, document: this.doc, WebSocketPolyfill: ReplyTimedSocket }
      const provider = new HocuspocusProvider(configuration)
      provider.on('status', ({ status }: { status: string }) => {
        if (status === 'connected' && this.openedAt === 0) this.openedAt = performance.now()
        if (status === 'disconnected') this.synced = false
      })
      provider.on('synced', ({ state }: { state: boolean }) => {
        if (state) onSynced()
      })
      this.awareness = provider.awareness!
      this.#provider = provider
    } else {
      const provider = new WebsocketProvider(server.providerUrl, room, this.doc, {
        WebSocketPolyfill: ReplyTimedSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: roomParams(server, room),
      })
      provider.on('status', ({ status }) => {
        if (status === 'connected' && this.openedAt === 0) this.openedAt = performance.now()
        if (status === 'disconnected') this.synced = false
      })
      provider.on('sync', (isSynced: boolean) => {
        if (isSynced) onSynced()
      })
      this.awareness = provider.awareness
      this.#provider = provider
    }
    this.doc.on('update', (update: Uint8Array) => this.#onUpdate(update))
  }

  /** Expect these load messages: each is delivered once the probe's clock for its writer reaches it. */
  expect(messages: readonly NoteMessage[]): void {
    for (const message of messages) {
      let entry = this.#pending.get(message.clientId)
      if (!entry) this.#pending.set(message.clientId, (entry = { messages: [], next: 0 }))
      entry.messages.push(message)
    }
  }

  whenSynced(timeoutMs: number): Promise<boolean> {
    if (this.synced) return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs)
      this.#syncWaiters.push(() => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  }

  /** Ids in `items` (for convergence checks). */
  hasNote(id: string): boolean {
    return this.doc.getMap('items').has(id)
  }

  destroy(): void {
    this.#provider.destroy()
    this.doc.destroy()
  }

  #onUpdate(update: Uint8Array): void {
    if (this.#pending.size === 0) return
    const now = performance.now()
    // Keyed by (client, clock), not by the note's text: Samskap merges a turn's updates into one,
    // which hides an intermediate value of a field but never a clock.
    const { to } = Y.parseUpdateMeta(update)
    for (const [clientId, clock] of to) {
      const entry = this.#pending.get(clientId)
      if (!entry) continue
      while (entry.next < entry.messages.length && entry.messages[entry.next]!.endClock <= clock) {
        const message = entry.messages[entry.next++]!
        if (message.deliveredAt === 0) message.deliveredAt = now
      }
    }
  }
}

export interface ReceivedFrame {
  at: number
  bytes: number
  kind: string
}

const syncKinds = ['sync step 1', 'sync step 2', 'update']

/** What a message is (y-websocket's framing; Hocuspocus's starts with the document's name). */
function frameKind(data: ArrayBuffer | Buffer, hocuspocus: boolean): string {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data
  try {
    const decoder = decoding.createDecoder(bytes)
    if (hocuspocus) decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type === 0) return syncKinds[decoding.readVarUint(decoder)] ?? 'sync ?'
    return type === 1 ? 'awareness' : `type ${type}`
  } catch {
    return 'unreadable'
  }
}
