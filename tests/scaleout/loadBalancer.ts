import net from 'node:net'
import type { TestResources } from '../server/helpers'

/**
 * A TCP load balancer in front of several instances, as far as a client can tell: every new
 * connection goes to the current target; `move` sends the clients to another one the way a
 * balancer does when an instance is drained or a phone changes network.
 */
export class LoadBalancer {
  readonly #server: net.Server
  readonly #pairs = new Set<Pair>()
  #target: number

  private constructor(server: net.Server, targetUrl: string) {
    this.#server = server
    this.#target = portOf(targetUrl)
  }

  static async listen(resources: TestResources, targetUrl: string): Promise<LoadBalancer> {
    const server = net.createServer()
    const balancer = new LoadBalancer(server, targetUrl)
    server.on('connection', (client) => balancer.#forward(client))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    resources.defer(() => balancer.close())
    return balancer
  }

  get url(): string {
    const address = this.#server.address() as net.AddressInfo
    return `http://127.0.0.1:${address.port}`
  }

  /**
   * New connections go to `targetUrl` from now on, and the current ones are cut on the client's
   * side. With `halfOpen` the instance they were on is not told: its socket stays open, as when a
   * phone leaves a network without a goodbye, until `closeHalfOpen` (its ping timeout, in life).
   */
  move(targetUrl: string, options: { halfOpen?: boolean } = {}): void {
    this.#target = portOf(targetUrl)
    for (const pair of [...this.#pairs]) {
      pair.halfOpen = options.halfOpen ?? false
      pair.client.unpipe(pair.upstream)
      pair.upstream.unpipe(pair.client)
      // Whatever the old instance still sends (pings) goes nowhere.
      if (pair.halfOpen) pair.upstream.resume()
      pair.client.destroy()
    }
  }

  /** The old instance finally notices the clients that left without a goodbye. */
  closeHalfOpen(): void {
    for (const pair of [...this.#pairs]) if (pair.halfOpen) pair.upstream.destroy()
  }

  async close(): Promise<void> {
    for (const { client, upstream } of this.#pairs) {
      client.destroy()
      upstream.destroy()
    }
    this.#pairs.clear()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #forward(client: net.Socket): void {
    const upstream = net.connect({ host: '127.0.0.1', port: this.#target })
    const pair: Pair = { client, upstream, halfOpen: false }
    this.#pairs.add(pair)
    client.on('error', () => undefined)
    upstream.on('error', () => undefined)
    client.on('close', () => {
      if (!pair.halfOpen) upstream.destroy()
    })
    upstream.on('close', () => {
      this.#pairs.delete(pair)
      client.destroy()
    })
    client.pipe(upstream)
    upstream.pipe(client)
  }
}

interface Pair {
  client: net.Socket
  upstream: net.Socket
  halfOpen: boolean
}

function portOf(url: string): number {
  return Number(new URL(url).port)
}
