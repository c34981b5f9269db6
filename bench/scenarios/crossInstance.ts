import { startServer, type RunningServer } from '../lib/servers'
import { runRateScenario, type Cluster, type RateScenarioConfig, type RateScenarioResult } from './rateSteps'

/** Why (x) sits out when the services are missing; the whole bench still runs. */
export const crossInstanceNeeds = 'not run: needs PostgreSQL and Redis (run under scripts/with-test-services.sh)'

/** TEST_DATABASE_URL and TEST_REDIS_URL (set by scripts/with-test-services.sh), or null. */
export function crossInstanceServices(): { databaseUrl: string; redisUrl: string } | null {
  const databaseUrl = process.env.TEST_DATABASE_URL
  const redisUrl = process.env.TEST_REDIS_URL
  return databaseUrl && redisUrl ? { databaseUrl, redisUrl } : null
}

/**
 * Scenario (x): two Samskap instances (each its own process pinned to core 0, like every server
 * under test) sharing one PostgreSQL and one Redis. Workshops are created and load sockets write on
 * instance A; the probe sits on instance B, so every measured update goes client → A (PostgreSQL
 * commit, Redis publish) → B → client. The rate steps and convergence check are those of (a)/(b).
 */
export async function runCrossInstance(config: RateScenarioConfig, log: (line: string) => void): Promise<RateScenarioResult> {
  const services = crossInstanceServices()
  if (!services) throw new Error(crossInstanceNeeds)
  // Instances sharing PostgreSQL need one server secret; the test database is a throwaway.
  const env = { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, SAMSKAP_SECRET: process.env.SAMSKAP_SECRET || 'bench-cross-instance-not-a-real-secret' }
  const startCluster = async (): Promise<Cluster> => {
    // One after the other: the first creates the schema, the second finds it.
    const a = await startServer('samskap', { env })
    let b: RunningServer
    try {
      b = await startServer('samskap', { env })
    } catch (error) {
      await a.stop()
      throw error
    }
    return { load: a, probe: b, all: [a, b] }
  }
  return runRateScenario('samskap', config, log, startCluster)
}
