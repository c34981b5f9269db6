import { RateLimiterRes, type RateLimiterAbstract } from './rateLimiters'
import type { Counters } from './Counters'
import type { Limits } from './limits'

const HOUR_SECONDS = 3600
const FIVE_MINUTES_SECONDS = 300
/** A device id is the join page's random id for its tab; anything else is treated as none. */
const DEVICE_ID = /^[A-Za-z0-9-]{8,64}$/

/**
 * Wrong join codes, counted per device and per address (docs/facilitation.md has the arithmetic).
 * Only failures count, so a venue's three hundred phones behind one address join freely.
 *
 * - Per device (the join page's random id, header `x-samskap-device`): a person who keeps typing
 *   wrong codes waits a few minutes, and only that phone waits; twenty people who each mistype once
 *   cost nobody else anything.
 * - Per address: a script can send a new device id with every guess (or none), so the address as a
 *   whole gets a budget sized for a venue's typos, and a guesser meets 429 within a few hundred.
 *
 * With several instances the counts are in Redis (Counters.ts), so the budget is the same whichever
 * instance a guess reaches.
 */
export class JoinThrottle {
  readonly #address: RateLimiterAbstract
  readonly #device: RateLimiterAbstract

  constructor(counters: Counters, limits: Pick<Limits, 'joinFailuresPerAddressPerHour' | 'joinFailuresPerDevicePer5Minutes'>) {
    this.#address = counters('join-address', limits.joinFailuresPerAddressPerHour, HOUR_SECONDS)
    this.#device = counters('join-device', limits.joinFailuresPerDevicePer5Minutes, FIVE_MINUTES_SECONDS)
  }

  /** Whether this device or address has no attempts left; when so, how long until it has. */
  async blocked(address: string, device: string | null): Promise<{ limit: 'address' | 'device'; retryAfterMs: number } | null> {
    const [byAddress, byDevice] = await Promise.all([
      this.#address.get(address),
      device ? this.#device.get(deviceKey(address, device)) : Promise.resolve(null),
    ])
    if (byDevice && byDevice.remainingPoints <= 0) return { limit: 'device', retryAfterMs: byDevice.msBeforeNext }
    if (byAddress && byAddress.remainingPoints <= 0) return { limit: 'address', retryAfterMs: byAddress.msBeforeNext }
    return null
  }

  /** A wrong code or link: counted against the device and the address. */
  async failed(address: string, device: string | null): Promise<void> {
    await Promise.all([consume(this.#address, address), device ? consume(this.#device, deviceKey(address, device)) : null])
  }
}

/** The device id a request carries, when it looks like one. */
export function deviceOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header
  return value !== undefined && DEVICE_ID.test(value) ? value : null
}

function deviceKey(address: string, device: string): string {
  // Bound to the address, so a device id seen from elsewhere is a different device.
  return `${address} ${device}`
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key)
  } catch (rejected) {
    // Over the limit already: the next attempt is refused by `blocked`.
    if (!(rejected instanceof RateLimiterRes)) throw rejected
  }
}
