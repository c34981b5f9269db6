import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { CloseCode } from '../shared/protocol'
import { AccessStore } from './access/AccessStore'
import { AdminOverview } from './admin/AdminOverview'
import { DEFAULT_RETENTION_DAYS, Retention } from './retention/Retention'
import { defaultAuthSettings, type AuthSettings } from './auth/authSettings'
import { StaffAuth } from './auth/StaffAuth'
import { Authorship } from './trust/Authorship'
import { RecordValidity } from './trust/RecordValidity'
import { migrateAccess } from './access/migrateAccess'
import { openServerKeys } from './access/serverSecret'
import type { WorkshopsVisibleTo } from './access/WorkshopsVisibleTo'
import { Facilitation } from './facilitation/Facilitation'
import { WorkshopHistory } from './history/WorkshopHistory'
import type { HttpDeps } from './http/HttpDeps'
import { sendJson } from './http/httpResponses'
import { createRequestContext } from './http/requestContext'
import { createRouter } from './http/router'
import { routes, serveClient } from './http/routes'
import { setSecurityHeaders } from './http/securityHeaders'
import { privacySettingsFromEnv, type PrivacySettings } from './privacy/privacySettings'
import { AddressQuota } from './limits/AddressQuota'
import { EraseBudget } from './limits/EraseBudget'
import { memoryCounters, redisCounters } from './limits/Counters'
import { JoinThrottle } from './limits/JoinThrottle'
import { defaultLimits, type Limits } from './limits/limits'
import { WorkshopSizeCap } from './limits/WorkshopSizeCap'
import { createLogger, type Logger } from './log'
import { ServerMetrics } from './metrics'
import { isHistoryPersistence, isSharedPersistence, type Persistence } from './persistence/Persistence'
import { SqliteTemplateStore } from './templates/SqliteTemplateStore'
import type { TemplateStore } from './templates/TemplateStore'
import { FilePhotoStore } from './photos/FilePhotoStore'
import type { PhotoStore } from './photos/PhotoStore'
import { secureDataDir } from './persistence/privateFiles'
import { SqlitePersistence } from './persistence/SqlitePersistence'
import { InstanceHeartbeats } from './scaleout/InstanceHeartbeats'
import type { RedisFanout } from './scaleout/RedisFanout'
import type { SearchIndex } from './search/SearchIndex'
import { startSearchBackfill } from './search/searchBackfill'
import { searchIndexExtension } from './search/searchIndexExtension'
import { SqliteSearchIndex } from './search/SqliteSearchIndex'
import { activityTracker } from './staff/activityTracker'
import { recordAudit } from './staff/auditLog'
import { staffWorkshopsVisibleTo } from './staff/staffWorkshopsVisibleTo'
import { SqliteStaffStorage } from './staff/SqliteStaffStorage'
import type { StaffStorage } from './staff/StaffStorage'
import type { Room } from './sync/Room'
import { RoomRegistry } from './sync/RoomRegistry'
import { SyncServer } from './sync/SyncServer'

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
  /** Prefix of the keys instances share in Redis (limits, heartbeats): `samskap:` by default; tests use one per test. */
  redisKeyPrefix?: string
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
  /** Limits per connection, address and workshop (server/limits/limits.ts); each one absent takes its default. */
  limits?: Partial<Limits>
  /** Staff sign-in (OIDC_*), the creation key (CREATE_KEY), administrators; default: no sign-in, anyone creates. */
  auth?: AuthSettings
  /** `RETENTION_DAYS`: unused workshops are deleted this many days after their last activity (default: the privacy settings' RETENTION_DAYS, 365). */
  retentionDays?: number
  /** The time retention reads; tests move it forward. Default `Date.now`. */
  clock?: () => number
  /**
   * The server secret (SAMSKAP_SECRET): seals link keys and signs participant tokens. Absent: read
   * from DATA_DIR/secret, created there on first start with SQLite; required with PostgreSQL.
   */
  secret?: string
  /**
   * The knowledge bank's index. Default: PostgreSQL full-text search with databaseUrl, else SQLite
   * FTS5 in dataDir (search.sqlite); null turns search off.
   */
  searchIndex?: SearchIndex | null
  /** Wait this long after a room's commit before indexing it. Default 2 000 ms. */
  searchIndexDelayMs?: number
  /** Index stored workshops that have no search entries yet, in the background after start (default true). */
  searchBackfill?: boolean
  /** Which workshops a person asking may see (search, the action register). Default: a signed-in staff member's own and co-facilitated workshops, an administrator's all. */
  workshopsVisibleTo?: WorkshopsVisibleTo
  /** What the privacy page shows (PRIVACY_CONTROLLER, PRIVACY_CONTACT, RETENTION_DAYS). Default: none given, 365 days. */
  privacy?: PrivacySettings
}

export interface SamskapServer {
  /** Deletes unused workshops (server/retention); it runs by itself at start and daily. */
  retention: Retention
  url: string
  port: number
  instanceId: string
  rooms: {
    loadedWorkshopIds(): string[]
    /** Resolves once the workshop's room has finished unloading (its last writes committed). */
    unloaded(workshopId: string): Promise<void>
    connectionCount(): number
  }
  /** Closes sockets (ServerShuttingDown), saves and unloads every room, closes the database. */
  close(): Promise<void>
}

/**
 * The composition root: storage, the other instances (Redis), the rooms and what each is made of
 * above sync (its extensions), the websockets, and the HTTP routes with the one `deps` object they get.
 */
export async function createSamskapServer(options: SamskapServerOptions): Promise<SamskapServer> {
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8)
  const log = (options.logger ?? createLogger()).child({ instanceId })
  const limits: Limits = { ...defaultLimits, ...options.limits }
  const redisKeyPrefix = options.redisKeyPrefix ?? 'samskap:'
  secureDataDir(options.dataDir, log)
  // PostgreSQL's and Redis's modules (pg, ioredis) are imported only when configured: loading them
  // cost every single-process server ~0.2 s of CPU at each (re)start, time residents wait (bench f).
  const persistence =
    options.persistence ??
    (options.databaseUrl
      ? await (await import('./persistence/PostgresPersistence')).PostgresPersistence.open({ connectionString: options.databaseUrl, schema: options.databaseSchema, log })
      : new SqlitePersistence(options.dataDir))
  let access: AccessStore
  try {
    const keys = await openServerKeys({
      persistence,
      dataDir: options.dataDir,
      secret: options.secret,
      shared: isSharedPersistence(persistence),
      log,
    })
    access = new AccessStore(persistence, keys)
    await migrateAccess(persistence, access, log)
  } catch (error) {
    await persistence.close()
    throw error
  }
  const metrics: ServerMetrics = new ServerMetrics({
    connections: () => sockets.connections.size,
    roomsLoaded: (): number => registry.size,
    writerCommits: persistence instanceof SqlitePersistence ? () => persistence.writerCommits : undefined,
  })
  // Staff, sessions, owners and activity: beside the workshops, in the same database.
  const staffStorage: StaffStorage = options.databaseUrl
    ? await (await import('./staff/PostgresStaffStorage')).PostgresStaffStorage.open({ connectionString: options.databaseUrl, schema: options.databaseSchema, log })
    : new SqliteStaffStorage(options.dataDir, persistence instanceof SqlitePersistence ? persistence : undefined)
  const fanout = options.redisUrl
    ? await connectFanout(options.redisUrl, persistence, { instanceId, options, log, metrics }).catch(async (error: unknown) => {
        await staffStorage.close()
        throw error
      })
    : undefined
  // Dead instances' people leave everyone's presence within seconds (server/scaleout/InstanceHeartbeats.ts).
  const heartbeats = fanout
    ? new InstanceHeartbeats({
        redis: fanout.commands,
        instanceId,
        keyPrefix: redisKeyPrefix,
        peers: () => registry.rooms().flatMap((room) => [...room.presence.remoteInstances()]),
        onGone: (gone) => registry.rooms().forEach((room) => room.presence.dropInstance(gone)),
        onLapsed: () => registry.rooms().forEach((room) => room.presence.publishOwn()),
        log,
      })
    : null
  await heartbeats?.start().catch(async (error: unknown) => {
    await fanout?.close()
    await staffStorage.close()
    throw error
  })
  const searchIndex = await openSearchIndex(options, log).catch(async (error: unknown) => {
    await fanout?.close()
    await staffStorage.close()
    throw error
  })
  const imagesDir = path.join(options.dataDir, 'images')
  const photos = await openPhotoStore(options, imagesDir, log).catch(async (error: unknown) => {
    await searchIndex?.close()
    await fanout?.close()
    await staffStorage.close()
    throw error
  })
  // Templates of one's own (server/templates): beside the workshops, in the same database.
  const templates: TemplateStore = options.databaseUrl
    ? await (await import('./templates/PostgresTemplateStore')).PostgresTemplateStore.open({ connectionString: options.databaseUrl, schema: options.databaseSchema, log }).catch(async (error: unknown) => {
        await photos.close()
        await searchIndex?.close()
        await fanout?.close()
        await staffStorage.close()
        throw error
      })
    : new SqliteTemplateStore(options.dataDir)
  // The limits per address, per device and per person: shared through Redis when there are several instances.
  const counters = fanout ? redisCounters(fanout.commands, redisKeyPrefix) : memoryCounters()
  const ownErases = new EraseBudget(counters, limits)
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
    maxStoredBytes: limits.workshopMaxBytes,
    // Above sync, in hook order: the trust checks (whose client ids, valid records), the size cap,
    // the guard and facilitation (they refuse updates), then history, activity and the search index.
    extensions: [
      Authorship.load,
      (room: Room) => new RecordValidity(room),
      (room: Room) => new WorkshopSizeCap(room),
      (room, tools) =>
        Facilitation.load(room, tools, {
          removeParticipant: (workshopId, participantId) => access.removeParticipant(workshopId, participantId),
          audit: (entry) => recordAudit(staffStorage, log, entry),
          takeErase: (workshopId, participantId, address) => ownErases.take(workshopId, participantId, address),
          eraseFromHistory: async (workshopId, itemIds) => {
            await history?.eraseItems(workshopId, itemIds)
          },
        }),
      ...(history ? [(room: Room) => history.roomExtension(room)] : []),
      activityTracker(staffStorage, log),
      ...(searchIndex ? [searchIndexExtension({ index: searchIndex, log, delayMs: options.searchIndexDelayMs ?? 2_000 })] : []),
    ],
  })
  const requests = createRequestContext({ publicUrl: options.publicUrl, trustProxy: options.trustProxy })
  const staff = new StaffAuth({ settings: options.auth ?? defaultAuthSettings, storage: staffStorage, requests, log })
  const sockets: SyncServer = new SyncServer({
    registry,
    access,
    log,
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    limits,
    clientAddress: (request) => requests.clientAddress(request),
    metrics,
    staffGrant: (request, workshopId) => staff.staffGrant(request, workshopId, { websocket: true }),
  })
  const admin: AdminOverview = new AdminOverview({ storage: staffStorage, persistence, registry, photos, log, searchIndex, deletesAt: (dates) => retention.deletesAt(dates) })
  const retention = new Retention({
    days: options.retentionDays ?? options.privacy?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    storage: staffStorage,
    deleteWorkshop: (workshopId) => admin.delete(workshopId, { kind: 'retention' }),
    log,
    clock: options.clock,
  })

  const staticRoot = options.staticDir ? path.resolve(options.staticDir) : null
  const deps: HttpDeps = {
    persistence,
    access,
    registry,
    connectionCount: () => sockets.connections.size,
    history,
    metrics,
    log,
    requests,
    joinThrottle: new JoinThrottle(counters, limits),
    quotas: { workshops: new AddressQuota(counters, 'workshops', limits.workshopsPerAddressPerHour), imports: new AddressQuota(counters, 'imports', limits.importsPerAddressPerHour) },
    importMaxBytes: limits.importMaxBytes,
    staff,
    photos,
    admin,
    retention,
    searchIndex,
    templates,
    workshopsVisibleTo: options.workshopsVisibleTo ?? staffWorkshopsVisibleTo(staff),
    config: {
      privacy: options.privacy ?? privacySettingsFromEnv({}),
      staticRoot: staticRoot !== null && fs.existsSync(staticRoot) && fs.statSync(staticRoot).isDirectory() ? staticRoot : null,
    },
  }
  const route = createRouter(routes, deps, serveClient)
  const server = http.createServer((request, response) => {
    setSecurityHeaders(response, request, deps.requests.baseUrl)
    route(request, response).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, 'request failed')
      if (!response.headersSent) sendJson(response, 500, { error: 'Internal server error' })
      else response.destroy()
    })
  })
  server.on('upgrade', (request, socket, head) => sockets.handleUpgrade(request, socket, head))

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

  retention.start()
  // Workshops stored before search existed (or after search.sqlite was deleted): indexed in the background.
  const backfill =
    searchIndex && options.searchBackfill !== false
      ? startSearchBackfill({ index: searchIndex, persistence, loadedWorkshopIds: () => registry.loadedWorkshopIds(), log })
      : null

  let closing: Promise<void> | null = null
  async function close(): Promise<void> {
    await retention.stop()
    await backfill?.stop()
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()))
    sockets.closeConnections(CloseCode.ServerShuttingDown, 'The server is restarting')
    await registry.close()
    sockets.terminate()
    server.closeAllConnections()
    await serverClosed
    await heartbeats?.stop()
    await fanout?.close()
    await history?.close()
    await searchIndex?.close()
    await photos.close()
    await templates.close()
    await staffStorage.close()
    await persistence.close()
    log.info('server closed')
  }

  return {
    url,
    port: address.port,
    instanceId,
    retention,
    rooms: {
      loadedWorkshopIds: () => registry.loadedWorkshopIds(),
      unloaded: (workshopId) => registry.unloaded(workshopId),
      connectionCount: () => sockets.connections.size,
    },
    close: () => (closing ??= close()),
  }
}

/** Redis fan-out between instances; needs storage they share. Closes the storage if it cannot start. */
async function connectFanout(
  redisUrl: string,
  persistence: Persistence,
  { instanceId, options, log, metrics }: { instanceId: string; options: SamskapServerOptions; log: Logger; metrics: ServerMetrics },
): Promise<RedisFanout> {
  if (!isSharedPersistence(persistence)) {
    await persistence.close()
    throw new Error('Redis fan-out needs storage shared by the instances: set DATABASE_URL (PostgreSQL) too')
  }
  try {
    const { RedisFanout } = await import('./scaleout/RedisFanout')
    return await RedisFanout.connect({ redisUrl, instanceId, channelPrefix: options.redisChannelPrefix, log, metrics })
  } catch (error) {
    await persistence.close()
    throw error
  }
}

/** The knowledge bank's index (server/search): the one given, PostgreSQL's with a database URL, else SQLite's. */
async function openSearchIndex(options: SamskapServerOptions, log: Logger): Promise<SearchIndex | null> {
  if (options.searchIndex !== undefined) return options.searchIndex
  if (options.databaseUrl) return (await import('./search/PostgresSearchIndex')).PostgresSearchIndex.open({ connectionString: options.databaseUrl, schema: options.databaseSchema, log })
  return new SqliteSearchIndex(options.dataDir)
}

/**
 * Photos (server/photos), addressed by their hash, never in a Yjs document: in PostgreSQL with a
 * database URL, so every instance has them, after copying in any files an older version left in
 * DATA_DIR/images; else files there.
 */
async function openPhotoStore(options: SamskapServerOptions, imagesDir: string, log: Logger): Promise<PhotoStore> {
  if (!options.databaseUrl) return new FilePhotoStore(imagesDir)
  const { PostgresPhotoStore } = await import('./photos/PostgresPhotoStore')
  const store = await PostgresPhotoStore.open({ connectionString: options.databaseUrl, schema: options.databaseSchema, log })
  try {
    await store.importFiles(imagesDir, log)
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}
