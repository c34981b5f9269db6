import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AccessRefusal } from '../../shared/access'
import { SchemaTooNewError } from '../../shared/doc/workshopDoc'
import { CloseCode, MAX_MESSAGE_BYTES, SYNC_PATH, WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import { compareSchema, currentSchema, parseSchemaVersions } from '../../shared/schema/schema'
import type { AccessStore } from '../access/AccessStore'
import type { Logger } from '../log'
import type { RoomRegistry } from './RoomRegistry'
import { SyncConnection } from './SyncConnection'

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
}

/**
 * The websockets of `/sync/<workshopId>`: the upgrade, the checks before a socket may join (the
 * workshop id, `?schema=` against this server's, `?token=` → a grant), joining its room, and pings.
 * Messages are listened to from the first moment: those that arrive while the room loads wait in
 * the connection's queue.
 */
export class SyncServer {
  readonly connections = new Set<SyncConnection>()
  readonly #options: SyncServerOptions
  // Backstop only: frames between MAX_MESSAGE_BYTES and twice that get our own 4413 and reason.
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_MESSAGE_BYTES })
  readonly #pingInterval: NodeJS.Timeout

  constructor(options: SyncServerOptions) {
    this.#options = options
    this.#pingInterval = setInterval(() => this.#ping(), options.pingIntervalMs)
  }

  /** The http server's 'upgrade' event. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(SYNC_PATH + '/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#onConnection(ws, url))
  }

  #onConnection(ws: WebSocket, url: URL): void {
    let workshopId = ''
    try {
      workshopId = decodeURIComponent(url.pathname.slice(SYNC_PATH.length + 1))
    } catch {
      // Left empty: fails the pattern below.
    }
    const connectionLog = this.#options.log.child({ workshopId: WORKSHOP_ID_PATTERN.test(workshopId) ? workshopId : '(invalid)' })
    const connection = new SyncConnection(ws, workshopId, connectionLog, url.searchParams)
    this.connections.add(connection)
    // Listen at once: messages that arrive while the room loads are queued, not lost.
    ws.on('message', (data, isBinary) => connection.receive(data, isBinary))
    ws.on('pong', () => {
      connection.isAlive = true
    })
    ws.on('error', (error) => connectionLog.debug({ err: error }, 'socket error'))
    ws.on('close', (code) => {
      this.connections.delete(connection)
      connectionLog.debug({ code }, 'connection closed')
      connection.markClosed()
    })

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
    void this.#join(connection, url.searchParams.get('token'))
  }

  /** Authenticates (token → grant) before the room is loaded, then joins it. */
  async #join(connection: SyncConnection, token: string | null): Promise<void> {
    const { access, registry } = this.#options
    try {
      const found = await access.findWorkshop(connection.workshopId)
      if (!found) {
        connection.reject(CloseCode.WorkshopNotFound, 'Workshop not found')
        return
      }
      const grant = access.resolve(found.access, token)
      if (!grant) {
        const refusal = access.whyRefused(found.access, token)
        connection.log.info({ refusal }, 'connection refused')
        const [code, reason] = refusalClose[refusal]
        connection.reject(code, reason)
        return
      }
      connection.grant = grant
      if (connection.isRejected) return
      const room = await registry.acquire(connection.workshopId)
      // Same turn as acquire resolving: the registry cannot unload the room in between.
      room.addConnection(connection)
    } catch (error) {
      if (error instanceof SchemaTooNewError) {
        connection.log.error({ err: error }, 'stored workshop is newer than this server')
        connection.reject(CloseCode.ServerError, 'This workshop was saved by a newer server version')
      } else {
        connection.log.error({ err: error }, 'could not open the workshop')
        connection.reject(CloseCode.ServerError, 'The server could not open this workshop')
      }
    }
  }

  #ping(): void {
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
