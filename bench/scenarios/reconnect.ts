import { addNotes } from '../lib/notes'
import { Probe } from '../lib/Probe'
import { cpuMs, createRooms, removeData, restartServer, startServer, type RunningServer, type ServerKind } from '../lib/servers'
import { until } from '../lib/stats'

export interface ReconnectResult {
  clients: number
  /** From the restarted server accepting connections to the last client synced again. */
  upToAllSyncedMs: number
  /** From the stop signal to the last client synced again (includes the restart). */
  downToAllSyncedMs: number
  resynced: number
  /** The restarted server's CPU time (user + system, /proc) from accepting to all synced. */
  serverCpuMs: number
}

/**
 * (f) `rooms` × `perRoom` stock clients (default reconnect settings of each provider) are synced;
 * the server is stopped (SIGTERM) and started again on the same port and data.
 */
export async function runReconnect(kind: ServerKind, rooms: number, perRoom: number): Promise<ReconnectResult> {
  let server: RunningServer = await startServer(kind)
  const clients: Probe[] = []
  try {
    const ids = await createRooms(server, rooms)
    for (let k = 0; k < perRoom; k++) {
      for (const room of ids) clients.push(new Probe(server, room))
      if (!(await until(() => clients.every((c) => c.synced), 60_000, 20))) throw new Error('clients did not sync')
    }
    for (let r = 0; r < rooms; r++) addNotes(clients[r]!.doc, `room${r}`, 1)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const before = clients.map((c) => c.syncCount)
    const down = performance.now()
    await server.stop()
    server = await restartServer(server)
    const up = performance.now()
    const cpuUp = cpuMs(server.pid)
    const resynced = () => clients.filter((c, i) => c.synced && c.syncCount > before[i]!).length
    await until(() => resynced() === clients.length, 60_000, 10)
    const done = performance.now()
    const serverCpuMs = cpuMs(server.pid) - cpuUp
    const all = resynced() === clients.length
    return {
      clients: clients.length,
      upToAllSyncedMs: all ? done - up : NaN,
      downToAllSyncedMs: all ? done - down : NaN,
      resynced: resynced(),
      serverCpuMs,
    }
  } finally {
    for (const client of clients) client.destroy()
    await server.stop()
    await removeData(server)
  }
}
