import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpDeps } from '../http/HttpDeps'
import { sendJson } from '../http/httpResponses'
import { readCookies, setCookie } from './cookies'
import { isSameOrigin } from './sameOrigin'
import { LOGIN_COOKIE, LOGIN_MAX_AGE_SECONDS, sha256 } from './StaffAuth'
import { staffFromClaims } from './staffIdentity'

/*
 * Staff sign-in (OpenID Connect, authorization code flow with PKCE):
 *   GET  /auth/login?returnTo=/path   to the provider; a login cookie binds its answer to this browser
 *   GET  /auth/callback               the provider's answer: a session, then back to returnTo
 *   POST /auth/logout                 ends the session; answers where to go (the provider's logout)
 *   GET  /api/me                      how creation works here, and who is signed in
 * Failures come back to the home page as `/?signIn=<reason>`, which it explains.
 */

export type SignInFailure = 'unavailable' | 'expired' | 'cancelled' | 'failed' | 'notStaff'

/** Only paths on this server: never `//other.host` or a full URL (an open redirect). */
export function safeReturnTo(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || raw.length > 500) return '/'
  return /^[\x21-\x7e]*$/.test(raw) ? raw : '/'
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location, 'cache-control': 'no-store' })
  response.end()
}

function failed(response: ServerResponse, reason: SignInFailure): void {
  redirect(response, `/?signIn=${reason}`)
}

export async function startSignIn(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const { staff } = deps
  if (!staff.oidc) return sendJson(response, 404, { error: 'Sign-in is not configured on this server (OIDC_ISSUER)' })
  const returnTo = safeReturnTo(new URL(request.url ?? '/', 'http://localhost').searchParams.get('returnTo'))
  let started
  try {
    started = await staff.oidc.start(`${deps.requests.baseUrl(request)}/auth/callback`)
  } catch {
    return failed(response, 'unavailable')
  }
  const value = randomBytes(24).toString('base64url')
  await staff.storage.insertLogin({ idHash: sha256(value), ...started.checks, returnTo, expiresAt: Date.now() + LOGIN_MAX_AGE_SECONDS * 1000 })
  setCookie(response, staff.cookieName(LOGIN_COOKIE, request), value, { maxAge: LOGIN_MAX_AGE_SECONDS, secure: staff.isSecure(request) })
  redirect(response, started.url.toString())
}

export async function finishSignIn(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const { staff } = deps
  if (!staff.oidc) return sendJson(response, 404, { error: 'Sign-in is not configured on this server (OIDC_ISSUER)' })
  const loginCookie = staff.cookieName(LOGIN_COOKIE, request)
  const value = readCookies(request).get(loginCookie)
  setCookie(response, loginCookie, '', { maxAge: 0, secure: staff.isSecure(request) })
  const pending = value ? await staff.storage.takeLogin(sha256(value), Date.now()) : undefined
  if (!pending) return failed(response, 'expired')
  const query = new URL(request.url ?? '/', 'http://localhost').search
  const params = new URLSearchParams(query)
  if (params.has('error')) {
    deps.log.info({ error: params.get('error') }, 'sign-in refused or cancelled at the provider')
    return failed(response, 'cancelled')
  }
  let signedIn
  try {
    signedIn = await staff.oidc.finish(new URL(`${deps.requests.baseUrl(request)}/auth/callback${query}`), pending)
  } catch (error) {
    deps.log.warn({ err: error }, 'sign-in failed')
    return failed(response, 'failed')
  }
  const identity = staffFromClaims(signedIn.claims, staff.oidc.settings, Date.now())
  if (!identity.ok) {
    deps.log.info({ reason: identity.reason }, 'sign-in refused')
    return failed(response, identity.reason === 'notStaff' ? 'notStaff' : 'failed')
  }
  const person = await staff.storage.upsertStaff(identity.staff)
  await staff.startSession(request, response, person, signedIn.idToken)
  deps.log.info({ staffId: person.id, admin: person.isAdmin }, 'staff signed in')
  redirect(response, pending.returnTo)
}

export async function signOut(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const { staff } = deps
  if (!isSameOrigin(request, deps.requests)) return sendJson(response, 403, { error: 'Sign out from Samskap itself' })
  const session = await staff.sessionOf(request)
  await staff.endSession(request, response, session)
  const home = `${deps.requests.baseUrl(request)}/`
  const providerLogout = session && staff.oidc ? await staff.oidc.logoutUrl(session.idToken, home) : null
  if (session) deps.log.info({ staffId: session.staff.id }, 'staff signed out')
  sendJson(response, 200, { redirect: providerLogout ?? '/' })
}

export async function me(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  sendJson(response, 200, await deps.staff.sessionInfo(request))
}
