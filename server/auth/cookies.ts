import type { IncomingMessage, ServerResponse } from 'node:http'

/** The cookies of a request by name (the first of each name wins, as browsers send the most specific first). */
export function readCookies(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    if (cookies.has(name)) continue
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    try {
      cookies.set(name, decodeURIComponent(value))
    } catch {
      // A malformed escape: not ours.
    }
  }
  return cookies
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. */
  maxAge: number
  secure: boolean
}

/**
 * Adds a Set-Cookie header: always HttpOnly (no script reads it), SameSite=Lax (sent when the
 * identity provider redirects back, never on another site's POST or fetch), Path=/, and Secure
 * when the server is reached over https.
 */
export function setCookie(response: ServerResponse, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`]
  if (options.secure) parts.push('Secure')
  const previous = response.getHeader('set-cookie')
  const list = Array.isArray(previous) ? previous : typeof previous === 'string' ? [previous] : []
  response.setHeader('set-cookie', [...list, parts.join('; ')])
}

/**
 * A cookie's name for this scheme: over https `__Host-` is prepended, which browsers accept only
 * with Secure, Path=/ and no Domain, so no other host of the municipality's domain can set or
 * shadow it.
 */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base
}
