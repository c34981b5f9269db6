import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

export type MessageKind = 'sync' | 'awareness' | 'query_awareness' | 'control'
export type FanoutKind = 'update' | 'awareness' | 'query_awareness'
/** Which limit (server/limits/limits.ts) refused something. */
export type LimitKind =
  | 'message_bytes'
  | 'bytes_per_minute'
  | 'awareness_bytes'
  | 'awareness_state_bytes'
  | 'awareness_rate'
  | 'awareness_foreign_id'
  | 'connections_per_address'
  | 'workshop_full'
  | 'workshops_per_address'
  | 'imports_per_address'
  | 'import_bytes'
  | 'join_failures_address'
  | 'join_failures_device'

export interface MetricsSources {
  connections: () => number
  roomsLoaded: () => number
  /** The SQLite writer thread's commits so far (server/persistence/SqliteUpdateWriter.ts); absent with PostgreSQL. */
  writerCommits?: () => WriterCommitTotals
}

interface WriterCommitTotals {
  commits: number
  jobs: number
  appends: number
  seconds: number
}

/**
 * Prometheus metrics for one server instance, served at /metrics. A registry per server (not the
 * global one) so several servers in one process (tests) do not collide.
 */
export class ServerMetrics {
  readonly registry = new Registry()
  readonly messagesReceived: Counter<'type'>
  readonly messagesSent: Counter<'type'>
  readonly bytesReceived: Counter
  readonly bytesSent: Counter
  readonly writeSeconds: Histogram
  readonly writeFailures: Counter
  readonly updatesWritten: Counter
  readonly compactions: Counter
  readonly redisPublished: Counter<'kind'>
  readonly redisReceived: Counter<'kind'>
  readonly catchUps: Counter<'reason'>
  readonly limitsHit: Counter<'limit'>

  constructor(sources: MetricsSources) {
    const registers = [this.registry]
    collectDefaultMetrics({ register: this.registry })
    new Gauge({
      name: 'samskap_connections',
      help: 'Open sync websockets on this instance',
      registers,
      collect() {
        this.set(sources.connections())
      },
    })
    new Gauge({
      name: 'samskap_rooms_loaded',
      help: 'Workshops loaded in memory on this instance',
      registers,
      collect() {
        this.set(sources.roomsLoaded())
      },
    })
    const writer = sources.writerCommits
    if (writer) {
      // Read from the thread's own totals when scraped: how many updates one disk sync covers is what
      // decides the cost of many small rooms (bench/RESULTS.md, 2026-12-06 "(b) the knee").
      const totals: [name: string, help: string, read: (t: WriterCommitTotals) => number][] = [
        ['samskap_sqlite_commits_total', 'Transactions the SQLite writer thread committed (one disk sync each)', (t) => t.commits],
        ['samskap_sqlite_commit_jobs_total', 'Jobs (a room batch, a compaction, a history snapshot, …) in those commits', (t) => t.jobs],
        ['samskap_sqlite_commit_appends_total', 'Room batches of updates in those commits', (t) => t.appends],
        ['samskap_sqlite_commit_seconds_total', 'Time inside those transactions, disk sync included', (t) => t.seconds],
      ]
      for (const [name, help, read] of totals) {
        new Counter({
          name,
          help,
          registers,
          collect() {
            this.reset()
            this.inc(read(writer()))
          },
        })
      }
    }
    this.messagesReceived = new Counter({
      name: 'samskap_messages_received_total',
      help: 'Sync protocol messages received from clients, by type',
      labelNames: ['type'],
      registers,
    })
    this.messagesSent = new Counter({
      name: 'samskap_messages_sent_total',
      help: 'Sync protocol messages sent to clients, by type',
      labelNames: ['type'],
      registers,
    })
    this.bytesReceived = new Counter({
      name: 'samskap_received_bytes_total',
      help: 'Bytes of sync protocol messages received from clients',
      registers,
    })
    this.bytesSent = new Counter({
      name: 'samskap_sent_bytes_total',
      help: 'Bytes of sync protocol messages sent to clients',
      registers,
    })
    this.writeSeconds = new Histogram({
      name: 'samskap_persistence_write_seconds',
      help: 'Time to commit one batch of updates to storage (successful attempts)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    })
    this.writeFailures = new Counter({
      name: 'samskap_persistence_write_failures_total',
      help: 'Failed attempts to commit a batch (each is retried until the bound, then the room closes)',
      registers,
    })
    this.updatesWritten = new Counter({
      name: 'samskap_updates_written_total',
      help: 'Client updates committed to storage (several share one batch)',
      registers,
    })
    this.compactions = new Counter({
      name: 'samskap_compactions_total',
      help: 'Snapshots written that replaced part of the update log',
      registers,
    })
    this.redisPublished = new Counter({
      name: 'samskap_redis_messages_published_total',
      help: 'Messages published to other instances through Redis, by kind',
      labelNames: ['kind'],
      registers,
    })
    this.redisReceived = new Counter({
      name: 'samskap_redis_messages_received_total',
      help: 'Messages from other instances received through Redis, by kind',
      labelNames: ['kind'],
      registers,
    })
    this.catchUps = new Counter({
      name: 'samskap_catchups_total',
      help: 'Times a loaded room read the updates it lacked from the database, by reason',
      labelNames: ['reason'],
      registers,
    })
    this.limitsHit = new Counter({
      name: 'samskap_limits_hit_total',
      help: 'Messages, connections and requests refused or dropped by a limit (server/limits), by limit',
      labelNames: ['limit'],
      registers,
    })
  }

  get contentType(): string {
    return this.registry.contentType
  }

  render(): Promise<string> {
    return this.registry.metrics()
  }
}
