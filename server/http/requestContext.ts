import type { IncomingMessage } from 'node:http'
import type { AccessStore, Grant, WorkshopAccess } from '../access/AccessStore'

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

/** The grant of the request's token for this workshop, or null. */
export function grantOf(accessStore: AccessStore, access: WorkshopAccess, request: IncomingMessage): Grant | null {
  return accessStore.resolve(access, requestToken(request))
}
