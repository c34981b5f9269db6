import type { IncomingMessage } from 'node:http'
import type { RequestContext } from '../http/requestContext'

/**
 * Whether a request that a session cookie would authenticate comes from this server's own pages.
 * SameSite=Lax already keeps the cookie off other sites' POSTs and fetches; this also refuses
 * sibling hosts of the same site (another `*.kommune.no`) and old browsers. Browsers send
 * `Sec-Fetch-Site` (trusted first: it is right behind any proxy) or at least `Origin` on every
 * POST and websocket; a request with neither is not from a browser, so no cookie was borrowed.
 */
export function isSameOrigin(request: IncomingMessage, requests: RequestContext): boolean {
  const site = request.headers['sec-fetch-site']
  if (typeof site === 'string') return site === 'same-origin'
  const origin = request.headers.origin
  if (typeof origin !== 'string') return true
  if (origin === 'null') return false
  const own = new Set([originOf(requests.baseUrl(request)), originOf(`http://${request.headers.host ?? ''}`), originOf(`https://${request.headers.host ?? ''}`)])
  return own.has(originOf(origin))
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return ''
  }
}

/** Methods that change nothing: a cookie may authenticate them from anywhere the browser sends it. */
export function isSafeMethod(request: IncomingMessage): boolean {
  return request.method === 'GET' || request.method === 'HEAD'
}
