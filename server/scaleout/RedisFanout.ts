import { Redis } from 'ioredis'
import type { Logger } from '../log'
import type { ServerMetrics } from '../metrics'
import { decodeFanoutMessage, encodeFanoutMessage, type FanoutMessage } from './fanoutMessages'
import type { Fanout, FanoutHandler, RoomChannel } from './RoomChannel'

export interface RedisFanoutOptions {
  redisUrl: string
  /** Sent with every message, so an instance ignores its own. */
  instanceId: string
  /** Channel names are `<prefix><workshopId>`. Default `samskap:room:`; tests use one per test. */
  channelPrefix?: string
  log: Logger
  metrics?: ServerMetrics
}

/** How long a deletion waits for the other instances to close the workshop's room (closeEverywhere). */
const CLOSE_EVERYWHERE_WITHIN_MS = 5_000

/** Reconnect quickly but not in a tight loop: 50 ms, 100 ms, ... at most 2 s between attempts. */
function retryStrategy(attempt: number): number {
  return Math.min(50 * attempt, 2_000)
}

/**
 * Redis pub/sub between server instances: one channel per loaded workshop. Redis is only a fast
 * path: every update it carries is already committed to PostgreSQL, and each carries its seq. When
 * the subscriber connection comes back after a drop (Redis restarted, network), messages may have
 * been lost, so every joined room catches up from the database; a room that sees a seq gap does too.
 */
export class RedisFanout implements Fanout {
  readonly instanceId: string
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #prefix: string
  readonly #log: Logger
  readonly #metrics: ServerMetrics | undefined
  readonly #channels = new Map<string, RedisRoomChannel>()
  #subscriberLost = false
  #closed = false

  private constructor(options: RedisFanoutOptions, publisher: Redis, subscriber: Redis) {
    this.instanceId = options.instanceId
    this.#prefix = options.channelPrefix ?? 'samskap:room:'
    this.#log = options.log
    this.#metrics = options.metrics
    this.#publisher = publisher
    this.#subscriber = subscriber
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.#onMessage(channel.toString(), message))
    subscriber.on('close', () => {
      if (this.#closed || this.#subscriberLost) return
      this.#subscriberLost = true
      this.#log.warn('Redis subscriber connection lost; will catch up from the database after reconnecting')
    })
    subscriber.on('ready', () => {
      if (!this.#subscriberLost) return
      this.#subscriberLost = false
      void this.#resubscribeAndCatchUp()
    })
    // Without listeners, connection errors would be unhandled 'error' events.
    subscriber.on('error', (error: unknown) => this.#log.debug({ err: error }, 'Redis subscriber error'))
    publisher.on('error', (error: unknown) => this.#log.debug({ err: error }, 'Redis publisher error'))
  }

  static async connect(options: RedisFanoutOptions): Promise<RedisFanout> {
    const connection = { lazyConnect: true, retryStrategy, connectionName: `samskap-${options.instanceId}` }
    const publisher = new Redis(options.redisUrl, connection)
    const subscriber = new Redis(options.redisUrl, connection)
    try {
      await Promise.all([publisher.connect(), subscriber.connect()])
    } catch (error) {
      publisher.disconnect()
      subscriber.disconnect()
      throw error
    }
    return new RedisFanout(options, publisher, subscriber)
  }

  /**
   * The publishing connection, for the few plain commands instances share besides pub/sub: the
   * limits' counters (server/limits/Counters.ts) and the instances' heartbeats. (The subscriber
   * connection can run nothing else while subscribed.)
   */
  get commands(): Redis {
    return this.#publisher
  }

  async join(workshopId: string): Promise<RoomChannel> {
    const name = this.#prefix + workshopId
    const channel = new RedisRoomChannel(name, this)
    this.#channels.set(name, channel)
    try {
      await this.#subscriber.subscribe(name)
    } catch (error) {
      channel.leave()
      throw error
    }
    return channel
  }

  /** Called by a channel's leave(). */
  leaveChannel(channel: RedisRoomChannel): void {
    if (this.#channels.get(channel.name) !== channel) return
    this.#channels.delete(channel.name)
    if (this.#closed) return
    this.#subscriber.unsubscribe(channel.name).catch((error: unknown) => {
      this.#log.debug({ err: error, channel: channel.name }, 'unsubscribe failed')
    })
  }

  publish(channelName: string, message: FanoutMessage): void {
    if (this.#closed) return
    this.#metrics?.redisPublished.inc({ kind: message.kind })
    // While Redis is down ioredis queues this and gives up after a number of reconnect attempts; a
    // message lost either way is recovered by the others' catch-up (reconnect or seq gap).
    this.#publisher.publish(channelName, Buffer.from(encodeFanoutMessage(message))).catch((error: unknown) => {
      this.#log.warn({ err: error, kind: message.kind }, 'Redis publish failed; others recover it from the database')
    })
  }

  async closeEverywhere(workshopId: string, code: number, reason: string): Promise<void> {
    if (this.#closed) return
    const name = this.#prefix + workshopId
    const deadline = Date.now() + CLOSE_EVERYWHERE_WITHIN_MS
    const bounded = <T>(work: Promise<T>): Promise<T> =>
      Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer in time')), Math.max(0, deadline - Date.now())).unref())])
    try {
      this.#metrics?.redisPublished.inc({ kind: 'close' })
      await bounded(this.#publisher.publish(name, Buffer.from(encodeFanoutMessage({ kind: 'close', instanceId: this.instanceId, code, reason }))))
      // Each instance unsubscribes once its room is closed and its last write has returned.
      for (;;) {
        const [, subscribers] = (await bounded(this.#publisher.pubsub('NUMSUB', name))) as [string, number]
        const others = Number(subscribers) - (this.#channels.has(name) ? 1 : 0)
        if (others <= 0) return
        if (Date.now() >= deadline) throw new Error(`${others} other instance(s) still have the workshop loaded`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    } catch (error) {
      this.#log.warn({ err: error, workshopId }, 'could not confirm that every other instance closed the workshop; going on')
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#channels.clear()
    await Promise.allSettled([quit(this.#publisher), quit(this.#subscriber)])
  }

  async #resubscribeAndCatchUp(): Promise<void> {
    const names = [...this.#channels.keys()]
    this.#log.info({ rooms: names.length }, 'Redis subscriber reconnected; catching up loaded rooms from the database')
    try {
      // ioredis resubscribes after 'ready' on its own; waiting for our own SUBSCRIBE reply means
      // everything published from now on reaches us, so the catch-up below closes the hole.
      if (names.length > 0) await this.#subscriber.subscribe(...names)
    } catch (error) {
      this.#log.warn({ err: error }, 'resubscribe failed; the next reconnect retries')
      return
    }
    for (const name of names) this.#channels.get(name)?.catchUp('reconnect')
  }

  #onMessage(channelName: string, bytes: Buffer): void {
    const channel = this.#channels.get(channelName)
    if (!channel) return
    let message: FanoutMessage
    try {
      message = decodeFanoutMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    } catch (error) {
      this.#log.warn({ err: error, channel: channelName }, 'undecodable message on a room channel; ignored')
      return
    }
    if (message.instanceId === this.instanceId) return
    this.#metrics?.redisReceived.inc({ kind: message.kind })
    channel.deliver(message)
  }
}

/** One room's channel. Messages before `attach` (the room is still loading) are kept in order. */
class RedisRoomChannel implements RoomChannel {
  #handler: FanoutHandler | null = null
  #waiting: FanoutMessage[] = []
  #catchUpWaiting = false
  #left = false

  constructor(
    readonly name: string,
    readonly fanout: RedisFanout,
  ) {}

  attach(handler: FanoutHandler): void {
    this.#handler = handler
    const waiting = this.#waiting
    this.#waiting = []
    for (const message of waiting) this.deliver(message)
    if (this.#catchUpWaiting) handler.catchUp('reconnect')
  }

  deliver(message: FanoutMessage): void {
    if (this.#left) return
    const handler = this.#handler
    if (!handler) {
      this.#waiting.push(message)
      return
    }
    switch (message.kind) {
      case 'update':
        handler.applyRemoteUpdate(message.update, message.previousSeq, message.seq)
        return
      case 'awareness':
        handler.applyRemoteAwareness(message.update, message.instanceId)
        return
      case 'query_awareness':
        handler.answerAwarenessQuery()
        return
      case 'close':
        handler.closeRoom(message.code, message.reason)
        return
      default: {
        const unreachable: never = message
        throw new Error(`unknown fanout message ${JSON.stringify(unreachable)}`)
      }
    }
  }

  catchUp(reason: 'reconnect' | 'gap'): void {
    if (this.#left) return
    if (this.#handler) this.#handler.catchUp(reason)
    else this.#catchUpWaiting = true
  }

  publishUpdate(update: Uint8Array, previousSeq: number, seq: number): void {
    if (this.#left) return
    this.fanout.publish(this.name, { kind: 'update', instanceId: this.fanout.instanceId, previousSeq, seq, update })
  }

  publishAwareness(update: Uint8Array): void {
    if (this.#left) return
    this.fanout.publish(this.name, { kind: 'awareness', instanceId: this.fanout.instanceId, update })
  }

  queryAwareness(): void {
    if (this.#left) return
    this.fanout.publish(this.name, { kind: 'query_awareness', instanceId: this.fanout.instanceId })
  }

  leave(): void {
    if (this.#left) return
    this.#left = true
    this.#handler = null
    this.#waiting = []
    this.fanout.leaveChannel(this)
  }
}

async function quit(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit()
      return
    } catch {
      // Fall through to a hard disconnect.
    }
  }
  redis.disconnect()
}
