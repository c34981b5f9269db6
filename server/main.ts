import { authSettingsFromEnv, type AuthSettings } from './auth/authSettings'
import { createSamskapServer } from './createSamskapServer'
import { limitsFromEnv } from './limits/limits'
import { createLogger } from './log'
import { privacySettingsFromEnv, type PrivacySettings } from './privacy/privacySettings'

/** Entry point: configuration from the environment, clean shutdown on SIGTERM/SIGINT. */
const log = createLogger(process.env.LOG_LEVEL ?? 'info')

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) {
    log.fatal({ name, raw }, 'environment variable must be a non-negative integer')
    process.exit(1)
  }
  return value
}

let privacy: PrivacySettings
let auth: AuthSettings
try {
  privacy = privacySettingsFromEnv(process.env)
  auth = authSettingsFromEnv(process.env)
} catch (error) {
  log.fatal({ err: error }, (error as Error).message)
  process.exit(1)
}
if (!privacy.controller) log.warn('PRIVACY_CONTROLLER is not set: the privacy page (/privacy) says the controller has not been named')
const { limits, problems } = limitsFromEnv(process.env)
if (problems.length > 0) {
  log.fatal({ problems }, 'a limit in the environment is not valid')
  process.exit(1)
}
if (auth.oidc && process.env.CREATE_KEY) log.warn('CREATE_KEY is ignored: with OIDC_ISSUER only signed-in staff create workshops')

const server = await createSamskapServer({
  port: intFromEnv('PORT', 8080),
  host: process.env.HOST || '0.0.0.0',
  dataDir: process.env.DATA_DIR || './data',
  staticDir: process.env.STATIC_DIR || './dist',
  unloadDelayMs: intFromEnv('UNLOAD_DELAY_MS', 10_000),
  // Both set: one of several instances sharing PostgreSQL and Redis (docs/deploy.md). Neither: SQLite.
  databaseUrl: process.env.DATABASE_URL || undefined,
  redisUrl: process.env.REDIS_URL || undefined,
  publicUrl: process.env.PUBLIC_URL || undefined,
  trustProxy: ['1', 'true', 'yes'].includes((process.env.TRUST_PROXY ?? '').toLowerCase()),
  limits,
  auth,
  // RETENTION_DAYS, read once with the privacy settings: the page says what the sweep does.
  retentionDays: privacy.retentionDays,
  secret: process.env.SAMSKAP_SECRET || undefined,
  privacy,
  logger: log,
})
// `port` as its own field: scripts and tests starting the server with PORT=0 read it from here.
log.info(
  { url: server.url, port: server.port, creation: auth.oidc ? 'signIn' : auth.createKey ? 'createKey' : 'open', retentionDays: server.retention.days },
  'Samskap server listening',
)

let shuttingDown = false
function shutdown(signal: string): void {
  if (shuttingDown) return
  shuttingDown = true
  log.info({ signal }, 'shutting down')
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    },
  )
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
