import fs from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { nanoid } from 'nanoid'
import { pino } from 'pino'
import { expect } from 'vitest'
import { WebSocket } from 'ws'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { WorkshopStore } from '../../client/src/store/WorkshopStore'
import type { CreatedWorkshop, JoinResult } from '../../shared/access'
import type { Command, ServerMessage } from '../../shared/facilitation/commands'
import { randomJoinCode } from '../../server/access/AccessStore'
import type { VisibleWorkshops } from '../../server/access/WorkshopsVisibleTo'
import type { AccessRow } from '../../server/persistence/Persistence'
import { messageControl, SYNC_PATH } from '../../shared/protocol'
import { currentSchema, encodeSchemaVersions } from '../../shared/schema/schema'
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

  /**
   * A plain y-websocket client. It connects as the workshop's facilitator (the token `createWorkshop`
   * got) unless `params.token` says otherwise; `params: { token: '' }` connects with none.
   */
  connect(
    baseUrl: string,
    workshopId: string,
    options: { doc?: Y.Doc; params?: Record<string, string>; connect?: boolean } = {},
  ): Client {
    const doc = options.doc ?? new Y.Doc()
    const params = withToken(workshopId, options.params ?? {})
    const provider = new WebsocketProvider(wsUrl(baseUrl) + SYNC_PATH, workshopId, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: options.connect ?? true,
      params,
      maxBackoffTime: 200,
    })
    this.defer(() => {
      provider.destroy()
      doc.destroy()
    })
    return { doc, provider }
  }

  /**
   * A bare websocket to the sync path (as facilitator, like `connect`), for speaking (or breaking) the
   * protocol by hand. `onMessage` hears every message, the first included (it may come with the upgrade).
   */
  async rawSocket(baseUrl: string, workshopId: string, params: Record<string, string> = {}, onMessage?: (data: Buffer) => void): Promise<WebSocket> {
    const query = new URLSearchParams(Object.entries(withToken(workshopId, params)).filter(([, value]) => value !== '')).toString()
    const socket = new WebSocket(`${wsUrl(baseUrl)}${SYNC_PATH}/${workshopId}${query ? `?${query}` : ''}`)
    if (onMessage) socket.on('message', onMessage)
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

/**
 * Polls an asynchronous reading (the search index, a metric) every 50 ms until it equals `expected`,
 * up to 200 times; then fails with the last answer, so the message shows what was there instead.
 */
export async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  let last: T | undefined
  for (let attempt = 0; attempt < 200; attempt++) {
    last = await read()
    if (JSON.stringify(last) === JSON.stringify(expected)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  expect(last, what).toEqual(expected)
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${message}`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Facilitator tokens of the workshops tests created, so clients can connect without passing them around. */
const facilitatorTokens = new Map<string, string>()

/**
 * The query a test client connects with: the workshop's facilitator token unless `params.token` says
 * otherwise, and this app's schema versions (as every client but a facilitator's tools must send)
 * unless `params.schema` says otherwise (`''` sends none).
 */
function withToken(workshopId: string, params: Record<string, string>): Record<string, string> {
  const token = params.token ?? facilitatorTokens.get(workshopId)
  const { token: _given, schema = encodeSchemaVersions(currentSchema), ...rest } = params
  const withSchema = schema === '' ? rest : { ...rest, schema }
  return token ? { ...withSchema, token } : withSchema
}

/**
 * Signed-in staff without sign-in, for the register and the knowledge bank: start the server with
 * `workshopsVisibleTo: visibleTo`, put people in `people`, and send `headersOf(key)` with a request
 * to ask as that person (`headersOf(null)`: nobody signed in).
 */
export function testPeople(): {
  people: Map<string, VisibleWorkshops>
  visibleTo: (request: IncomingMessage) => Promise<VisibleWorkshops | null>
  headersOf: (person: string | null) => Record<string, string>
} {
  const people = new Map<string, VisibleWorkshops>()
  return {
    people,
    visibleTo: async (request) => {
      const key = request.headers['x-test-person']
      return typeof key === 'string' ? (people.get(key) ?? null) : null
    },
    headersOf: (person): Record<string, string> => (person === null ? {} : { 'x-test-person': person }),
  }
}

/** The facilitator token of a workshop made with `createWorkshop` (or `rememberFacilitator`). */
export function facilitatorToken(workshopId: string): string {
  const token = facilitatorTokens.get(workshopId)
  if (!token) throw new Error(`no facilitator token known for ${workshopId}`)
  return token
}

export function rememberFacilitator(created: CreatedWorkshop): void {
  facilitatorTokens.set(created.id, created.token)
}

/**
 * An access row for a workshop a test writes straight into storage (not through the API), in the
 * clear as versions before the server secret stored it: the server seals it when it starts. Its
 * facilitator token is remembered, so `connect` works for it as for any other.
 */
export function testAccess(workshopId: string): AccessRow {
  const access: AccessRow = {
    workshopId,
    code: randomJoinCode(),
    facilitatorKey: nanoid(32),
    participantKey: nanoid(32),
    observerKey: nanoid(32),
    secret: nanoid(43),
    legacyOpen: false,
  }
  facilitatorTokens.set(workshopId, access.facilitatorKey)
  return access
}

/** `POST /api/workshops`; the answer in full (code, links, token). */
export async function createWorkshopWithAccess(baseUrl: string, body: object = { title: 'Test workshop' }): Promise<CreatedWorkshop> {
  const response = await fetch(`${baseUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (response.status !== 201) throw new Error(`create workshop: ${response.status} ${await response.text()}`)
  const created = (await response.json()) as CreatedWorkshop
  rememberFacilitator(created)
  return created
}

export async function createWorkshop(baseUrl: string, body: object = { title: 'Test workshop' }): Promise<string> {
  return (await createWorkshopWithAccess(baseUrl, body)).id
}

/** `POST /api/join` with a code or a participant link's token; throws unless it succeeds. */
export async function joinWorkshop(baseUrl: string, body: { code: string } | { workshopId: string; token: string }): Promise<JoinResult> {
  const response = await fetch(`${baseUrl}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (response.status !== 200) throw new Error(`join: ${response.status} ${await response.text()}`)
  return (await response.json()) as JoinResult
}

/** fetch() that adds the facilitator's token for the workshop in an `/api/workshops/<id>/…` URL (when a test made it). */
export function facilitatorFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const id = /\/api\/workshops\/([^/?]+)/.exec(url)?.[1]
  const token = id ? facilitatorTokens.get(id) : undefined
  const headers = { ...(init.headers as Record<string, string> | undefined), ...(token ? { authorization: `Bearer ${token}` } : {}) }
  return fetch(url, { ...init, headers })
}

/** The token in a link's query. */
export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token')
  if (!token) throw new Error(`no token in ${link}`)
  return token
}

export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))
}

export { seededRandom } from '../../shared/logic/seededRandom'

/**
 * A server in a temp data dir with one new workshop, and `open(userName)` for a client WorkshopStore
 * on it (in memory, destroyed with `resources`).
 */
export async function workshopForStores(
  resources: TestResources,
): Promise<{ server: SamskapServer; workshopId: string; open(userName: string, token?: string): WorkshopStore }> {
  const server = await resources.startServer({ dataDir: await resources.tempDir() })
  const workshopId = await createWorkshop(server.url)
  const open = (userName: string, token = facilitatorToken(workshopId)) => {
    const store = new WorkshopStore({
      workshopId,
      serverUrl: wsUrl(server.url) + SYNC_PATH,
      userName,
      token,
      persistLocally: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    resources.defer(() => store.destroy())
    return store
  }
  return { server, workshopId, open }
}

/**
 * A plain y-websocket client that also speaks the control channel (`?control=1`): it records every
 * control message and every raw frame it receives, and `call` sends a command and resolves with its reply.
 */
export interface ControlClient extends Client {
  messages: ServerMessage[]
  /** Every frame received, as bytes: for checking that something was never sent to this client. */
  frames: Uint8Array[]
  /** The permission-denied reasons received (what a client without the control channel is told). */
  denied: string[]
  call(command: Command): Promise<Extract<ServerMessage, { type: 'reply' }>>
  received(text: string): boolean
}

let nextRequest = 0

export function connectControl(
  resources: TestResources,
  baseUrl: string,
  workshopId: string,
  token: string,
  options: { control?: boolean; doc?: Y.Doc } = {},
): ControlClient {
  const client = resources.connect(baseUrl, workshopId, { doc: options.doc, params: { token, ...(options.control === false ? {} : { control: '1' }) } })
  const messages: ServerMessage[] = []
  const frames: Uint8Array[] = []
  const denied: string[] = []
  const handlers = client.provider.messageHandlers
  for (const [type, handler] of handlers.entries()) {
    if (!handler) continue
    handlers[type] = (encoder, decoder, provider, emitSynced, messageType) => {
      frames.push(decoder.arr)
      handler(encoder, decoder, provider, emitSynced, messageType)
    }
  }
  handlers[2] = (_encoder, decoder) => {
    frames.push(decoder.arr)
    decoding.readVarUint(decoder)
    denied.push(decoding.readVarString(decoder))
  }
  handlers[messageControl] = (_encoder, decoder) => {
    frames.push(decoder.arr)
    messages.push(JSON.parse(decoding.readVarString(decoder)) as ServerMessage)
  }
  const call = async (command: Command) => {
    await synced(client.provider)
    const id = `r${++nextRequest}`
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageControl)
    encoding.writeVarString(encoder, JSON.stringify({ ...command, id }))
    client.provider.ws!.send(encoding.toUint8Array(encoder))
    let reply: Extract<ServerMessage, { type: 'reply' }> | undefined
    await waitFor(() => {
      reply = messages.find((m): m is Extract<ServerMessage, { type: 'reply' }> => m.type === 'reply' && m.id === id)
      return reply !== undefined
    }, `reply to ${command.type}`)
    return reply!
  }
  const needle = (text: string) => new TextEncoder().encode(text)
  const received = (text: string) => frames.some((frame) => Buffer.from(frame).includes(Buffer.from(needle(text))))
  return { ...client, messages, frames, denied, call, received }
}

/** The last control message of a type a client got. */
export function lastMessage<T extends ServerMessage['type']>(client: ControlClient, type: T): Extract<ServerMessage, { type: T }> | undefined {
  return client.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type).at(-1)
}
