import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Persistence, SharedPersistence } from '../persistence/Persistence'
import { testDurableLog } from './testDurableLog'

/** A write the test settles by hand, in whatever order it likes. */
interface HeldWrite {
  updates: readonly Uint8Array[]
  commit: () => void
  fail: (error: Error) => void
}

/** Storage whose appends wait for the test: `held` in the order they were sent. */
function heldStorage(shared: boolean) {
  const held: HeldWrite[] = []
  let seq = 0
  const append = (updates: readonly Uint8Array[]) =>
    new Promise<{ previousSeq: number; seq: number }>((resolve, reject) => {
      held.push({
        updates,
        commit: () => {
          seq += 1
          resolve({ previousSeq: seq - 1, seq })
        },
        fail: reject,
      })
    })
  const persistence = shared
    ? ({
        appendUpdatesInOrder: append,
        loadDocumentAfter: () => Promise.reject(new Error('not used')),
        compactStored: () => Promise.reject(new Error('not used')),
      } as unknown as SharedPersistence)
    : ({ appendUpdates: async (_id: string, updates: readonly Uint8Array[]) => (await append(updates)).seq } as unknown as Persistence)
  return { held, persistence }
}

const durableLog = (persistence: Persistence) => testDurableLog(persistence)

const update = (text: string) => {
  const doc = new Y.Doc()
  doc.getMap('meta').set('title', text)
  return Y.encodeStateAsUpdate(doc)
}

/** Lets setImmediate callbacks and the promise continuations after them run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('DurableLog: batches in flight', () => {
  it('sends the next turn\'s batch while the one before still commits, and announces them in order', async () => {
    const { held, persistence } = heldStorage(false)
    const { durable, committed } = durableLog(persistence)
    durable.append(update('a'), 'first')
    await turn()
    durable.append(update('b'), 'second')
    await turn()
    // Both are with storage: the second did not wait for the first's reply.
    expect(held).toHaveLength(2)
    expect(durable.isFlushed).toBe(false)

    // The second commits first: nothing may be announced before the first is.
    held[1]!.commit()
    await turn()
    expect(committed).toEqual([])
    held[0]!.commit()
    await durable.flush()
    expect(committed.map((batch) => batch.origins)).toEqual([['first'], ['second']])
    expect(durable.isFlushed).toBe(true)
  })

  it('holds at most four batches; what arrives meanwhile is merged into the next one', async () => {
    const { held, persistence } = heldStorage(false)
    const { durable, committed } = durableLog(persistence)
    for (let i = 0; i < 6; i++) {
      durable.append(update(`t${i}`), i)
      await turn()
    }
    expect(held).toHaveLength(4)
    const flushed = durable.flush()
    held[0]!.commit()
    await turn()
    // One slot freed: the two waiting updates go as one batch.
    expect(held).toHaveLength(5)
    expect(held[4]!.updates).toHaveLength(1)
    for (const write of held.slice(1)) write.commit()
    await flushed
    expect(committed.map((batch) => batch.origins)).toEqual([[0], [1], [2], [3], [4, 5]])
  })

  it('announces nothing after a batch that failed for good, even when later ones committed', async () => {
    const { held, persistence } = heldStorage(false)
    const { durable, committed, failed } = durableLog(persistence)
    durable.append(update('a'), 'first')
    await turn()
    durable.append(update('b'), 'second')
    await turn()
    held[1]!.commit()
    held[0]!.fail(new Error('the disk says no'))
    await expect(durable.flush()).rejects.toThrow('the disk says no')
    expect(committed).toEqual([])
    expect(failed).toHaveLength(1)
  })

  it('keeps one batch in flight with shared storage, whose appends learn the seq before them', async () => {
    const { held, persistence } = heldStorage(true)
    const { durable, committed } = durableLog(persistence)
    durable.append(update('a'), 'first')
    await turn()
    durable.append(update('b'), 'second')
    await turn()
    expect(held).toHaveLength(1)
    const flushed = durable.flush()
    held[0]!.commit()
    await turn()
    expect(held).toHaveLength(2)
    held[1]!.commit()
    await flushed
    expect(committed.map((batch) => [batch.previousSeq, batch.seq])).toEqual([
      [0, 1],
      [1, 2],
    ])
  })
})
