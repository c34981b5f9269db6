import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/**
 * So many of something per client address per hour: workshops created, imports started
 * (server/limits/README.md). Each request counts, whether or not it then succeeds.
 */
export class AddressQuota {
  readonly #limiter: RateLimiterMemory

  constructor(perHour: number) {
    this.#limiter = new RateLimiterMemory({ points: perHour, duration: 3600 })
  }

  /** Takes one for `address`: null when there was one, else how long until there is. */
  async take(address: string): Promise<{ retryAfterSeconds: number } | null> {
    try {
      await this.#limiter.consume(address)
      return null
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected
      return { retryAfterSeconds: Math.max(1, Math.ceil(rejected.msBeforeNext / 1000)) }
    }
  }
}
