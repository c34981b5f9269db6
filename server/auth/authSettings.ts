import type { CreationPolicy } from '../../shared/staff'

/** Staff sign-in through an OpenID Connect provider (Entra ID, ID-porten, Feide, Keycloak, Nextcloud, …). */
export interface OidcSettings {
  /** `OIDC_ISSUER`: the provider's issuer URL; its `/.well-known/openid-configuration` is read on first use. */
  issuer: string
  clientId: string
  /** Null: a public client (PKCE alone, no client authentication). */
  clientSecret: string | null
  /** `OIDC_SCOPES`, default `openid profile email`. */
  scopes: string
  /** `OIDC_GROUPS_CLAIM`, default `groups`: the claim listing the person's groups. */
  groupsClaim: string
  /** `OIDC_ADMIN_GROUP`: members of this group are administrators. */
  adminGroup: string | null
  /** `OIDC_STAFF_GROUP`: when set, only its members (and administrators) may sign in. */
  staffGroup: string | null
  /** `ADMIN_EMAILS`, lower-cased. */
  adminEmails: readonly string[]
  /** `ADMIN_SUBS`: subjects (`sub`) of administrators. */
  adminSubjects: readonly string[]
}

/** How people get to create workshops, and who administers the server. */
export interface AuthSettings {
  oidc: OidcSettings | null
  /** `CREATE_KEY` without sign-in: creating or importing a workshop needs this key. */
  createKey: string | null
  /** How long a staff session lasts (`SESSION_HOURS`, default 12). */
  sessionHours: number
}

export const defaultAuthSettings: AuthSettings = { oidc: null, createKey: null, sessionHours: 12 }

export function creationPolicy(settings: AuthSettings): CreationPolicy {
  return settings.oidc ? 'signIn' : settings.createKey ? 'createKey' : 'open'
}

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')

/**
 * Reads the settings from the environment. Throws with the variable's name when they do not fit
 * together (an issuer without a client id, a session length that is not a number).
 */
export function authSettingsFromEnv(env: Record<string, string | undefined>): AuthSettings {
  const issuer = env.OIDC_ISSUER?.trim() || null
  const createKey = env.CREATE_KEY || null
  const sessionHours = env.SESSION_HOURS ? Number(env.SESSION_HOURS) : 12
  if (!Number.isFinite(sessionHours) || sessionHours <= 0 || sessionHours > 24 * 90) {
    throw new Error('SESSION_HOURS must be a number of hours between 0 and 2160')
  }
  if (createKey !== null && createKey.length < 8) throw new Error('CREATE_KEY must be at least 8 characters')
  if (!issuer) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ADMIN_GROUP', 'ADMIN_EMAILS', 'ADMIN_SUBS']) {
      if (env[name]) throw new Error(`${name} is set but OIDC_ISSUER is not: sign-in needs the provider's issuer URL`)
    }
    return { oidc: null, createKey, sessionHours }
  }
  let issuerUrl: URL
  try {
    issuerUrl = new URL(issuer)
  } catch {
    throw new Error(`OIDC_ISSUER is not a URL: ${issuer}`)
  }
  if (issuerUrl.protocol !== 'https:' && !isLoopback(issuerUrl)) throw new Error('OIDC_ISSUER must be an https URL')
  const clientId = env.OIDC_CLIENT_ID?.trim()
  if (!clientId) throw new Error('OIDC_ISSUER is set but OIDC_CLIENT_ID is not')
  return {
    oidc: {
      issuer,
      clientId,
      clientSecret: env.OIDC_CLIENT_SECRET || null,
      scopes: env.OIDC_SCOPES?.trim() || 'openid profile email',
      groupsClaim: env.OIDC_GROUPS_CLAIM?.trim() || 'groups',
      adminGroup: env.OIDC_ADMIN_GROUP?.trim() || null,
      staffGroup: env.OIDC_STAFF_GROUP?.trim() || null,
      adminEmails: list(env.ADMIN_EMAILS).map((email) => email.toLowerCase()),
      adminSubjects: list(env.ADMIN_SUBS),
    },
    // With sign-in, staff create workshops; a creation key would only be a second, weaker door.
    createKey: null,
    sessionHours,
  }
}

/** Plain http is allowed only for a provider on this machine (tests, trying it out). */
export function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
}
