import { PerformanceObserver } from 'node:perf_hooks'
import * as Y from 'yjs'
import { addNotes, countPresent } from '../lib/notes'
import { Probe } from '../lib/Probe'
import { cpuMs, isSamskap, createRooms, removeData, restartServer, startServer, type RunningServer, type ServerKind } from '../lib/servers'
import { median, sleep, until } from '../lib/stats'

export interface ColdJoinResult {
  notes: number
  /** First join after a restart (Samskap: the room loads from disk); peers: first join of a late client. */
  firstOpenToSyncedMs: number
  firstConnectToSyncedMs: number
  /** Median of later joins while the room is loaded. */
  warmOpenToSyncedMs: number
  /**
   * Socket open → the document's reply received whole (Probe.replyAt), before the client decodes it:
   * the server's answer and the transfer, the part a server controls. First join, median of later ones.
   */
  firstOpenToReplyMs: number
  warmOpenToReplyMs: number
  /** The server's CPU time (user + system, /proc) from a join's start to synced: first join, median of later ones. */
  firstServerCpuMs: number
  warmServerCpuMs: number
  /**
   * The bench process's own CPU (user + system) from a join's start to synced: the stock client
   * receiving and decoding the reply, the part no server changes (it runs with every server).
   */
  firstClientCpuMs: number
  warmClientCpuMs: number
  /** Of that, the client's garbage-collection pauses (PerformanceObserver 'gc' entries). */
  firstClientGcMs: number
  warmClientGcMs: number
  /** What the client received until synced: messages and bytes (a second large message would show here). */
  firstMessages: number
  firstBytes: number
  warmBytes: number
  cold: boolean
  complete: boolean
}

interface JoinSample {
  open: number
  reply: number
  connect: number
  cpu: number
  complete: boolean
  clientCpu: number
  clientGcMs: number
  messages: number
  bytes: number
}

/**
 * Every join of every server starts from the same client: its decoding code just run on this
 * document (alone, the first two decodes of it in a fresh process took ~25 % more CPU than later
 * ones, so which server got the first ones depended on the order), and its heap collected (the
 * seeding clients' destroyed documents, two for Samskap, which restarts, one for the peers, whose
 * seeder stays, and the previous probe's), so neither is paid inside the join.
 */
function settleClient(whole: Uint8Array): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('(d) needs the bench process started with --expose-gc (bench/run.ts does)')
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, whole)
  scratch.destroy()
  gc()
}

/** Sums the garbage-collection pauses of this process until `stop`. */
function observeGc(): { stop(): Promise<number> } {
  let pausedMs = 0
  const add = (entries: readonly PerformanceEntry[]) => {
    for (const entry of entries) pausedMs += entry.duration
  }
  const observer = new PerformanceObserver((list) => add(list.getEntries()))
  observer.observe({ entryTypes: ['gc'] })
  return {
    async stop() {
      // Entries are delivered after the task that saw them; take what is still queued.
      await sleep(0)
      add(observer.takeRecords())
      observer.disconnect()
      return pausedMs
    },
  }
}

/**
 * (d) A workshop of `notes` notes, seeded through a client. Samskap is restarted so the first join
 * reads the room from disk; the in-memory peers keep the seeding client connected (their document
 * is gone otherwise), so their first join is warm by design.
 */
export async function runColdJoin(kind: ServerKind, notes: number, joins: number): Promise<ColdJoinResult> {
  // The seeding client sends the whole workshop (~3 MB) at once: above Samskap's default budget
  // per connection (SYNC_BYTES_PER_MINUTE, 2 MiB), which would close it with 4429 part-way.
  let server: RunningServer = await startServer(kind, isSamskap(kind) ? { env: { SYNC_BYTES_PER_MINUTE: String(64 * 1048576) } } : {})
  const clients: Probe[] = []
  try {
    const [room] = await createRooms(server, 1)
    const seeder = new Probe(server, room!)
    clients.push(seeder)
    if (!(await seeder.whenSynced(30_000))) throw new Error('seeder did not sync')
    const ids = addNotes(seeder.doc, 'seed', notes, 500)
    const observer = new Probe(server, room!)
    clients.push(observer)
    if (!(await until(() => countPresent(observer.doc, ids) === notes, 120_000, 50))) throw new Error('seed did not reach a second client')
    // The document as the seeder holds it: decoded untimed before every join (settleClient).
    const whole = Y.encodeStateAsUpdate(observer.doc)
    const cold = isSamskap(kind)
    if (cold) {
      for (const client of clients.splice(0)) client.destroy()
      await server.stop()
      server = await restartServer(server)
    } else {
      clients.splice(clients.indexOf(observer), 1)
      observer.destroy()
    }
    const samples: JoinSample[] = []
    for (let i = 0; i < joins; i++) {
      settleClient(whole)
      const cpuBefore = cpuMs(server.pid)
      const clientCpuBefore = process.cpuUsage()
      const gc = observeGc()
      const probe = new Probe(server, room!, { recordFrames: true })
      const synced = await probe.whenSynced(60_000)
      const clientCpu = process.cpuUsage(clientCpuBefore)
      const clientGcMs = await gc.stop()
      const received = probe.frames.filter((frame) => frame.at <= probe.syncedAt)
      samples.push({
        cpu: cpuMs(server.pid) - cpuBefore,
        open: synced ? probe.syncedAt - probe.openedAt : NaN,
        reply: synced && probe.replyAt > 0 ? probe.replyAt - probe.openedAt : NaN,
        connect: synced ? probe.syncedAt - probe.createdAt : NaN,
        complete: countPresent(probe.doc, ids) === notes,
        clientCpu: (clientCpu.user + clientCpu.system) / 1000,
        clientGcMs,
        messages: received.length,
        bytes: received.reduce((sum, frame) => sum + frame.bytes, 0),
      })
      if (process.env.BENCH_FRAME_LOG) {
        const frames = received.map((frame) => `+${(frame.at - probe.openedAt).toFixed(1)} ms ${frame.kind} ${frame.bytes} B`).join(', ')
        console.error(`${kind} join ${i}: ${JSON.stringify(samples.at(-1))} received until synced: ${frames}`)
      }
      probe.destroy()
      await sleep(200)
    }
    const [first, ...warm] = samples
    return {
      notes,
      firstOpenToSyncedMs: first!.open,
      firstConnectToSyncedMs: first!.connect,
      warmOpenToSyncedMs: median(warm.map((s) => s.open)),
      firstOpenToReplyMs: first!.reply,
      warmOpenToReplyMs: median(warm.map((s) => s.reply)),
      firstServerCpuMs: first!.cpu,
      warmServerCpuMs: median(warm.map((s) => s.cpu)),
      firstClientCpuMs: first!.clientCpu,
      warmClientCpuMs: median(warm.map((s) => s.clientCpu)),
      firstClientGcMs: first!.clientGcMs,
      warmClientGcMs: median(warm.map((s) => s.clientGcMs)),
      firstMessages: first!.messages,
      firstBytes: first!.bytes,
      warmBytes: median(warm.map((s) => s.bytes)),
      cold,
      complete: samples.every((s) => s.complete),
    }
  } finally {
    for (const client of clients) client.destroy()
    await server.stop()
    await removeData(server)
  }
}
