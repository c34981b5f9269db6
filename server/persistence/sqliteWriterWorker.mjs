// The SQLite writer thread (SqliteUpdateWriter.ts): owns the connection that writes the update log,
// the snapshots and the history snapshots. Jobs that arrive while a commit runs are committed together in the next one, in
// the order they arrived: one transaction and one fsync for every room that wrote meanwhile.
//
// Plain JavaScript so that it needs no TypeScript loader: it starts the same way under tsx, inside
// vitest and from the started server, in a fraction of the time a thread registering tsx takes. The
// messages are typed in sqliteWriterProtocol.ts.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'

const port = parentPort
/** @type {{ file: string }} */
const { file } = workerData

const db = new Database(file)
// Per connection: a commit here must survive power loss as the main connection's do.
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')
// 1 MiB of page cache, not better-sqlite3's 16 MiB: this connection only appends to the log and
// replaces snapshots, touching a few pages at the log's end and a snapshot's pages once each, so
// a bigger cache only fills with pages it never reads again (~680 B per note of a growing
// workshop, up to 16 MiB; bench/RESULTS.md, "RSS per note"). A transaction bigger than the cache
// (a large snapshot) spills its pages to the WAL before the commit: the same writes, still one sync.
db.pragma('cache_size = -1024')
// What compaction replaces (the update log, an older snapshot) is overwritten with zeros in the
// file, not only marked free: after a resident's erasure (own.erase compacts) their text must not
// linger in free pages.
db.pragma('secure_delete = ON')

const statements = {
  snapshotSeq: db.prepare('SELECT upto_seq FROM snapshots WHERE workshop_id = ?'),
  maxSeq: db.prepare('SELECT MAX(seq) AS seq FROM updates WHERE workshop_id = ?'),
  insertUpdate: db.prepare('INSERT INTO updates (workshop_id, seq, data) VALUES (?, ?, ?)'),
  upsertSnapshot: db.prepare(
    `INSERT INTO snapshots (workshop_id, data, upto_seq, schema_versions) VALUES (?, ?, ?, ?)
     ON CONFLICT (workshop_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, schema_versions = excluded.schema_versions`,
  ),
  deleteUpdates: db.prepare('DELETE FROM updates WHERE workshop_id = ? AND seq <= ?'),
  insertHistory: db.prepare(
    'INSERT INTO history (workshop_id, id, created_at, kind, label, state, counts) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
}

/** Prepared on its first use: the staff storage makes the table after this thread may have started. */
let touchActivity = null

/** @param {Uint8Array} bytes */
const asBuffer = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** @param {import('./sqliteWriterProtocol').WriterJob} job */
function run(job) {
  switch (job.kind) {
    case 'append': {
      // Sequence numbers continue after compaction deleted the log, so read the snapshot's too.
      const logMax = statements.maxSeq.get(job.workshopId)?.seq ?? 0
      const snapshotSeq = statements.snapshotSeq.get(job.workshopId)?.upto_seq ?? 0
      let seq = Math.max(logMax, snapshotSeq)
      for (const update of job.updates) {
        seq++
        statements.insertUpdate.run(job.workshopId, seq, asBuffer(update))
      }
      return seq
    }
    case 'compact':
      statements.upsertSnapshot.run(job.workshopId, asBuffer(job.snapshot), job.uptoSeq, job.schema ?? null)
      statements.deleteUpdates.run(job.workshopId, job.uptoSeq)
      return null
    case 'history':
      statements.insertHistory.run(job.workshopId, job.entryId, job.createdAt, job.entryKind, job.label, asBuffer(job.state), job.counts)
      return null
    case 'activity':
      touchActivity ??= db.prepare(
        `INSERT INTO workshop_activity (workshop_id, created_by, last_activity_at, participants) VALUES (?, NULL, ?, 0)
         ON CONFLICT (workshop_id) DO UPDATE SET last_activity_at = MAX(COALESCE(last_activity_at, 0), excluded.last_activity_at)`,
      )
      for (const [workshopId, at] of job.entries) touchActivity.run(workshopId, at)
      return null
    case 'pragma':
      return db.pragma(job.name, { simple: true })
    default:
      throw new Error(`unknown writer job ${JSON.stringify(job)}`)
  }
}

/** @param {{ id: number }} job @param {unknown} error */
function failure(job, error) {
  const { message, code } = /** @type {{ message?: unknown, code?: unknown }} */ (error ?? {})
  return { kind: 'failed', id: job.id, message: String(message ?? error), code: typeof code === 'string' ? code : null }
}

// BEGIN IMMEDIATE: an append reads MAX(seq) before it writes, and a deferred transaction that read
// before the main connection wrote cannot upgrade (SQLITE_BUSY at once, the busy timeout unused).
// Taking the write lock first makes it wait for the other writer instead.
const runAll = db.transaction((jobs) => jobs.map(run)).immediate
const runOne = db.transaction(run).immediate

let queue = []
let scheduled = false
let closing = false

function commitQueued() {
  scheduled = false
  const jobs = queue
  queue = []
  if (jobs.length > 0) {
    let replies
    const started = performance.now()
    try {
      const values = runAll(jobs)
      replies = jobs.map((job, index) => ({ kind: 'done', id: job.id, value: values[index] }))
    } catch {
      // The group rolled back: one at a time, so a job that fails fails alone and the others commit.
      replies = jobs.map((job) => {
        try {
          return { kind: 'done', id: job.id, value: runOne(job) }
        } catch (error) {
          return failure(job, error)
        }
      })
    }
    const commit = { jobs: jobs.length, appends: jobs.filter((job) => job.kind === 'append').length, ms: performance.now() - started }
    // One message for the whole commit: the main thread settles every room's write in one event.
    port.postMessage({ kind: 'replies', replies, commit })
  }
  if (closing && queue.length === 0) {
    db.close()
    port.postMessage({ kind: 'closed' })
    port.close()
  }
}

port.on('message', (/** @type {import('./sqliteWriterProtocol').WriterRequest} */ message) => {
  if (message.kind === 'close') closing = true
  else for (const job of message.jobs) queue.push(job)
  if (scheduled) return
  scheduled = true
  // After every message already waiting has been taken in: they share the commit.
  setImmediate(commitQueued)
})
