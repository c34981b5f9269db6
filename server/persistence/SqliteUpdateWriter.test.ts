import Database from 'better-sqlite3'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { Worker } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { testDurableLog } from '../sync/testDurableLog'
import { randomJoinCode } from '../access/AccessStore'
import { SqlitePersistence } from './SqlitePersistence'
import { SqliteWriteError } from './SqliteUpdateWriter'

const bytes = (...values: number[]) => new Uint8Array(values)

async function createWorkshop(persistence: SqlitePersistence, id: string): Promise<void> {
  const access = { workshopId: id, code: randomJoinCode(), facilitatorKey: 'f', participantKey: 'p', observerKey: 'o', secret: '', legacyOpen: false }
  await persistence.createWorkshop({ id, title: 'T', language: 'nb', createdAt: 1 }, bytes(0), access)
}

/** A real SQLite failure for one workshop's log rows, made by another connection to the same file. */
function refuseRowsOf(dataDir: string, workshopId: string): () => void {
  const other = new Database(path.join(dataDir, 'samskap.sqlite'))
  other.exec(`CREATE TRIGGER refuse_rows BEFORE INSERT ON updates WHEN NEW.workshop_id = '${workshopId}'
              BEGIN SELECT RAISE(ABORT, 'the disk says no'); END`)
  return () => {
    other.exec('DROP TRIGGER refuse_rows')
    other.close()
  }
}

describe('the SQLite writer thread (SqliteUpdateWriter)', () => {
  let dataDir: string
  let persistence: SqlitePersistence
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samskap-writer-'))
    persistence = new SqlitePersistence(dataDir)
  })
  afterEach(async () => {
    await persistence.close()
    await fs.rm(dataDir, { recursive: true, force: true })
  })

  it('commits writes in the order they were sent, numbering each workshop on, and readers see them', async () => {
    const workshops = ['w0', 'w1', 'w2', 'w3']
    for (const id of workshops) await createWorkshop(persistence, id)
    // Sent in one go without waiting: most of them share a commit on the thread.
    const sent = Array.from({ length: 200 }, (_, i) => persistence.appendUpdates(workshops[i % 4]!, [bytes(i % 256, i >> 8)]))
    const seqs = await Promise.all(sent)
    for (const [w, id] of workshops.entries()) {
      expect(seqs.filter((_, i) => i % 4 === w)).toEqual(Array.from({ length: 50 }, (_, n) => n + 1))
      const stored = await persistence.loadDocument(id)
      expect(stored.lastSeq).toBe(50)
      expect(stored.updates).toEqual(Array.from({ length: 50 }, (_, n) => bytes((n * 4 + w) % 256, (n * 4 + w) >> 8)))
    }
  })

  it('counts its commits and what they held: writes sent in one turn share one', async () => {
    for (const id of ['w0', 'w1', 'w2']) await createWorkshop(persistence, id)
    const before = { ...persistence.writerCommits }
    await Promise.all(['w0', 'w1', 'w2'].map((id) => persistence.appendUpdates(id, [bytes(1), bytes(2)])))
    const after = persistence.writerCommits
    expect(after.commits - before.commits).toBe(1)
    expect(after.appends - before.appends).toBe(3)
    expect(after.jobs - before.jobs).toBe(3)
    expect(after.seconds).toBeGreaterThan(before.seconds)
  })

  it('compacts after the appends sent before it, and numbers on after the snapshot', async () => {
    await createWorkshop(persistence, 'w1')
    const writes = [
      persistence.appendUpdates('w1', [bytes(1)]),
      persistence.appendUpdates('w1', [bytes(2), bytes(3)]),
      persistence.compact('w1', bytes(9), 2),
      persistence.appendUpdates('w1', [bytes(4)]),
    ]
    expect(await Promise.all(writes)).toEqual([1, 3, undefined, 4])
    expect(await persistence.loadDocument('w1')).toEqual({ snapshot: bytes(9), updates: [bytes(3), bytes(4)], lastSeq: 4, snapshotSchema: null })
  })

  it('stores a snapshot and a history state from a view into a larger buffer whole, and leaves the caller its bytes', async () => {
    await createWorkshop(persistence, 'w1')
    // As the room passes them: views into its cached sync reply, which joiners are still sent after.
    const reply = new Uint8Array(300_000).map((_, i) => i % 251)
    const snapshot = reply.subarray(3)
    const state = reply.subarray(5, 70_005)
    const entry = { id: 'h1', workshopId: 'w1', createdAt: 7, kind: 'auto' as const, label: '', counts: { notes: 1 } }
    await Promise.all([persistence.compact('w1', snapshot, 0), persistence.addHistory(entry, state)])
    expect(reply.byteLength).toBe(300_000)
    expect(reply[299_999]).toBe(299_999 % 251)
    expect(Buffer.compare((await persistence.loadDocument('w1')).snapshot!, reply.subarray(3))).toBe(0)
    expect(Buffer.compare((await persistence.getHistory('w1', 'h1'))!.state, reply.subarray(5, 70_005))).toBe(0)
  })

  it('rejects a write SQLite refuses with its message, while the writes committed beside it land', async () => {
    await createWorkshop(persistence, 'good')
    await createWorkshop(persistence, 'bad')
    const allow = refuseRowsOf(dataDir, 'bad')
    const [good, bad, goodAgain] = await Promise.allSettled([
      persistence.appendUpdates('good', [bytes(1)]),
      persistence.appendUpdates('bad', [bytes(2)]),
      persistence.appendUpdates('good', [bytes(3)]),
    ])
    expect(good).toEqual({ status: 'fulfilled', value: 1 })
    expect(goodAgain).toEqual({ status: 'fulfilled', value: 2 })
    expect(bad.status).toBe('rejected')
    const reason = (bad as PromiseRejectedResult).reason as SqliteWriteError
    expect(reason).toBeInstanceOf(SqliteWriteError)
    expect(reason.message).toContain('the disk says no')
    expect(reason.code).toBe('SQLITE_CONSTRAINT_TRIGGER')
    expect((await persistence.loadDocument('bad')).updates).toEqual([])
    expect((await persistence.loadDocument('good')).updates).toEqual([bytes(1), bytes(3)])
    allow()
    expect(await persistence.appendUpdates('bad', [bytes(2)])).toBe(1)
  })

  it('takes the writes of every room sent in one turn to the thread in one message', async () => {
    const workshops = Array.from({ length: 10 }, (_, i) => `room${i}`)
    for (const id of workshops) await createWorkshop(persistence, id)
    expect(await persistence.appendUpdates('room0', [bytes(0)])).toBe(1)
    const posted = vi.spyOn(Worker.prototype, 'postMessage')
    try {
      const sent = workshops.map((id, i) => persistence.appendUpdates(id, [bytes(i), bytes(i)]))
      expect(await Promise.all(sent)).toEqual(workshops.map((_, i) => (i === 0 ? 3 : 2)))
      expect(posted).toHaveBeenCalledTimes(1)
      expect((posted.mock.calls[0]![0] as { jobs: unknown[] }).jobs).toHaveLength(10)
    } finally {
      posted.mockRestore()
    }
    for (const [i, id] of workshops.entries()) expect((await persistence.loadDocument(id)).updates.at(-1)).toEqual(bytes(i))
  })

  it('waits for a write transaction another connection holds, instead of failing', async () => {
    await createWorkshop(persistence, 'w1')
    expect(await persistence.appendUpdates('w1', [bytes(1)])).toBe(1)
    const other = new Database(path.join(dataDir, 'samskap.sqlite'))
    other.exec('BEGIN IMMEDIATE')
    other.prepare("INSERT INTO server_settings (name, value) VALUES ('held', 'x')").run()
    const appended = persistence.appendUpdates('w1', [bytes(2)])
    let settled = false
    void appended.finally(() => (settled = true))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(settled).toBe(false)
    other.exec('COMMIT')
    other.close()
    expect(await appended).toBe(2)
  })

  it('on close, commits every write sent before it, then refuses more', async () => {
    await createWorkshop(persistence, 'w1')
    const sent = Array.from({ length: 100 }, (_, i) => persistence.appendUpdates('w1', [bytes(i)]))
    await persistence.close()
    expect(await Promise.all(sent)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    await expect(persistence.appendUpdates('w1', [bytes(1)])).rejects.toThrow('closed')
    persistence = new SqlitePersistence(dataDir)
    expect((await persistence.loadDocument('w1')).updates).toHaveLength(100)
  })

  it('commits on its own connection in WAL mode with synchronous = FULL, zeroing what it deletes, with a small page cache', async () => {
    expect(await persistence.writerPragma('journal_mode')).toBe('wal')
    expect(await persistence.writerPragma('synchronous')).toBe(2)
    expect(await persistence.writerPragma('secure_delete')).toBe(1)
    // 1 MiB, not better-sqlite3's 16 MiB: pages it writes once and never reads again.
    expect(await persistence.writerPragma('cache_size')).toBe(-1024)
  })
})

describe('a failing write on the writer thread reaches the durable log', () => {
  let dataDir: string
  let persistence: SqlitePersistence
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'samskap-writer-log-'))
    persistence = new SqlitePersistence(dataDir)
    await createWorkshop(persistence, 'w1')
  })
  afterEach(async () => {
    await persistence.close()
    await fs.rm(dataDir, { recursive: true, force: true })
  })

  function durableLog(writeRetryMs: number, onRetry: () => void = () => undefined) {
    const log = pino({ level: 'warn' }, { write: (line: string) => (line.includes('retrying') ? onRetry() : undefined) })
    return testDurableLog(persistence, { writeRetryMs, log })
  }

  const update = (text: string) => {
    const doc = new Y.Doc()
    doc.getMap('notes').set('n', text)
    return Y.encodeStateAsUpdate(doc)
  }

  it('closes through onFailed when storage keeps failing, and nothing is reported committed', async () => {
    const allow = refuseRowsOf(dataDir, 'w1')
    const { durable, committed, failed } = durableLog(0)
    durable.append(update('a'), 'sender')
    await expect(durable.flush()).rejects.toThrow('the disk says no')
    expect(committed).toEqual([])
    expect(failed).toHaveLength(1)
    expect(durable.hasFailed).toBe(true)
    allow()
  })

  it('sends every room’s batch of a turn together; the room SQLite refuses fails alone, the others are announced', async () => {
    await createWorkshop(persistence, 'w2')
    await createWorkshop(persistence, 'w3')
    const allow = refuseRowsOf(dataDir, 'w2')
    const rooms = ['w1', 'w2', 'w3'].map((documentId) => testDurableLog(persistence, { writeRetryMs: 0, documentId }))
    const posted = vi.spyOn(Worker.prototype, 'postMessage')
    try {
      for (const room of rooms) room.durable.append(update('a'), 'sender')
      const flushed = await Promise.allSettled(rooms.map((room) => room.durable.flush()))
      expect(flushed.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
      // Three rooms' batches, one message to the thread.
      expect(posted).toHaveBeenCalledTimes(1)
    } finally {
      posted.mockRestore()
    }
    expect(rooms.map((room) => room.committed.map((batch) => batch.seq))).toEqual([[1], [], [1]])
    expect(rooms.map((room) => room.failed.length)).toEqual([0, 1, 0])
    // The failed room announces nothing more, whatever is appended after; the others go on.
    rooms[1]!.durable.append(update('b'), 'sender')
    rooms[2]!.durable.append(update('b'), 'sender')
    await rooms[2]!.durable.flush()
    expect(rooms[1]!.committed).toEqual([])
    expect(rooms[2]!.committed.map((batch) => batch.seq)).toEqual([1, 2])
    allow()
  })

  it('retries a failed write and commits it once storage is back', async () => {
    const allow = refuseRowsOf(dataDir, 'w1')
    let retries = 0
    const { durable, committed, failed } = durableLog(30_000, () => {
      if (retries++ === 0) allow()
    })
    durable.append(update('a'), 'sender')
    await durable.flush()
    expect(retries).toBeGreaterThan(0)
    expect(failed).toEqual([])
    expect(committed.map((batch) => batch.seq)).toEqual([1])
    expect((await persistence.loadDocument('w1')).updates).toHaveLength(1)
  })
})
