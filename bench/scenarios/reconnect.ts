import net from 'node:net'
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
  /**
   * From the stop signal to the restarted server's first accepted TCP connection: the stop and the
   * start, what a deployment's restart costs before any client is served. ("Up" above is the first
   * HTTP answer, which a server busy resyncing gives late.)
   */
  downToAcceptingMs: number
  resynced: number
  /** The restarted server's CPU time (user + system, /proc) from accepting to all synced. */
  serverCpuMs: number
  /** The restarted process's whole CPU time until all synced: its start (loading its code) and the resyncs. */
  serverCpuFromStartMs: number
}

/**
 * (f) `rooms` × `perRoom` stock clients (default reconnect settings of each provider) are synced;
 * the server is stopped (SIGTERM) and started again on the same port and data.
 */
/** The moment a TCP connection to `port` on 127.0.0.1 is first accepted (tried every 5 ms). */
async function firstAccept(port: number): Promise<number> {
  for (;;) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (accepted) return performance.now()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

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
    const accepting = firstAccept(server.port)
    server = await restartServer(server)
    const acceptedAt = await accepting
    const up = performance.now()
    const cpuUp = cpuMs(server.pid)
    const resynced = () => clients.filter((c, i) => c.synced && c.syncCount > before[i]!).length
    await until(() => resynced() === clients.length, 60_000, 10)
    const done = performance.now()
    const serverCpuFromStartMs = cpuMs(server.pid)
    const serverCpuMs = serverCpuFromStartMs - cpuUp
    const all = resynced() === clients.length
    return {
      clients: clients.length,
      upToAllSyncedMs: all ? done - up : NaN,
      downToAllSyncedMs: all ? done - down : NaN,
      downToAcceptingMs: acceptedAt - down,
      resynced: resynced(),
      serverCpuMs,
      serverCpuFromStartMs,
    }
  } finally {
    for (const client of clients) client.destroy()
    await server.stop()
    await removeData(server)
  }
}
