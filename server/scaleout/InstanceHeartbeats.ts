import type { Redis } from 'ioredis'
import type { Logger } from '../log'

export interface InstanceHeartbeatsOptions {
  redis: Redis
  instanceId: string
  /** Keys are `<keyPrefix>instance:<id>`. */
  keyPrefix: string
  /** How often this instance renews its key and looks at the others'. Default 750 ms. */
  intervalMs?: number
  /** How long a key outlives its last renewal. Default 2 000 ms. */
  ttlMs?: number
  /** The other instances whose people this one shows (the rooms' presence). */
  peers(): Iterable<string>
  /** An instance's key expired: it died (or stalled) without closing its sockets. */
  onGone(instanceId: string): void
  /** This instance's own key had expired (it stalled, or Redis lost its keys): the others may have dropped its people. */
  onLapsed(): void
  log: Logger
}

/**
 * Which instances are alive, through keys in Redis with a short TTL. Each instance renews its own
 * every `intervalMs`; a peer whose key is gone has stopped (kill -9, a crash, a lost machine) and
 * its people are removed from every room's presence at once, instead of after y-protocols' 30 s
 * timeout. Worst case from death to removal: `ttlMs` + `intervalMs` (2.75 s by default).
 *
 * Redis may lose keys (a restart without persistence): when this instance's own key is missing too,
 * nothing is judged that turn, since the others' keys are as likely gone for the same reason. An
 * instance that finds its own key had lapsed tells the others about its people again (`onLapsed`).
 */
export class InstanceHeartbeats {
  readonly #options: InstanceHeartbeatsOptions
  readonly #intervalMs: number
  readonly #ttlMs: number
  #timer: NodeJS.Timeout | null = null
  #inFlight = false
  #stopped = false

  constructor(options: InstanceHeartbeatsOptions) {
    this.#options = options
    this.#intervalMs = options.intervalMs ?? 750
    this.#ttlMs = options.ttlMs ?? 2_000
  }

  /** Writes the first heartbeat (before this instance announces anyone), then keeps beating. */
  async start(): Promise<void> {
    await this.#beat()
    this.#timer = setInterval(() => void this.#tick(), this.#intervalMs)
    this.#timer.unref()
  }

  /** On a clean shutdown: stops beating and removes the key (sockets closing remove presence already). */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    if (this.#options.redis.status !== 'ready') return
    await this.#options.redis.del(this.#key(this.#options.instanceId)).catch(() => undefined)
  }

  #key(instanceId: string): string {
    return `${this.#options.keyPrefix}instance:${instanceId}`
  }

  async #beat(): Promise<void> {
    await this.#options.redis.set(this.#key(this.#options.instanceId), String(Date.now()), 'PX', this.#ttlMs)
  }

  async #tick(): Promise<void> {
    // While Redis is away, or the previous turn still waits for it, skip rather than queue.
    if (this.#inFlight || this.#stopped || this.#options.redis.status !== 'ready') return
    this.#inFlight = true
    try {
      const peers = [...new Set(this.#options.peers())].filter((id) => id !== this.#options.instanceId)
      // The peers' keys are read before ours is renewed: the same reply says whether ours had lapsed.
      const values = await this.#options.redis.mget(this.#key(this.#options.instanceId), ...peers.map((id) => this.#key(id)))
      await this.#beat()
      if (this.#stopped) return
      if (values[0] === null) {
        this.#options.log.warn('this instance\'s heartbeat had lapsed in Redis; announcing its people again')
        this.#options.onLapsed()
        return
      }
      peers.forEach((id, index) => {
        if (values[index + 1] !== null) return
        this.#options.log.warn({ gone: id }, 'an instance stopped beating; removing its people from presence')
        this.#options.onGone(id)
      })
    } catch (error) {
      this.#options.log.debug({ err: error }, 'heartbeat failed; trying again next turn')
    } finally {
      this.#inFlight = false
    }
  }
}
