import type { IncomingMessage } from 'node:http'
import type { AccessStore, Grant } from '../access/AccessStore'
import type { StaffAuth } from '../auth/StaffAuth'
import type { AccessRow } from '../persistence/Persistence'

/** How the server reads who is asking and where it is reachable. */
export interface RequestContext {
  /**
   * The address people use, for links and QR codes: PUBLIC_URL when set, else the request's own
   * Host (and, behind a proxy that says so, X-Forwarded-Proto/Host).
   */
  baseUrl(request: IncomingMessage): string
  /** The client's address for rate limits (X-Forwarded-For's first hop when TRUST_PROXY is set). */
  clientAddress(request: IncomingMessage): string
}

export interface ContextOptions {
  publicUrl?: string
  trustProxy?: boolean
}

export function createRequestContext(options: ContextOptions): RequestContext {
  const publicUrl = options.publicUrl?.replace(/\/+$/, '')
  const header = (request: IncomingMessage, name: string): string | undefined => {
    const value = request.headers[name]
    return (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined
  }
  return {
    baseUrl(request) {
      if (publicUrl) return publicUrl
      const proto = (options.trustProxy && header(request, 'x-forwarded-proto')) || ('encrypted' in request.socket && request.socket.encrypted ? 'https' : 'http')
      const host = (options.trustProxy && header(request, 'x-forwarded-host')) || header(request, 'host') || 'localhost'
      return `${proto}://${host}`
    },
    clientAddress(request) {
      return (options.trustProxy && header(request, 'x-forwarded-for')) || request.socket.remoteAddress || 'unknown'
    },
  }
}

/** The token a request carries: `Authorization: Bearer <token>`, else `?token=`. */
export function requestToken(request: IncomingMessage): string | null {
  const authorization = request.headers.authorization
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim() || null
  return new URL(request.url ?? '/', 'http://localhost').searchParams.get('token')
}

/**
 * What the request may do in this workshop: the grant of its token, or, for a signed-in owner or
 * co-facilitator without a facilitator token, the facilitator's (server/auth/StaffAuth.ts). Null: neither.
 */
export async function grantOf(
  deps: { access: AccessStore; staff: Pick<StaffAuth, 'staffGrant'> },
  access: AccessRow,
  request: IncomingMessage,
): Promise<Grant | null> {
  const byToken = deps.access.resolve(access, requestToken(request))
  if (byToken?.role === 'facilitator') return byToken
  return (await deps.staff.staffGrant(request, access.workshopId)) ?? byToken
}
