import type * as OpenIdClient from 'openid-client'
import type { Logger } from '../log'
import { isLoopback, type OidcSettings } from './authSettings'
import type { Claims } from './staffIdentity'

/** What the callback needs to finish a sign-in that `start` began (kept server-side, bound to the browser). */
export interface SignInChecks {
  state: string
  nonce: string
  codeVerifier: string
}

/** The provider's answer, checked: the claims of the ID token and userinfo, and the ID token for logout. */
export interface SignedIn {
  claims: Claims
  idToken: string
}

/**
 * The authorization code flow with PKCE against the configured provider, through openid-client
 * (which checks state, nonce, the ID token's signature, issuer, audience and expiry). The
 * provider's metadata is discovered on first use and kept; a failed discovery is tried again on
 * the next sign-in, so the server starts even while the provider is unreachable.
 */
/** The provider's metadata, and openid-client itself, loaded with it. */
interface Provider {
  oidc: typeof OpenIdClient
  config: OpenIdClient.Configuration
}

export class OidcSignIn {
  readonly settings: OidcSettings
  readonly #log: Logger
  #provider: Promise<Provider> | null = null

  constructor(settings: OidcSettings, log: Logger) {
    this.settings = settings
    this.#log = log
  }

  /**
   * openid-client (with jose under it) is imported on the first sign-in, not at start: loading it
   * and the other optional back ends' modules cost every server ~0.2 s of CPU at each (re)start.
   */
  #connect(): Promise<Provider> {
    if (!this.#provider) {
      const { issuer, clientId, clientSecret } = this.settings
      const insecure = new URL(issuer).protocol === 'http:' && isLoopback(new URL(issuer))
      this.#provider = import('openid-client')
        .then(async (oidc) => {
          const config = await oidc.discovery(new URL(issuer), clientId, clientSecret ?? undefined, clientSecret ? undefined : oidc.None(), {
            timeout: 10,
            ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
          })
          return { oidc, config }
        })
        .catch((error: unknown) => {
          this.#provider = null
          this.#log.error({ err: error, issuer }, 'OpenID provider discovery failed')
          throw error
        })
    }
    return this.#provider
  }

  /** The provider's sign-in address, and the checks to keep until it sends the person back. */
  async start(redirectUri: string): Promise<{ url: URL; checks: SignInChecks }> {
    const { oidc, config } = await this.#connect()
    const codeVerifier = oidc.randomPKCECodeVerifier()
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier }
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    })
    return { url, checks }
  }

  /**
   * Exchanges the code in `callbackUrl` (the redirect URI plus the provider's query) for tokens,
   * checked against `checks`; throws what openid-client throws when anything does not match.
   */
  async finish(callbackUrl: URL, checks: SignInChecks): Promise<SignedIn> {
    const { oidc, config } = await this.#connect()
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    })
    const idClaims = tokens.claims()
    if (!idClaims) throw new Error('the provider sent no ID token')
    let claims: Claims = { ...idClaims }
    // Many providers put e-mail and groups only in userinfo (or only when asked for them there).
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      try {
        const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
        claims = { ...userinfo, ...claims, ...pick(userinfo, ['email', 'name', 'given_name', 'family_name', this.settings.groupsClaim]) }
      } catch (error) {
        this.#log.warn({ err: error }, 'userinfo request failed; using the ID token alone')
      }
    }
    return { claims, idToken: tokens.id_token ?? '' }
  }

  /** Where to send a person who signs out, so they are signed out at the provider too; null if it has no such endpoint. */
  async logoutUrl(idToken: string, postLogoutRedirectUri: string): Promise<string | null> {
    let provider: Provider
    try {
      provider = await this.#connect()
    } catch {
      return null
    }
    const { oidc, config } = provider
    if (!config.serverMetadata().end_session_endpoint) return null
    return oidc
      .buildEndSessionUrl(config, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : { client_id: this.settings.clientId }),
      })
      .toString()
  }
}

function pick(source: Claims, keys: readonly string[]): Claims {
  const out: Claims = {}
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key]
  return out
}
