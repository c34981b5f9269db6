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
  cold: boolean
  complete: boolean
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
    const cold = isSamskap(kind)
    if (cold) {
      for (const client of clients.splice(0)) client.destroy()
      await server.stop()
      server = await restartServer(server)
    } else {
      clients.splice(clients.indexOf(observer), 1)
      observer.destroy()
    }
    const samples: { open: number; reply: number; connect: number; cpu: number; complete: boolean }[] = []
    for (let i = 0; i < joins; i++) {
      const cpuBefore = cpuMs(server.pid)
      const probe = new Probe(server, room!)
      const synced = await probe.whenSynced(60_000)
      samples.push({
        cpu: cpuMs(server.pid) - cpuBefore,
        open: synced ? probe.syncedAt - probe.openedAt : NaN,
        reply: synced && probe.replyAt > 0 ? probe.replyAt - probe.openedAt : NaN,
        connect: synced ? probe.syncedAt - probe.createdAt : NaN,
        complete: countPresent(probe.doc, ids) === notes,
      })
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
      cold,
      complete: samples.every((s) => s.complete),
    }
  } finally {
    for (const client of clients) client.destroy()
    await server.stop()
    await removeData(server)
  }
}
