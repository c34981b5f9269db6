import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { addNotes, countPresent } from '../lib/notes'
import { Probe } from '../lib/Probe'
import { createRooms, isSamskap, removeData, restartServer, startServer, type RunningServer, type ServerKind } from '../lib/servers'
import { sleep } from '../lib/stats'

export interface SigkillResult {
  updates: number
  /** How many updates the second client had seen when the server was killed (all of them). */
  seen: number
  survived: number
  lost: number
  persistence: string
}

/**
 * (g) A writer sends `updates` notes, one transaction each, every `intervalMs`; the moment a second
 * client has seen all of them the server gets SIGKILL. Both clients are dropped (so nobody re-sends),
 * the server restarts on the same data, and a fresh client counts the notes that survived.
 * Samskap uses its SQLite store; the reference server its LevelDB persistence (YPERSISTENCE).
 */
export async function runSigkill(kind: ServerKind, updates: number, intervalMs: number): Promise<SigkillResult> {
  const yPersistence = kind === 'y-websocket' ? await fsp.mkdtemp(path.join(os.tmpdir(), 'bench-leveldb-')) : undefined
  let server: RunningServer = await startServer(kind, { yPersistence })
  const clients: Probe[] = []
  try {
    const [room] = await createRooms(server, 1)
    const writer = new Probe(server, room!)
    const observer = new Probe(server, room!)
    clients.push(writer, observer)
    if (!(await writer.whenSynced(20_000)) || !(await observer.whenSynced(20_000))) throw new Error('clients did not sync')
    // Mid-session, not mid-load: the reference server binds LevelDB to a document asynchronously.
    await sleep(1000)
    const ids = Array.from({ length: updates }, (_, i) => `kill-${i}`)
    let seen = 0
    const pid = server.pid
    let killed = false
    const killedAll = new Promise<void>((resolve) => {
      observer.doc.on('update', () => {
        if (killed) return
        seen = countPresent(observer.doc, ids)
        if (seen === updates) {
          // Right then, in the same turn the last update was applied.
          process.kill(pid, 'SIGKILL')
          killed = true
          resolve()
        }
      })
    })
    for (let i = 0; i < updates && !killed; i++) {
      addNotes(writer.doc, 'kill', 1, 1, i)
      if (intervalMs > 0) await sleep(intervalMs)
    }
    await Promise.race([killedAll, sleep(30_000)])
    for (const client of clients.splice(0)) client.destroy()
    if (!killed) await server.kill()
    await server.exited
    server = await restartServer(server)
    const checker = new Probe(server, room!)
    clients.push(checker)
    if (!(await checker.whenSynced(30_000))) throw new Error('checker did not sync after restart')
    // The reference server answers a sync before LevelDB has loaded the document and sends the stored
    // state afterwards as an update: wait until the count has been stable for a second.
    let survived = countPresent(checker.doc, ids)
    for (let stableSince = performance.now(), deadline = performance.now() + 10_000; performance.now() < deadline; ) {
      await sleep(50)
      const now = countPresent(checker.doc, ids)
      if (now !== survived) {
        survived = now
        stableSince = performance.now()
      } else if (performance.now() - stableSince > 1000) break
    }
    return { updates, seen, survived, lost: seen - survived, persistence: isSamskap(kind) ? 'SQLite (WAL, synchronous=FULL)' : 'LevelDB (YPERSISTENCE)' }
  } finally {
    for (const client of clients) client.destroy()
    await server.stop()
    await removeData(server)
  }
}
