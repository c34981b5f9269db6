import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { SYNC_PATH } from '../../shared/protocol'
import { createSamskapServer, type SamskapServer, type SamskapServerOptions } from '../../server/createSamskapServer'

/** Everything a test opened, closed in afterEach (newest first) so the process never hangs. */
export class TestResources {
  readonly #cleanups: (() => Promise<void> | void)[] = []

  defer(cleanup: () => Promise<void> | void): void {
    this.#cleanups.push(cleanup)
  }

  async dispose(): Promise<void> {
    const errors: unknown[] = []
    while (this.#cleanups.length > 0) {
      try {
        await this.#cleanups.pop()!()
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length > 0) throw errors[0]
  }

  async tempDir(prefix = 'samskap-test-'): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix))
    this.defer(() => fs.rm(dir, { recursive: true, force: true }))
    return dir
  }

  async startServer(options: Partial<SamskapServerOptions> & { dataDir: string }): Promise<SamskapServer> {
    const server = await createSamskapServer({ port: 0, logger: pino({ level: 'silent' }), ...options })
    let closed = false
    this.defer(async () => {
      if (!closed) await server.close()
    })
    const close = server.close
    return {
      ...server,
      close: async () => {
        closed = true
        await close()
      },
    }
  }

  connect(
    baseUrl: string,
    workshopId: string,
    options: { doc?: Y.Doc; params?: Record<string, string>; connect?: boolean } = {},
  ): Client {
    const doc = options.doc ?? new Y.Doc()
    const provider = new WebsocketProvider(wsUrl(baseUrl) + SYNC_PATH, workshopId, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: options.connect ?? true,
      params: options.params ?? {},
      maxBackoffTime: 200,
    })
    this.defer(() => {
      provider.destroy()
      doc.destroy()
    })
    return { doc, provider }
  }

  /** A bare websocket to the sync path, for speaking (or breaking) the protocol by hand. */
  async rawSocket(baseUrl: string, workshopId: string): Promise<WebSocket> {
    const socket = new WebSocket(`${wsUrl(baseUrl)}${SYNC_PATH}/${workshopId}`)
    this.defer(() => socket.terminate())
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return socket
  }
}

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws')
}

/** Resolves at the provider's next 'sync' (or at once if it is synced now). */
export function synced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return withTimeout(
    new Promise<void>((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return
        provider.off('sync', onSync)
        resolve()
      }
      provider.on('sync', onSync)
    }),
    timeoutMs,
    'provider did not sync',
  )
}

/** Resolves with the close code and reason the server sent. */
export function closedByServer(socket: WebSocket, timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
  return withTimeout(
    new Promise((resolve) => {
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    }),
    timeoutMs,
    'socket was not closed',
  )
}

/** Polls a condition until it holds; fails with `message` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${message}`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export async function createWorkshop(baseUrl: string, body: object = { title: 'Test workshop' }): Promise<string> {
  const response = await fetch(`${baseUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (response.status !== 201) throw new Error(`create workshop: ${response.status} ${await response.text()}`)
  const { id } = (await response.json()) as { id: string }
  return id
}

export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))
}

/** Small seeded PRNG (mulberry32) so randomised tests replay exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A server in a temp data dir with one new workshop, and `open(userName)` for a client WorkshopStore
 * on it (in memory, destroyed with `resources`).
 */
export async function workshopForStores(resources: TestResources): Promise<{ server: SamskapServer; workshopId: string; open(userName: string): WorkshopStore }> {
  const server = await resources.startServer({ dataDir: await resources.tempDir() })
  const workshopId = await createWorkshop(server.url)
  const open = (userName: string) => {
    const store = new WorkshopStore({
      workshopId,
      serverUrl: wsUrl(server.url) + SYNC_PATH,
      userName,
      persistLocally: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    resources.defer(() => store.destroy())
    return store
  }
  return { server, workshopId, open }
}
