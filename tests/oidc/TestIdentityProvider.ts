import { generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'
import type { AuthSettings } from '../../server/auth/authSettings'

/** A staff account of the test provider: `login` is what is typed on its sign-in page. */
export interface TestAccount {
  login: string
  name: string
  email: string
  groups: string[]
}

export const testAccounts: Record<'kari' | 'ola' | 'siri' | 'per', TestAccount> = {
  // An administrator (group `samskap-admin`).
  kari: { login: 'kari', name: 'Kari Nordmann', email: 'kari.nordmann@kommune.no', groups: ['samskap-staff', 'samskap-admin'] },
  ola: { login: 'ola', name: 'Ola Hansen', email: 'ola.hansen@kommune.no', groups: ['samskap-staff'] },
  siri: { login: 'siri', name: 'Siri Berg', email: 'siri.berg@kommune.no', groups: ['samskap-staff'] },
  // Can sign in at the provider but is not staff (no group): refused when OIDC_STAFF_GROUP is set.
  per: { login: 'per', name: 'Per Innbygger', email: 'per@example.no', groups: [] },
}

export const TEST_CLIENT_ID = 'samskap-test'
export const TEST_CLIENT_SECRET = 'test-client-secret-not-for-production'

/**
 * A real OpenID provider (oidc-provider, a certified implementation) on 127.0.0.1 and port 0, in
 * the test's process: discovery, authorization with PKCE required, token, userinfo with a `groups`
 * claim, RP-initiated logout. Its sign-in page is a plain form (a user name, no password) that
 * Playwright fills in like a person would; consent is given by the provider itself (first party).
 * `listen()` first (the issuer is needed to start Samskap), then `register()` Samskap's addresses.
 */
export class TestIdentityProvider {
  readonly issuer: string
  readonly #server: http.Server
  #provider: Provider | null = null

  private constructor(server: http.Server, issuer: string) {
    this.#server = server
    this.issuer = issuer
  }

  static async listen(): Promise<TestIdentityProvider> {
    let handle: http.RequestListener = (_request, response) => {
      response.writeHead(503)
      response.end('not registered yet')
    }
    const server = http.createServer((request, response) => handle(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const idp = new TestIdentityProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    handle = (request, response) => idp.#handle(request, response)
    return idp
  }

  /** Samskap's settings for this provider: administrators by group, staff by group. */
  authSettings(overrides: Partial<NonNullable<AuthSettings['oidc']>> = {}): AuthSettings {
    return {
      oidc: {
        issuer: this.issuer,
        clientId: TEST_CLIENT_ID,
        clientSecret: TEST_CLIENT_SECRET,
        scopes: 'openid profile email',
        groupsClaim: 'groups',
        adminGroup: 'samskap-admin',
        staffGroup: 'samskap-staff',
        adminEmails: [],
        adminSubjects: [],
        ...overrides,
      },
      createKey: null,
      sessionHours: 12,
    }
  }

  /** Admits Samskap at these base URLs (its callback and where logout returns). */
  register(samskapUrls: readonly string[]): void {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const configuration: Configuration = {
      clients: [
        {
          client_id: TEST_CLIENT_ID,
          client_secret: TEST_CLIENT_SECRET,
          redirect_uris: samskapUrls.map((url) => `${url}/auth/callback`),
          post_logout_redirect_uris: samskapUrls.map((url) => `${url}/`),
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' } as never] },
      pkce: { methods: ['S256'], required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      cookies: { keys: ['test-cookie-key'] },
      adapter: MemoryAdapter,
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: { enabled: true, logoutSource: (ctx, form) => void (ctx.body = page('Logg ut', `${form}<button form="op.logoutForm" name="logout" value="yes">Ja, logg meg ut</button>`)) },
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // First party: no consent screen.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const accountId = ctx.oidc.session?.accountId
        const clientId = ctx.oidc.client?.clientId
        if (!accountId || !clientId) return undefined
        const grant = new ctx.oidc.provider.Grant({ clientId, accountId })
        grant.addOIDCScope('openid email profile')
        await grant.save()
        return grant
      },
      findAccount: (_ctx, id) => {
        const account = Object.values(testAccounts).find((a) => a.login === id)
        if (!account) return undefined
        return {
          accountId: id,
          claims: () => ({ sub: `sub-${id}`, name: account.name, email: account.email, email_verified: true, groups: account.groups }),
        }
      },
    }
    this.#provider = new Provider(this.issuer, configuration)
  }

  async #handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const provider = this.#provider
    if (!provider) {
      response.writeHead(503)
      return void response.end('not registered yet')
    }
    try {
      const url = new URL(request.url ?? '/', this.issuer)
      const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname)
      if (interaction && request.method === 'GET') {
        await provider.interactionDetails(request, response)
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        return void response.end(
          page(
            'Logg inn – testkommune',
            `<form method="post" action="/interaction/${interaction[1]}/login"><label>Brukernavn <input name="login" autocomplete="username"></label><button type="submit">Logg inn</button></form>`,
          ),
        )
      }
      if (interaction?.[2] && request.method === 'POST') {
        const body = new URLSearchParams(await readText(request))
        const login = body.get('login') ?? ''
        if (!Object.values(testAccounts).some((a) => a.login === login)) {
          return void (await provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'unknown user' }))
        }
        return void (await provider.interactionFinished(request, response, { login: { accountId: login } }, { mergeWithLastSubmission: false }))
      }
      provider.callback()(request, response)
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' })
      response.end(String(error))
    }
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}

/** The provider's state in memory (its own default says so loudly in every test). */
class MemoryAdapter {
  static readonly store = new Map<string, { payload: Record<string, unknown>; expiresAt: number }>()
  constructor(readonly model: string) {}
  #key(id: string) {
    return `${this.model}:${id}`
  }
  async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
    MemoryAdapter.store.set(this.#key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 })
  }
  async find(id: string) {
    const entry = MemoryAdapter.store.get(this.#key(id))
    return entry && entry.expiresAt > Date.now() ? entry.payload : undefined
  }
  async findByUid(uid: string) {
    for (const [key, entry] of MemoryAdapter.store) if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return entry.payload
    return undefined
  }
  async findByUserCode() {
    return undefined
  }
  async consume(id: string) {
    const entry = MemoryAdapter.store.get(this.#key(id))
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000)
  }
  async destroy(id: string) {
    MemoryAdapter.store.delete(this.#key(id))
  }
  async revokeByGrantId(grantId: string) {
    for (const [key, entry] of MemoryAdapter.store) if (entry.payload.grantId === grantId) MemoryAdapter.store.delete(key)
  }
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`
}

async function readText(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}
