import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AccessRefusal } from '../../shared/access'
import { SchemaTooNewError } from '../../shared/doc/workshopDoc'
import { CloseCode, SYNC_PATH, WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import { compareSchema, currentSchema, parseSchemaVersions } from '../../shared/schema/schema'
import type { AccessStore, Grant } from '../access/AccessStore'
import type { Logger } from '../log'
import type { ServerMetrics } from '../metrics'
import { WorkshopClosedError, type RoomRegistry } from './RoomRegistry'
import { SyncConnection, unlimitedConnection, type ConnectionLimits } from './SyncConnection'
import type { TokenBucket } from './TokenBucket'

/** Limits per connection and per address (server/limits/limits.ts). */
export interface SyncLimits extends ConnectionLimits {
  connectionsPerAddress: number
}

/** How a socket is closed for each reason a token is refused (the same `resolve` as every HTTP route). */
const refusalClose: Record<AccessRefusal, [CloseCode, string]> = {
  noToken: [CloseCode.Unauthorized, 'This workshop needs a link from the facilitator or the join code'],
  invalidLink: [CloseCode.Forbidden, 'This link is not valid (any more); ask the facilitator for a new one'],
  removed: [CloseCode.Removed, 'The facilitator has removed you from this workshop'],
}

export interface SyncServerOptions {
  registry: RoomRegistry
  access: AccessStore
  log: Logger
  /** Ping interval; a socket that did not answer the previous ping is terminated. */
  pingIntervalMs: number
  /** Absent: no limits beyond the default message size (tests of other things). */
  limits?: SyncLimits
  /** The client's address of an upgrade request (TRUST_PROXY: X-Forwarded-For). Default: the socket's. */
  clientAddress?: (request: IncomingMessage) => string
  metrics?: ServerMetrics
  /**
   * The grant a signed-in staff member has in a workshop through the upgrade's cookie (its owner
   * or a co-facilitator: facilitator), asked when the token gives less. Absent: tokens only.
   */
  staffGrant?: (request: IncomingMessage, workshopId: string) => Promise<Grant | null>
}

/**
 * The websockets of `/sync/<workshopId>`: the upgrade, the checks before a socket may join (the
 * workshop id, `?schema=` against this server's and required of all but facilitators, `?token=` → a
 * grant), joining its room, and pings.
 * Messages are listened to from the first moment: those that arrive while the room loads wait in
 * the connection's queue.
 */
export class SyncServer {
  readonly connections = new Set<SyncConnection>()
  readonly #options: SyncServerOptions
  readonly #limits: SyncLimits
  readonly #wss: WebSocketServer
  readonly #pingInterval: NodeJS.Timeout
  /** Open sockets per client address. */
  readonly #perAddress = new Map<string, number>()
  /** The budget each personal participant token's sockets share; dropped once full again (at a ping). */
  readonly #budgets = new Map<string, TokenBucket>()

  constructor(options: SyncServerOptions) {
    this.#options = options
    this.#limits = options.limits ?? { ...unlimitedConnection, connectionsPerAddress: Number.MAX_SAFE_INTEGER }
    // Backstop only: frames between the message limit and twice that get our own 4413 and reason.
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: 2 * this.#limits.maxMessageBytes })
    this.#pingInterval = setInterval(() => this.#ping(), options.pingIntervalMs)
  }

  /** The http server's 'upgrade' event. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(SYNC_PATH + '/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const address = this.#options.clientAddress?.(request) ?? request.socket.remoteAddress ?? 'unknown'
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#onConnection(ws, url, request, address))
  }

  #onConnection(ws: WebSocket, url: URL, request: IncomingMessage, address: string): void {
    let workshopId = ''
    try {
      workshopId = decodeURIComponent(url.pathname.slice(SYNC_PATH.length + 1))
    } catch {
      // Left empty: fails the pattern below.
    }
    const connectionLog = this.#options.log.child({ workshopId: WORKSHOP_ID_PATTERN.test(workshopId) ? workshopId : '(invalid)' })
    const connection = new SyncConnection(ws, workshopId, connectionLog, url.searchParams, {
      limits: this.#limits,
      address,
      metrics: this.#options.metrics,
    })
    this.connections.add(connection)
    const fromAddress = (this.#perAddress.get(address) ?? 0) + 1
    this.#perAddress.set(address, fromAddress)
    // Listen at once: messages that arrive while the room loads are queued, not lost.
    ws.on('message', (data, isBinary) => connection.receive(data, isBinary))
    ws.on('pong', () => {
      connection.isAlive = true
    })
    ws.on('error', (error) => connectionLog.debug({ err: error }, 'socket error'))
    ws.on('close', (code) => {
      this.connections.delete(connection)
      const left = (this.#perAddress.get(address) ?? 1) - 1
      if (left > 0) this.#perAddress.set(address, left)
      else this.#perAddress.delete(address)
      connectionLog.debug({ code }, 'connection closed')
      connection.markClosed()
    })

    // Before anything costs a database lookup. Sized for a venue: hundreds of phones share its address.
    if (fromAddress > this.#limits.connectionsPerAddress) {
      connection.noteLimit('connections_per_address')
      if (fromAddress === this.#limits.connectionsPerAddress + 1) connectionLog.warn({ address }, 'too many connections from one address')
      connection.reject(CloseCode.TooManyConnections, 'Too many connections from your network; try again in a minute')
      return
    }

    if (!WORKSHOP_ID_PATTERN.test(workshopId)) {
      connection.reject(CloseCode.WorkshopNotFound, 'Workshop not found')
      return
    }
    const schemaParam = url.searchParams.get('schema')
    if (schemaParam !== null) {
      const clientSchema = parseSchemaVersions(schemaParam)
      if (clientSchema === null) {
        connection.reject(CloseCode.MalformedMessage, 'The schema parameter is not valid')
        return
      }
      const compatibility = compareSchema(clientSchema, currentSchema)
      if (compatibility !== 'compatible') {
        connectionLog.info({ clientSchema: schemaParam, compatibility }, 'client schema rejected')
        if (compatibility === 'clientTooOld') {
          connection.reject(CloseCode.ClientTooOld, 'This app is older than the workshop; please reload')
        } else {
          connection.reject(CloseCode.ClientTooNew, 'This app is newer than the server; please reload in a minute')
        }
        return
      }
    }
    void this.#join(connection, url.searchParams.get('token'), request)
  }

  /** Authenticates (token or staff session → grant) before the room is loaded, then joins it. */
  async #join(connection: SyncConnection, token: string | null, request: IncomingMessage): Promise<void> {
    const { access, registry, staffGrant } = this.#options
    try {
      const found = await access.findWorkshop(connection.workshopId)
      if (!found) {
        connection.reject(CloseCode.WorkshopNotFound, 'Workshop not found')
        return
      }
      const byToken = access.resolve(found.access, token)
      // A signed-in owner or co-facilitator gets their staff grant even when they also hold the
      // facilitator link: same role, but the audit log then names them instead of "facilitator link".
      const grant = (await staffGrant?.(request, connection.workshopId)) ?? byToken
      if (!grant) {
        const refusal = access.whyRefused(found.access, token)
        connection.log.info({ refusal }, 'connection refused')
        const [code, reason] = refusalClose[refusal]
        connection.reject(code, reason)
        return
      }
      // Every client but a facilitator's own tools says what it writes: a page that does not skips the schema check.
      if (connection.params.get('schema') === null && grant.role !== 'facilitator') {
        connection.log.info({ role: grant.role }, 'connection refused: no schema parameter')
        connection.reject(CloseCode.SchemaMissing, 'This app did not say which version of the workshop it writes; please reload')
        return
      }
      connection.grant = grant
      this.#shareBudget(connection, grant)
      if (connection.isRejected) return
      const room = await registry.acquire(connection.workshopId, connection)
      // Same turn as acquire resolving: the registry cannot unload the room in between.
      room.addConnection(connection)
    } catch (error) {
      if (error instanceof WorkshopClosedError) {
        connection.reject(error.code, error.reason)
      } else if (error instanceof SchemaTooNewError) {
        connection.log.error({ err: error }, 'stored workshop is newer than this server')
        connection.reject(CloseCode.ServerError, 'This workshop was saved by a newer server version')
      } else {
        connection.log.error({ err: error }, 'could not open the workshop')
        connection.reject(CloseCode.ServerError, 'The server could not open this workshop')
      }
    }
  }

  /** A personal participant token's sockets draw on one budget, so a reconnect does not refill it. */
  #shareBudget(connection: SyncConnection, grant: Grant): void {
    if (grant.role !== 'participant') return
    const key = `${connection.workshopId}/${grant.participantId}`
    const shared = this.#budgets.get(key)
    if (shared) connection.shareBudget(shared)
    else this.#budgets.set(key, connection.budget)
  }

  #ping(): void {
    for (const [key, budget] of this.#budgets) if (budget.isFull()) this.#budgets.delete(key)
    for (const connection of this.connections) {
      if (!connection.isAlive) {
        connection.log.info('no pong since the last ping; terminating connection')
        connection.socket.terminate()
        continue
      }
      connection.isAlive = false
      connection.socket.ping()
    }
  }

  /** Closes every socket with `code` and stops pinging; the rooms are saved by the registry. */
  closeConnections(code: CloseCode, reason: string): void {
    clearInterval(this.#pingInterval)
    for (const connection of this.connections) connection.reject(code, reason)
  }

  /** Sockets that ignore the close handshake must not keep the process alive. */
  terminate(): void {
    for (const client of this.#wss.clients) client.terminate()
    this.#wss.close()
  }
}
