import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RateLimiterMemory } from 'rate-limiter-flexible'
import type { AccessStore } from '../access/AccessStore'
import type { WorkshopsVisibleTo } from '../access/WorkshopsVisibleTo'
import type { WorkshopHistory } from '../history/WorkshopHistory'
import type { Logger } from '../log'
import type { ServerMetrics } from '../metrics'
import type { Persistence } from '../persistence/Persistence'
import type { SearchIndex } from '../search/SearchIndex'
import type { RoomRegistry } from '../sync/RoomRegistry'
import type { RequestContext } from './requestContext'

/** Settings the routes read (createSamskapServer's options, resolved). */
export interface HttpConfig {
  /** Photos, content-addressed: `DATA_DIR/images`. */
  imagesDir: string
  /** The built client, when its directory exists. */
  staticRoot: string | null
}

/** Everything a route handler may use: one object, built once in createSamskapServer. */
export interface HttpDeps {
  persistence: Persistence
  access: AccessStore
  registry: RoomRegistry
  /** Open sync sockets on this instance. */
  connectionCount(): number
  /** Null when the storage cannot keep history (an injected test store). */
  history: WorkshopHistory | null
  metrics: ServerMetrics
  log: Logger
  /** Where people reach the server, and who is asking (PUBLIC_URL, TRUST_PROXY). */
  requests: RequestContext
  /** Failed join attempts per client address (accessApi.ts). */
  joinLimiter: RateLimiterMemory
  /** The knowledge bank's full-text index (server/search); null when search is off. */
  searchIndex: SearchIndex | null
  /** Which workshops the signed-in person asking may see; the seam staff sign-in fills in. */
  workshopsVisibleTo: WorkshopsVisibleTo
  config: HttpConfig
}

/**
 * Answers one request. `params` are the route pattern's groups as they stand in the path (not
 * percent-decoded: handlers decode what they use, see `decodeParam`).
 */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse, deps: HttpDeps, params: readonly string[]) => Promise<void> | void

/** A path parameter percent-decoded, or null when its escapes are malformed. */
export function decodeParam(raw: string | undefined): string | null {
  if (raw === undefined) return null
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}
