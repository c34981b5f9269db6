import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// scripts/with-test-services.sh started side by side, as parallel test runs on one machine do: each
// gets its own Redis and PostgreSQL on ports the OS handed out, and both answer. (It used to probe
// its way up from fixed ports, 6391 and 5439, so two runs starting together picked the same one and
// the second failed: "redis-server did not start".)

const run = promisify(execFile)
const repoRoot = path.resolve(import.meta.dirname, '../..')

/** Pings the Redis and PostgreSQL the script exported, and prints their addresses. */
const probe = `
import pg from 'pg'
import { Redis } from 'ioredis'
const redis = new Redis(process.env.TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 })
await redis.connect()
const pong = await redis.ping()
redis.disconnect()
const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
await client.connect()
const one = (await client.query('SELECT 1 AS one')).rows[0].one
await client.end()
console.log(JSON.stringify({ redis: process.env.TEST_REDIS_URL, database: process.env.TEST_DATABASE_URL, pong, one }))
`

async function servicesRun(): Promise<{ redis: string; database: string; pong: string; one: number }> {
  const env = { ...process.env }
  // Set, the script runs the command against these instead of starting its own.
  delete env.TEST_DATABASE_URL
  delete env.TEST_REDIS_URL
  const { stdout } = await run('scripts/with-test-services.sh', [process.execPath, '--input-type=module', '-e', probe], { cwd: repoRoot, env, timeout: 120_000 })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { redis: string; database: string; pong: string; one: number }
}

describe('scripts/with-test-services.sh', () => {
  it('gives runs started together their own Redis and PostgreSQL, on ports the OS handed out', async () => {
    const runs = await Promise.all([servicesRun(), servicesRun(), servicesRun()])
    for (const services of runs) expect(services).toMatchObject({ pong: 'PONG', one: 1 })
    const ports = (key: 'redis' | 'database') => runs.map((services) => Number(new URL(services[key]).port))
    expect(new Set(ports('redis')).size).toBe(3)
    expect(new Set(ports('database')).size).toBe(3)
  }, 180_000)
})
