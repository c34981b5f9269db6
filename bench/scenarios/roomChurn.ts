import { addNotes } from '../lib/notes'
import { Probe } from '../lib/Probe'
import { cpuMs, createRooms, heapUsedBytes, removeData, rssKiB, startServer, type ServerKind } from '../lib/servers'
import { inBatches, sleep } from '../lib/stats'

export interface RoomChurnResult {
  rooms: number
  failed: number
  seconds: number
  /** The server's CPU time (user + system, /proc) while the rooms were opened and closed, and until they were unloaded. */
  serverCpuSeconds: number
  heapBeforeMB: number | null
  heapAfterMB: number | null
  rssBeforeMB: number
  rssPeakMB: number
  rssAfterMB: number
  /** Heap after, minus before, per room opened, in bytes (after a forced GC). */
  heapLeakPerRoomBytes: number | null
  returned: boolean | null
}

const UNLOAD_DELAY_MS = 500

/**
 * (e) Opens and closes `rooms` rooms, `concurrent` at a time: a client joins, syncs, writes one
 * note and leaves. Then, after the unload delay, compares the server's heap (forced GC through the
 * inspector) and RSS with the baseline taken after the rooms were created.
 */
export async function runRoomChurn(kind: ServerKind, rooms: number, concurrent: number): Promise<RoomChurnResult> {
  const server = await startServer(kind, { inspect: true, unloadDelayMs: UNLOAD_DELAY_MS })
  try {
    const ids = await createRooms(server, rooms)
    await sleep(1000)
    const heapBefore = await heapUsedBytes(server)
    const rssBefore = rssKiB(server.pid)
    let rssPeak = rssBefore
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssKiB(server.pid))), 200)
    let failed = 0
    const started = performance.now()
    const cpuBefore = cpuMs(server.pid)
    await inBatches(ids, concurrent, async (room, i) => {
      const probe = new Probe(server, room)
      if (await probe.whenSynced(20_000)) {
        addNotes(probe.doc, `churn${i}`, 1)
        await sleep(20)
      } else failed++
      probe.destroy()
    })
    const seconds = (performance.now() - started) / 1000
    await sleep(UNLOAD_DELAY_MS + 3000)
    clearInterval(sampler)
    const serverCpuSeconds = (cpuMs(server.pid) - cpuBefore) / 1000
    rssPeak = Math.max(rssPeak, rssKiB(server.pid))
    const heapAfter = await heapUsedBytes(server)
    const rssAfter = rssKiB(server.pid)
    const leak = heapBefore !== null && heapAfter !== null ? (heapAfter - heapBefore) / rooms : null
    return {
      rooms,
      failed,
      seconds,
      serverCpuSeconds,
      heapBeforeMB: heapBefore === null ? null : heapBefore / 1048576,
      heapAfterMB: heapAfter === null ? null : heapAfter / 1048576,
      rssBeforeMB: rssBefore / 1024,
      rssPeakMB: rssPeak / 1024,
      rssAfterMB: rssAfter / 1024,
      heapLeakPerRoomBytes: leak,
      // Back to baseline: less than 2 MB of heap kept after a forced GC, however many rooms were opened.
      returned: heapBefore === null || heapAfter === null ? null : heapAfter - heapBefore < 2 * 1048576,
    }
  } finally {
    await server.stop()
    await removeData(server)
  }
}
