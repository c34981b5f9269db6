/**
 * A token bucket: holds up to `capacity` and refills `capacity` every `periodMs`, continuously. A
 * take is two multiplications and a comparison, with no timers: the limits on the message path run
 * for every message of a room of hundreds (server/limits/README.md).
 */
export class TokenBucket {
  #level: number
  #at: number

  constructor(
    readonly capacity: number,
    readonly periodMs: number,
    now: number = Date.now(),
  ) {
    this.#level = capacity
    this.#at = now
  }

  /** Takes `amount` when that much is left (true); otherwise takes nothing (false). */
  take(amount: number, now: number = Date.now()): boolean {
    const level = this.level(now)
    if (amount > level) return false
    this.#level = level - amount
    return true
  }

  /** What is left at `now`. */
  level(now: number = Date.now()): number {
    if (now > this.#at) {
      this.#level = Math.min(this.capacity, this.#level + ((now - this.#at) * this.capacity) / this.periodMs)
      this.#at = now
    }
    return this.#level
  }

  /** Full again: nothing taken that has not been given back. */
  isFull(now: number = Date.now()): boolean {
    return this.level(now) >= this.capacity
  }
}
