import { pino, type Logger } from 'pino'
import * as Y from 'yjs'
import type { Persistence } from '../persistence/Persistence'
import { DurableLog, type CommittedBatch } from './DurableLog'

/**
 * A durable log of document 'w1' (or `documentId`) for tests, with nothing stored yet: what it announced (`committed`)
 * and whether it gave up (`failed`), in order.
 */
export function testDurableLog(persistence: Persistence, options: { writeRetryMs?: number; log?: Logger; documentId?: string } = {}) {
  const committed: CommittedBatch[] = []
  const failed: unknown[] = []
  const doc = new Y.Doc()
  const durable = new DurableLog(
    {
      documentId: options.documentId ?? 'w1',
      persistence,
      log: options.log ?? pino({ level: 'silent' }),
      compactEvery: 1000,
      writeRetryMs: options.writeRetryMs,
      encodeState: () => Y.encodeStateAsUpdate(doc),
      onCommitted: (batch) => committed.push(batch),
      onFailed: (error) => failed.push(error),
    },
    { lastSeq: 0, loggedUpdates: 0, storedBytes: 0 },
  )
  return { durable, committed, failed }
}
