import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from './rateLimiters'

/**
 * Where the counters per address and per device live (rate-limiter-flexible): each instance's
 * memory, or Redis with several instances (REDIS_URL), so a limit holds across all of them and a
 * guesser spread over N instances gets no N times the tries.
 */
export type Counters = (name: string, points: number, durationSeconds: number) => RateLimiterAbstract

export function memoryCounters(): Counters {
  return (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration })
}

/**
 * Counters in Redis under `<keyPrefix>limit:<name>:<key>`, each expiring with its window. While
 * Redis cannot answer, each instance counts in its own memory (the library's `insuranceLimiter`)
 * rather than let everyone through or refuse everyone: the limits hold per instance, as they did
 * with one.
 */
export function redisCounters(client: Redis, keyPrefix: string): Counters {
  return (name, points, duration) =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${keyPrefix}limit:${name}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
    })
}
