import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { SchemaTooNewError } from '../shared/doc/workshopDoc'
import { CloseCode, MAX_MESSAGE_BYTES, SYNC_PATH, WORKSHOP_ID_PATTERN } from '../shared/protocol'
import { compareSchema, currentSchema, parseSchemaVersions } from '../shared/schema/schema'
import { AccessStore } from './access/AccessStore'
import { createJoinLimiter, handleAccessRequest, isAccessPath } from './http/accessApi'
import { createRequestContext } from './http/requestContext'
import { handleApiRequest } from './http/workshopsApi'
import { handleImportRequest, IMPORT_PATH } from './http/exportApi'
import { handleHistoryRequest, isHistoryPath } from './http/historyApi'
import { WorkshopHistory } from './history/WorkshopHistory'
import { handleImagesRequest, IMAGES_PATH } from './http/imagesApi'
import { sendJson } from './http/httpResponses'
import { serveStatic } from './http/staticFiles'
import { createLogger, type Logger } from './log'
import { ServerMetrics } from './metrics'
import { isHistoryPersistence, isSharedPersistence, type Persistence } from './persistence/Persistence'
import { PostgresPersistence } from './persistence/PostgresPersistence'
import { SqlitePersistence } from './persistence/SqlitePersistence'
import { RedisFanout } from './scaleout/RedisFanout'
import { Facilitation } from './facilitation/Facilitation'
import type { Room } from './sync/Room'
import { RoomRegistry } from './sync/RoomRegistry'
import { SyncConnection } from './sync/SyncConnection'

export interface SamskapServerOptions {
  /** 0 or absent: a free port (tests). */
  port?: number
  host?: string
  dataDir: string
  /** The built client; served when the directory exists. */
  staticDir?: string
  /** How long an empty room stays loaded, in ms. Default 10 000. */
  unloadDelayMs?: number
  /** Snapshot after this many logged updates. Default 500. */
  compactEvery?: number
  /** Ping interval; a socket that did not answer the previous ping is terminated. Default 30 000. */
  pingIntervalMs?: number
  logger?: Logger
  /** Storage; defaults to PostgreSQL with databaseUrl, else SqlitePersistence in dataDir. Tests inject wrappers. */
  persistence?: Persistence
  /** PostgreSQL instead of SQLite (DATABASE_URL); several instances may share it. */
  databaseUrl?: string
  /** PostgreSQL schema for the tables (created if missing); tests use one per test. */
  databaseSchema?: string
  /** Redis for fan-out between instances (REDIS_URL); needs databaseUrl (or a shared persistence). */
  redisUrl?: string
  /** Redis channel prefix, `samskap:room:` by default; tests use one per test. */
  redisChannelPrefix?: string
  /** Names this instance in logs and Redis messages. Default: random. */
  instanceId?: string
  /** How long a failing storage write is retried before the room closes with 4500. Default 30 000 on PostgreSQL, 0 on SQLite. */
  writeRetryMs?: number
  /** At most one automatic history snapshot per this many ms of editing. Default 5 minutes (server/history). */
  historyAutoEveryMs?: number
  /** The address people reach the server at, for links and QR codes (PUBLIC_URL). Default: each request's Host. */
  publicUrl?: string
  /** Behind a reverse proxy: read the client address and scheme from X-Forwarded-* (TRUST_PROXY). */
  trustProxy?: boolean
}

export interface SamskapServer {
  url: string
  port: number
  instanceId: string
  rooms: {
    loadedWorkshopIds(): string[]
    connectionCount(): number
  }
  /** Closes sockets (ServerShuttingDown), saves and unloads every room, closes the database. */
  close(): Promise<void>
}

export async function createSamskapServer(options: SamskapServerOptions): Promise<SamskapServer> {
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8)
  const log = (options.logger ?? createLogger()).child({ instanceId })
  const persistence =
    options.persistence ??
    (options.databaseUrl
      ? await PostgresPersistence.open({ connectionString: options.databaseUrl, schema: options.databaseSchema, log })
      : new SqlitePersistence(options.dataDir))
  const connections = new Set<SyncConnection>()
  const metrics: ServerMetrics = new ServerMetrics({
    connections: () => connections.size,
    roomsLoaded: (): number => registry.size,
  })
  let fanout: RedisFanout | undefined
  if (options.redisUrl) {
    if (!isSharedPersistence(persistence)) {
      await persistence.close()
      throw new Error('Redis fan-out needs storage shared by the instances: set DATABASE_URL (PostgreSQL) too')
    }
    try {
      fanout = await RedisFanout.connect({
        redisUrl: options.redisUrl,
        instanceId,
        channelPrefix: options.redisChannelPrefix,
        log,
        metrics,
      })
    } catch (error) {
      await persistence.close()
      throw error
    }
  }
  // History (server/history): off only when injected storage cannot keep it.
  const history = isHistoryPersistence(persistence)
    ? new WorkshopHistory({
        persistence,
        log,
        autoEveryMs: options.historyAutoEveryMs,
        findRoom: (id) => registry.rooms().find((room) => room.workshopId === id),
      })
    : null
  const registry: RoomRegistry = new RoomRegistry({
    persistence,
    log,
    unloadDelayMs: options.unloadDelayMs ?? 10_000,
    compactEvery: options.compactEvery ?? 500,
    writeRetryMs: options.writeRetryMs ?? (isSharedPersistence(persistence) ? 30_000 : 0),
    fanout,
    metrics,
    // Above sync, in hook order: the guard and facilitation first (they refuse updates), then history.
    extensions: [Facilitation.load, ...(history ? [(room: Room) => history.roomExtension(room)] : [])],
  })
  const staticRoot = options.staticDir ? path.resolve(options.staticDir) : null
  const hasStatic = staticRoot !== null && fs.existsSync(staticRoot) && fs.statSync(staticRoot).isDirectory()
  // Photos are files addressed by their hash, beside the database, never in a Yjs document.
  const imagesDir = path.join(options.dataDir, 'images')
  const access = new AccessStore(persistence)
  const context = createRequestContext({ access, publicUrl: options.publicUrl, trustProxy: options.trustProxy })
  const joinLimiter = createJoinLimiter()

  const server = http.createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, 'request failed')
      if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' })
      else response.destroy()
    })
  })

  async function handleRequest(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost')
    if (pathname === '/healthz') {
      return sendJson(response, 200, { ok: true, rooms: registry.size, connections: connections.size })
    }
    if (pathname === '/metrics') {
      const body = await metrics.render()
      response.writeHead(200, { 'content-type': metrics.contentType })
      response.end(body)
      return
    }
    if (pathname === IMAGES_PATH || pathname.startsWith(IMAGES_PATH + '/')) {
      return handleImagesRequest(request, response, pathname, { imagesDir, context, log })
    }
    if (isHistoryPath(pathname)) {
      return handleHistoryRequest(request, response, pathname, history, context, log)
    }
    if (isAccessPath(pathname)) return handleAccessRequest(request, response, pathname, { persistence, context, joinLimiter, log })
    if (pathname === IMPORT_PATH) return handleImportRequest(request, response, persistence, context, log)
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return handleApiRequest(request, response, pathname, persistence, context, log)
    }
    if (pathname === SYNC_PATH || pathname.startsWith(SYNC_PATH + '/')) {
      return sendJson(response, 426, { error: 'This path expects a websocket' })
    }
    if (hasStatic && staticRoot) return serveStatic(request, response, pathname, staticRoot)
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    response.end('Not found')
  }

  // Backstop only: frames between MAX_MESSAGE_BYTES and twice that get our own 4413 and reason.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_MESSAGE_BYTES })

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(SYNC_PATH + '/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, url))
  })

  function onConnection(ws: WebSocket, url: URL): void {
    let workshopId = ''
    try {
      workshopId = decodeURIComponent(url.pathname.slice(SYNC_PATH.length + 1))
    } catch {
      // Left empty: fails the pattern below.
    }
    const connectionLog = log.child({ workshopId: WORKSHOP_ID_PATTERN.test(workshopId) ? workshopId : '(invalid)' })
    const connection = new SyncConnection(ws, workshopId, connectionLog, url.searchParams)
    connections.add(connection)
    // Listen at once: messages that arrive while the room loads are queued, not lost.
    ws.on('message', (data, isBinary) => connection.receive(data, isBinary))
    ws.on('pong', () => {
      connection.isAlive = true
    })
    ws.on('error', (error) => connectionLog.debug({ err: error }, 'socket error'))
    ws.on('close', (code) => {
      connections.delete(connection)
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
    void joinRoom(connection, url.searchParams.get('token'))
  }

  async function joinRoom(connection: SyncConnection, token: string | null): Promise<void> {
    const { workshopId } = connection
    try {
      const found = await access.findWorkshop(workshopId)
      if (!found) {
        connection.reject(CloseCode.WorkshopNotFound, 'Workshop not found')
        return
      }
      const grant = access.resolve(found.access, token)
      if (!grant) {
        connection.log.info({ hasToken: token !== null }, 'connection refused: no valid token')
        if (token === null || token === '') {
          connection.reject(CloseCode.Unauthorized, 'This workshop needs a link from the facilitator or the join code')
        } else {
          connection.reject(CloseCode.Forbidden, 'This link is not valid (any more); ask the facilitator for a new one')
        }
        return
      }
      connection.grant = grant
      if (connection.isRejected) return
      const room = await registry.acquire(workshopId)
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

  const pingInterval = setInterval(() => {
    for (const connection of connections) {
      if (!connection.isAlive) {
        connection.log.info('no pong since the last ping; terminating connection')
        connection.socket.terminate()
        continue
      }
      connection.isAlive = false
      connection.socket.ping()
    }
  }, options.pingIntervalMs ?? 30_000)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const displayHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${displayHost === '0.0.0.0' ? 'localhost' : displayHost}:${address.port}`

  let closing: Promise<void> | null = null
  async function close(): Promise<void> {
    clearInterval(pingInterval)
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const connection of connections) {
      connection.reject(CloseCode.ServerShuttingDown, 'The server is restarting')
    }
    await registry.close()
    // Sockets that ignore the close handshake must not keep the process alive.
    for (const client of wss.clients) client.terminate()
    wss.close()
    server.closeAllConnections()
    await serverClosed
    await fanout?.close()
    await history?.close()
    await persistence.close()
    log.info('server closed')
  }

  return {
    url,
    port: address.port,
    instanceId,
    rooms: {
      loadedWorkshopIds: () => registry.loadedWorkshopIds(),
      connectionCount: () => connections.size,
    },
    close: () => (closing ??= close()),
  }
}
