import { RateLimiterRes, type RateLimiterAbstract } from './rateLimiters'
import type { Counters } from './Counters'

/**
 * So many of something per key per hour: workshops created and imports started per client address,
 * erasures per person (server/limits/README.md). Workshops are counted once a request has passed its
 * checks (a refused template or body makes nothing and costs nothing); an import or an erasure is
 * counted before its costly work, whether or not it then succeeds. Counted in memory
 * or, with several instances, in Redis (Counters.ts).
 */
export class AddressQuota {
  readonly #limiter: RateLimiterAbstract

  /** `name` keeps quotas apart in a shared store (`workshops`, `imports`, `erases`). */
  constructor(counters: Counters, name: string, perHour: number) {
    this.#limiter = counters(name, perHour, 3600)
  }

  /** Takes one for `address` (or whatever the key is): null when there was one, else how long until there is. */
  async take(address: string): Promise<{ retryAfterSeconds: number } | null> {
    try {
      await this.#limiter.consume(address)
      return null
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected
      return { retryAfterSeconds: Math.max(1, Math.ceil(rejected.msBeforeNext / 1000)) }
    }
  }

  /** Gives one back to `key` (taken for something that then did not happen). */
  async giveBack(key: string): Promise<void> {
    await this.#limiter.reward(key, 1)
  }
}
