import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Nothing a resident's browser loads comes from anywhere but this server: no fonts, scripts,
 * images or analytics from third parties, so no one else learns who took part (docs/deploy.md,
 * the privacy page). The built client needs nothing more: its scripts and styles are files in
 * /assets (no inline script; vite-plugin-pwa registers the service worker from /registerSW.js),
 * photos are blobs or /api/images, exports are made in the browser.
 *
 * `style-src` allows no inline `<style>`; React's `style` props are set through the CSSOM, which
 * CSP does not govern. `connect-src` names the websocket origin too: CSP 3 lets 'self' match
 * ws(s) of the same host, but Safari before 15.4 did not, and a reverse proxy's scheme may differ.
 */
const fixedDirectives: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  // The app never runs in someone else's frame (clickjacking); the projector opens a window, not a frame.
  "frame-ancestors 'self'",
]

/**
 * The camera is allowed here only (photos on a phone come from the file picker's camera, which the
 * policy does not govern, but a later in-page capture would need it); nothing else the app does not use.
 */
export const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()'

/** A Host header we are willing to write into a header: a name or an address, and a port. */
const HOST_PATTERN = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** The Content-Security-Policy for a page reached at `baseUrl` (PUBLIC_URL or the request's host). */
export function contentSecurityPolicy(baseUrl: string): string {
  const sockets = websocketOrigin(baseUrl)
  return [...fixedDirectives, `connect-src 'self'${sockets ? ` ${sockets}` : ''}`].join('; ')
}

/** `wss://host` for `https://host` (`ws://` for http), or null for anything that is not a plain origin. */
export function websocketOrigin(baseUrl: string): string | null {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(baseUrl)
  if (!match?.[1] || !match[2] || !HOST_PATTERN.test(match[2])) return null
  return `${match[1].toLowerCase() === 'https' ? 'wss' : 'ws'}://${match[2].toLowerCase()}`
}

/**
 * Sets the headers every answer carries, before the route writes its own: the CSP (on every
 * answer, not only HTML: an SVG or JSON opened directly runs under it too), no MIME sniffing, no
 * address in the Referer when a person follows a link out (a workshop link carries its id), and the
 * permissions policy.
 */
export function setSecurityHeaders(response: ServerResponse, request: IncomingMessage, baseUrl: (request: IncomingMessage) => string): void {
  response.setHeader('content-security-policy', contentSecurityPolicy(baseUrl(request)))
  response.setHeader('referrer-policy', 'no-referrer')
  response.setHeader('x-content-type-options', 'nosniff')
  response.setHeader('permissions-policy', PERMISSIONS_POLICY)
}
