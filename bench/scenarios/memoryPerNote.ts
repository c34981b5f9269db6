import { LoadSocket } from '../lib/LoadSocket'
import { NoteWriter, stampSendTime } from '../lib/NoteWriter'
import { Probe } from '../lib/Probe'
import { createRooms, heapUsedBytes, removeData, rssKiB, startServer, type ServerKind } from '../lib/servers'
import { sleep, until } from '../lib/stats'

export interface MemoryPerNoteResult {
  notes: number
  /** Growth per note over the whole run, after a forced GC (inspector), in bytes. */
  heapPerNoteBytes: number | null
  rssPerNoteBytes: number
  heapMB: (number | null)[]
  rssMB: number[]
}

/**
 * Server memory per note: one room, a probe keeping it loaded, one writer adding new notes (one
 * update each) in blocks of 1,000; heap (after GC) and RSS are read after every block.
 */
export async function runMemoryPerNote(kind: ServerKind, blocks: number): Promise<MemoryPerNoteResult> {
  const server = await startServer(kind, { inspect: true })
  const opened: LoadSocket[] = []
  const probes: Probe[] = []
  try {
    const [room] = await createRooms(server, 1)
    const probe = new Probe(server, room!)
    probes.push(probe)
    if (!(await probe.whenSynced(20_000))) throw new Error('probe did not sync')
    const socket = await LoadSocket.open(server, room!)
    opened.push(socket)
    const writer = new NoteWriter('mem', kind, room!)
    await sleep(500)
    const heapMB: (number | null)[] = []
    const rssMB: number[] = []
    const measure = async () => {
      const heap = await heapUsedBytes(server)
      heapMB.push(heap === null ? null : heap / 1048576)
      rssMB.push(rssKiB(server.pid) / 1024)
    }
    await measure()
    for (let block = 0; block < blocks; block++) {
      const messages = Array.from({ length: 1000 }, () => writer.next(0))
      probe.expect(messages)
      for (let i = 0; i < messages.length; i++) {
        stampSendTime(messages[i]!, performance.now())
        socket.send(messages[i]!.frame)
        if (i % 50 === 49) await sleep(10)
      }
      if (!(await until(() => messages.every((m) => m.deliveredAt > 0), 60_000, 20))) throw new Error('notes were not delivered')
      await measure()
    }
    const notes = blocks * 1000
    const heapFirst = heapMB[0]
    const heapLast = heapMB.at(-1)
    return {
      notes,
      heapPerNoteBytes: heapFirst == null || heapLast == null ? null : ((heapLast - heapFirst) * 1048576) / notes,
      rssPerNoteBytes: ((rssMB.at(-1)! - rssMB[0]!) * 1048576) / notes,
      heapMB,
      rssMB,
    }
  } finally {
    for (const socket of opened) socket.close()
    for (const probe of probes) probe.destroy()
    await server.stop()
    await removeData(server)
  }
}
