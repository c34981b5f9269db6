/**
 * What the round-trip measurements (measureRoundTrip.ts, measureCrossInstance.ts) share: a stock
 * client of a workshop, and sequential edits from one client until another has each of them.
 */
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol'

export interface MeasureClient {
  doc: Y.Doc
  provider: WebsocketProvider
}

/** A stock y-websocket client of workshop `id` on the server at `httpUrl`, with its facilitator token. */
export function connectClient(httpUrl: string, id: string, token: string): MeasureClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(httpUrl.replace(/^http/, 'ws') + SYNC_PATH, id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  })
  return { doc, provider }
}

export function whenSynced(provider: WebsocketProvider): Promise<void> {
  return new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())))
}

/**
 * `rounds` edits, one at a time: `from` writes, and the next edit starts when `to` has it. Returns
 * the milliseconds of each, sorted.
 */
export async function roundTrips(from: MeasureClient, to: MeasureClient, rounds: number): Promise<number[]> {
  // The workshop's title: only a workshop's own types pass the server's checks (docs/schema.md).
  const meta = to.doc.getMap('meta')
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const arrived = new Promise<void>((resolve) => {
      const observer = () => {
        if (meta.get('title') === `round ${round}`) {
          meta.unobserve(observer)
          resolve()
        }
      }
      meta.observe(observer)
    })
    const started = performance.now()
    from.doc.getMap('meta').set('title', `round ${round}`)
    await arrived
    samples.push(performance.now() - started)
  }
  return samples.sort((x, y) => x - y)
}

/** The sample at quantile `q` of sorted `samples`, as "12.34". */
export function quantile(samples: readonly number[], q: number): string {
  return samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2)
}

export function disconnect(...clients: MeasureClient[]): void {
  for (const client of clients) {
    client.provider.destroy()
    client.doc.destroy()
  }
}
