import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol'
import { currentSchema } from '../../shared/schema/schema'
import type { BenchItem } from './benchBoard'

/** A Node participant speaking plain y-websocket to the server, as docs/schema.md describes. */
export interface SyncClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/** Items per transaction: one update must stay under the server's 1 MiB message limit. */
const SEED_BATCH = 250

/** Facilitator tokens of the benchmark's workshops (run.ts fills it when it creates one). */
export const workshopTokens = new Map<string, string>()

export async function connectClient(baseUrl: string, workshopId: string, syncTimeoutMs = 15_000): Promise<SyncClient> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + SYNC_PATH, workshopId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: {
      schema: Object.entries(currentSchema).map(([kind, version]) => `${kind}:${version}`).join(','),
      token: workshopTokens.get(workshopId) ?? '',
    },
  })
  const client = {
    doc,
    provider,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
  try {
    await waitFor(() => provider.synced, syncTimeoutMs, 'sync client did not sync')
  } catch (error) {
    client.destroy()
    throw error
  }
  return client
}

/** The first board: smallest `order`, ties broken by id (docs/schema.md). */
export function firstBoardId(doc: Y.Doc): string {
  const boards = [...doc.getMap<Y.Map<unknown>>('boards').values()].map((b) => b.toJSON() as { id: string; order: string })
  boards.sort((a, b) => (a.order === b.order ? (a.id < b.id ? -1 : 1) : a.order < b.order ? -1 : 1))
  const first = boards[0]
  if (!first) throw new Error('workshop has no board')
  return first.id
}

/** Writes the items in batches, then waits until a fresh client sees all of them on the server. */
export async function seedItems(baseUrl: string, workshopId: string, plan: (boardId: string) => BenchItem[]): Promise<{ boardId: string; items: BenchItem[] }> {
  const seeder = await connectClient(baseUrl, workshopId)
  const boardId = firstBoardId(seeder.doc)
  const items = plan(boardId)
  try {
    const map = seeder.doc.getMap<Y.Map<unknown>>('items')
    for (let start = 0; start < items.length; start += SEED_BATCH) {
      seeder.doc.transact(() => {
        for (const item of items.slice(start, start + SEED_BATCH)) {
          const record = new Y.Map<unknown>()
          for (const [key, value] of Object.entries(item)) record.set(key, value)
          map.set(item.id, record)
        }
      })
    }
    // A second client's sync reply only comes after the server has written what it holds.
    await waitFor(
      async () => {
        // 10,000 items on a loaded machine: a slow sync is a reason to look again, not to give up.
        const checker = await connectClient(baseUrl, workshopId, 60_000).catch(() => null)
        if (!checker) return false
        const seen = [...checker.doc.getMap<Y.Map<unknown>>('items').values()].filter((m) => m.get('boardId') === boardId).length
        checker.destroy()
        return seen >= items.length
      },
      120_000,
      'server did not receive every seeded item',
      500,
    )
  } finally {
    seeder.destroy()
  }
  return { boardId, items }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, message: string, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
