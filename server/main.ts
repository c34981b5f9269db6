import { createSamskapServer } from './createSamskapServer'
import { createLogger } from './log'

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
  secret: process.env.SAMSKAP_SECRET || undefined,
  logger: log,
})
// `port` as its own field: scripts and tests starting the server with PORT=0 read it from here.
log.info({ url: server.url, port: server.port }, 'Samskap server listening')

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
