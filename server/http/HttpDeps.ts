import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AccessStore } from '../access/AccessStore'
import type { WorkshopsVisibleTo } from '../access/WorkshopsVisibleTo'
import type { AdminOverview } from '../admin/AdminOverview'
import type { StaffAuth } from '../auth/StaffAuth'
import type { Retention } from '../retention/Retention'
import type { WorkshopHistory } from '../history/WorkshopHistory'
import type { Logger } from '../log'
import type { AddressQuota } from '../limits/AddressQuota'
import type { JoinThrottle } from '../limits/JoinThrottle'
import type { ServerMetrics } from '../metrics'
import type { PrivacySettings } from '../privacy/privacySettings'
import type { Persistence } from '../persistence/Persistence'
import type { PhotoStore } from '../photos/PhotoStore'
import type { SearchIndex } from '../search/SearchIndex'
import type { TemplateStore } from '../templates/TemplateStore'
import type { RoomRegistry } from '../sync/RoomRegistry'
import type { RequestContext } from './requestContext'

/** Settings the routes read (createSamskapServer's options, resolved). */
export interface HttpConfig {
  /** The built client, when its directory exists. */
  staticRoot: string | null
  /** The controller, contact and retention the privacy page shows (PRIVACY_*, RETENTION_DAYS). */
  privacy: PrivacySettings
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
  /** Wrong join codes per device and per address (server/limits). */
  joinThrottle: JoinThrottle
  /** Workshops created and imports started per address (server/limits). */
  quotas: { workshops: AddressQuota; imports: AddressQuota }
  /** Largest import body (IMPORT_MAX_BYTES). */
  importMaxBytes: number
  /** Staff sign-in, sessions, who may create workshops, owners and co-facilitators (server/auth, server/staff). */
  staff: StaffAuth
  /** Residents' photos by content hash: DATA_DIR/images, or PostgreSQL with DATABASE_URL (server/photos). */
  photos: PhotoStore
  /** The administrator's overview of every workshop (server/admin). */
  admin: AdminOverview
  /** When unused workshops are deleted, and keeping one longer (server/retention). */
  retention: Retention
  /** The knowledge bank's full-text index (server/search); null when search is off. */
  searchIndex: SearchIndex | null
  /** Templates of one's own, saved by staff for their colleagues (server/templates). */
  templates: TemplateStore
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
