import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { SamskapServer, SamskapServerOptions } from '../../server/createSamskapServer'
import { withSignIn } from '../oidc/withSignIn'
import { createWorkshop, synced, TestResources, waitFor, type Client } from '../server/helpers'

/**
 * The real Redis and PostgreSQL that scripts/with-test-services.sh starts (npm test runs it). A
 * missing variable fails the test with its name: these tests never skip themselves.
 */
export function requireEnv(name: string): string {
  const value = process.env[name]
  if (!value) {
    throw new Error(
      `${name} is not set. The scale-out tests need a real Redis and PostgreSQL: run them with \`npm test\` ` +
        'or `npm run test:scaleout` (they install redis-server and PostgreSQL if missing, and ' +
        'scripts/with-test-services.sh starts both), or export TEST_DATABASE_URL and TEST_REDIS_URL yourself.',
    )
  }
  return value
}

/** A schema and a Redis channel prefix of the test's own, so tests never see each other's rows or messages. */
export interface Isolation {
  databaseUrl: string
  redisUrl: string
  schema: string
  channelPrefix: string
  /** SAMSKAP_SECRET of the test's instances. */
  secret: string
}

export async function isolate(resources: TestResources): Promise<Isolation> {
  const databaseUrl = requireEnv('TEST_DATABASE_URL')
  const redisUrl = requireEnv('TEST_REDIS_URL')
  const tag = randomBytes(5).toString('hex')
  const schema = `t_${tag}`
  resources.defer(async () => {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    } finally {
      await client.end()
    }
  })
  return { databaseUrl, redisUrl, schema, channelPrefix: `samskap-test:${tag}:`, secret: randomBytes(32).toString('base64url') }
}

/** One server instance sharing the test's PostgreSQL schema and Redis channels. */
export async function startInstance(
  resources: TestResources,
  isolation: Isolation,
  options: Partial<SamskapServerOptions> = {},
): Promise<SamskapServer> {
  return resources.startServer({
    dataDir: await resources.tempDir(),
    databaseUrl: isolation.databaseUrl,
    databaseSchema: isolation.schema,
    redisUrl: isolation.redisUrl,
    redisChannelPrefix: isolation.channelPrefix,
    redisKeyPrefix: isolation.channelPrefix,
    unloadDelayMs: 200,
    // Instances sharing PostgreSQL share a server secret (one per test, like the schema).
    secret: isolation.secret,
    ...options,
  })
}

/** Two instances of one deployment with staff sign-in through a test OpenID provider (withSignIn). */
export function twoInstancesWithSignIn(resources: TestResources, isolation: Isolation) {
  return withSignIn(resources, async (auth) => [
    await startInstance(resources, isolation, { auth }),
    await startInstance(resources, isolation, { auth }),
  ] as const)
}

/** Two instances sharing the test's schema and channels, one workshop, and a synced client on each. */
export async function twoInstancesOneWorkshop(resources: TestResources): Promise<{
  isolation: Isolation
  first: SamskapServer
  second: SamskapServer
  id: string
  a: Client
  b: Client
}> {
  const isolation = await isolate(resources)
  const first = await startInstance(resources, isolation)
  const second = await startInstance(resources, isolation)
  const id = await createWorkshop(first.url)
  const a = resources.connect(first.url, id)
  const b = resources.connect(second.url, id)
  await Promise.all([synced(a.provider), synced(b.provider)])
  return { isolation, first, second, id, a, b }
}

/** Runs a query in the test's schema. */
export async function queryTestSchema<T extends pg.QueryResultRow>(
  isolation: Isolation,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: isolation.databaseUrl, options: `-c search_path=${isolation.schema}` })
  await client.connect()
  try {
    return (await client.query<T>(sql, values)).rows
  } finally {
    await client.end()
  }
}

function portOf(url: string): number {
  return Number(new URL(url).port)
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
}

async function waitForPort(port: number, open: boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while ((await portOpen(port)) !== open) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Kills the Redis that with-test-services.sh started (only that PID) and waits until it is gone. */
export async function killRedis(): Promise<void> {
  const pid = Number(fs.readFileSync(requireEnv('TEST_REDIS_PIDFILE'), 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 0) throw new Error('no Redis pid in TEST_REDIS_PIDFILE')
  process.kill(pid, 'SIGKILL')
  await waitFor(() => !isAlive(pid), 'Redis exits')
  await waitForPort(portOf(requireEnv('TEST_REDIS_URL')), false, 'Redis port closes')
}

/** Starts that Redis again with the same configuration (it daemonizes and writes its pidfile). */
export async function startRedis(): Promise<void> {
  const result = spawnSync(requireEnv('TEST_REDIS_BIN'), [requireEnv('TEST_REDIS_CONF')], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`redis-server exited with ${result.status}`)
  await waitForPort(portOf(requireEnv('TEST_REDIS_URL')), true, 'Redis accepts connections')
}

function pgCtl(args: string[]): void {
  const pgCtlPath = requireEnv('TEST_PG_CTL')
  const user = process.env.TEST_PG_OS_USER
  const [command, commandArgs] = user ? ['runuser', ['-u', user, '--', pgCtlPath, ...args]] : [pgCtlPath, args]
  // The log file, not our stdout: a postmaster holding the test runner's pipe would outlive it.
  const result = spawnSync(command, commandArgs, { stdio: 'ignore' })
  if (result.status !== 0) throw new Error(`pg_ctl ${args.join(' ')} exited with ${result.status}`)
}

/** Stops the test cluster the way an operator's restart does (`-m fast`: sessions are cut). */
export function stopPostgres(): void {
  pgCtl(['-D', requireEnv('TEST_PG_DATA'), '-m', 'fast', '-w', 'stop'])
}

export function startPostgres(): void {
  pgCtl(['-D', requireEnv('TEST_PG_DATA'), '-o', requireEnv('TEST_PG_OPTIONS'), '-l', requireEnv('TEST_PG_LOG'), '-w', 'start'])
}
