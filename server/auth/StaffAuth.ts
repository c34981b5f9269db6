import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CREATE_KEY_HEADER, type CreationPolicy, type SessionInfo } from '../../shared/staff'
import type { Grant } from '../access/AccessStore'
import type { RequestContext } from '../http/requestContext'
import type { Logger } from '../log'
import type { StaffRow, StaffStorage } from '../staff/StaffStorage'
import { creationPolicy, type AuthSettings } from './authSettings'
import { cookieName, readCookies, setCookie } from './cookies'
import { OidcSignIn } from './OidcSignIn'
import { isSafeMethod, isSameOrigin } from './sameOrigin'

export const SESSION_COOKIE = 'samskap_session'
export const LOGIN_COOKIE = 'samskap_login'
/** How long a person may take at the provider's sign-in page. */
export const LOGIN_MAX_AGE_SECONDS = 10 * 60

/** Who is asking: a signed-in staff member, found through the session cookie. */
export interface StaffSession {
  staff: StaffRow
  idHash: string
  idToken: string
}

/** Whether this request may create (or import) a workshop, and as whom. */
export type CreationCheck = { ok: true; staff: StaffRow | null } | { ok: false; status: 401 | 403; error: string }

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url')
}

/**
 * Staff sign-in as the HTTP layer and the websockets see it: the session cookie (a random value;
 * only its hash is stored, in the database every instance shares), who may create workshops, and
 * the facilitator role a signed-in owner or co-facilitator gets in their workshops on any device.
 */
export class StaffAuth {
  readonly settings: AuthSettings
  readonly storage: StaffStorage
  readonly oidc: OidcSignIn | null
  readonly #requests: RequestContext
  readonly #log: Logger
  #lastSweep = 0

  constructor(options: { settings: AuthSettings; storage: StaffStorage; requests: RequestContext; log: Logger }) {
    this.settings = options.settings
    this.storage = options.storage
    this.#requests = options.requests
    this.#log = options.log
    this.oidc = options.settings.oidc ? new OidcSignIn(options.settings.oidc, options.log) : null
  }

  get policy(): CreationPolicy {
    return creationPolicy(this.settings)
  }

  /** The server is reached over https (PUBLIC_URL, or the proxy's X-Forwarded-Proto with TRUST_PROXY). */
  isSecure(request: IncomingMessage): boolean {
    return this.#requests.baseUrl(request).startsWith('https:')
  }

  cookieName(base: string, request: IncomingMessage): string {
    return cookieName(base, this.isSecure(request))
  }

  /**
   * The signed-in staff member of a request, or null. A request that could change something
   * (not GET/HEAD, and every websocket) counts only from this server's own pages (sameOrigin.ts).
   */
  async sessionOf(request: IncomingMessage, { websocket = false } = {}): Promise<StaffSession | null> {
    if (!this.oidc) return null
    const value = readCookies(request).get(this.cookieName(SESSION_COOKIE, request))
    if (!value || value.length > 100) return null
    if ((websocket || !isSafeMethod(request)) && !isSameOrigin(request, this.#requests)) {
      this.#log.info({ url: request.url, origin: request.headers.origin }, 'session cookie from another origin ignored')
      return null
    }
    const idHash = sha256(value)
    const found = await this.storage.getSession(idHash, Date.now())
    return found ? { staff: found.staff, idHash, idToken: found.session.idToken } : null
  }

  async staffOf(request: IncomingMessage, options?: { websocket?: boolean }): Promise<StaffRow | null> {
    return (await this.sessionOf(request, options))?.staff ?? null
  }

  /** Starts a session for a person who just signed in: a row, and the cookie with its random id. */
  async startSession(request: IncomingMessage, response: ServerResponse, staff: StaffRow, idToken: string): Promise<void> {
    const value = randomBytes(32).toString('base64url')
    const now = Date.now()
    const maxAgeMs = this.settings.sessionHours * 3_600_000
    await this.storage.insertSession({ idHash: sha256(value), staffId: staff.id, createdAt: now, expiresAt: now + maxAgeMs, idToken })
    setCookie(response, this.cookieName(SESSION_COOKIE, request), value, { maxAge: maxAgeMs / 1000, secure: this.isSecure(request) })
    await this.#sweep(now)
  }

  /** Ends the request's session (row and cookie). */
  async endSession(request: IncomingMessage, response: ServerResponse, session: StaffSession | null): Promise<void> {
    if (session) await this.storage.deleteSession(session.idHash)
    setCookie(response, this.cookieName(SESSION_COOKIE, request), '', { maxAge: 0, secure: this.isSecure(request) })
  }

  /** Expired sessions and abandoned sign-ins are deleted now and then, on a sign-in. */
  async #sweep(now: number): Promise<void> {
    if (now - this.#lastSweep < 3_600_000) return
    this.#lastSweep = now
    await this.storage.deleteExpired(now).catch((error: unknown) => this.#log.warn({ err: error }, 'could not delete expired sessions'))
  }

  /**
   * With sign-in: a signed-in staff member (401 otherwise). With `CREATE_KEY`: the key in the
   * `x-samskap-create-key` header (401 without, 403 wrong). Otherwise anyone, as before.
   */
  async mayCreate(request: IncomingMessage): Promise<CreationCheck> {
    if (this.oidc) {
      const staff = await this.staffOf(request)
      return staff ? { ok: true, staff } : { ok: false, status: 401, error: 'Sign in to create workshops' }
    }
    const key = this.settings.createKey
    if (key === null) return { ok: true, staff: null }
    const given = request.headers[CREATE_KEY_HEADER]
    if (typeof given !== 'string' || given === '') return { ok: false, status: 401, error: 'This server needs its creation key to create workshops' }
    const a = Buffer.from(sha256(given))
    const b = Buffer.from(sha256(key))
    return timingSafeEqual(a, b) ? { ok: true, staff: null } : { ok: false, status: 403, error: 'The creation key is not right' }
  }

  /** The facilitator grant of a signed-in owner or co-facilitator of this workshop; null for anyone else. */
  async staffGrant(request: IncomingMessage, workshopId: string, options?: { websocket?: boolean }): Promise<Grant | null> {
    const staff = await this.staffOf(request, options)
    if (!staff) return null
    const role = await this.storage.staffRole(workshopId, staff.id)
    return role ? { role: 'facilitator', participantId: 'facilitator' } : null
  }

  async sessionInfo(request: IncomingMessage): Promise<SessionInfo> {
    const staff = await this.staffOf(request)
    return {
      creation: this.policy,
      signInAvailable: this.oidc !== null,
      staff: staff && { id: staff.id, name: staff.name, email: staff.email, isAdmin: staff.isAdmin },
    }
  }
}
