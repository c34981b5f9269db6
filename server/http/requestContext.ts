import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AccessRefusal } from '../../shared/access'
import type { AccessStore, Grant, WorkshopAccess } from '../access/AccessStore'
import type { StaffAuth } from '../auth/StaffAuth'
import { sendJson } from './httpResponses'

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
 * What the request may do in this workshop: the grant of its token (`AccessStore.resolve`, as on the
 * socket), or, for a signed-in owner or co-facilitator without a facilitator token, the
 * facilitator's (server/auth/StaffAuth.ts); else why it has none.
 */
export async function grantOf(
  deps: { access: AccessStore; staff: Pick<StaffAuth, 'staffGrant'> },
  access: WorkshopAccess,
  request: IncomingMessage,
): Promise<{ grant: Grant; refusal: null } | { grant: null; refusal: AccessRefusal }> {
  const token = requestToken(request)
  const byToken = deps.access.resolve(access, token)
  if (byToken?.role === 'facilitator') return { grant: byToken, refusal: null }
  const grant = (await deps.staff.staffGrant(request, access.workshopId)) ?? byToken
  return grant ? { grant, refusal: null } : { grant: null, refusal: deps.access.whyRefused(access, token) }
}

/** What every route answers a refused token: 401 without one, else 403, with the named `reason`. */
export function refusalAnswer(refusal: AccessRefusal, noTokenMessage: string): { status: number; error: string; reason: AccessRefusal } {
  switch (refusal) {
    case 'noToken':
      return { status: 401, error: noTokenMessage, reason: refusal }
    case 'invalidLink':
      return { status: 403, error: 'This link is not valid (any more); ask the facilitator for a new one', reason: refusal }
    case 'removed':
      return { status: 403, error: 'The facilitator has removed you from this workshop', reason: refusal }
  }
}

export function sendRefusal(response: ServerResponse, refusal: AccessRefusal, noTokenMessage: string): void {
  const { status, ...body } = refusalAnswer(refusal, noTokenMessage)
  sendJson(response, status, body)
}
