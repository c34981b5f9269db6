/**
 * What a server's heap holds per note, by holder (issue 16 (m)). For each server: one room, a probe
 * keeping it loaded, a heap snapshot, N new notes from one writer (one update each, as in (m)),
 * another snapshot; the growth is grouped by class and, for generic containers (strings, arrays,
 * Maps, plain objects), by who holds them (`Item.parentSub`, `ContentAny.arr`, …). `bare` is a
 * plain Y.Doc in this process receiving the same kind of updates: what Yjs itself costs;
 * `bare-trimmed` the same with shared/doc/trimDecodedContent.ts, as a room's document.
 *
 *   node --import tsx --max-old-space-size=6000 bench/heapByHolder.ts --notes 10000 --servers bare,samskap,y-websocket
 *
 * Run by hand; snapshots go to a temporary directory and are deleted after reading.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import * as Y from 'yjs'
import { trimDecodedContent } from '../shared/doc/trimDecodedContent'
import { LoadSocket } from './lib/LoadSocket'
import { NoteWriter } from './lib/NoteWriter'
import { Probe } from './lib/Probe'
import { diffGroups, groupHeap, readHeapSnapshot, type HeapGroup } from './lib/heapSnapshot'
import { createRooms, removeData, startServer, type ServerKind } from './lib/servers'
import { sleep, until } from './lib/stats'

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1]! : fallback
}

const notes = Number(argument('notes', '10000'))
const kinds = argument('servers', 'bare,samskap,y-websocket,hocuspocus').split(',')
const top = Number(argument('top', '25'))

async function waitForSnapshot(dir: string, known: Set<string>): Promise<string> {
  for (;;) {
    const fresh = fs.readdirSync(dir).filter((file) => file.endsWith('.heapsnapshot') && !known.has(file))
    if (fresh.length > 0) {
      const file = path.join(dir, fresh[0]!)
      // The file is written in chunks; it is complete once its size stops changing.
      let size = -1
      for (;;) {
        await sleep(500)
        const now = fs.statSync(file).size
        if (now === size && now > 0) break
        size = now
      }
      known.add(fresh[0]!)
      return file
    }
    await sleep(200)
  }
}

async function measureServer(kind: ServerKind, dir: string): Promise<[string, HeapGroup][]> {
  const server = await startServer(kind, { nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`] })
  const known = new Set<string>()
  const snapshot = async () => {
    process.kill(server.pid, 'SIGUSR2')
    const file = await waitForSnapshot(dir, known)
    const groups = groupHeap(readHeapSnapshot(file))
    await fsp.rm(file)
    return groups
  }
  const probe = new Probe(server, (await createRooms(server, 1))[0]!)
  let socket: LoadSocket | null = null
  try {
    if (!(await probe.whenSynced(30_000))) throw new Error('probe did not sync')
    socket = await LoadSocket.open(server, probe.room)
    // On the workshop's own board, as in a real workshop (the bench's 'bench-board' does not exist,
    // so Samskap's search index, which skips items on no board, would hold nothing for them).
    const boardId = [...probe.doc.getMap('boards').keys()][0] ?? 'bench-board'
    const writer = new NoteWriter('mem', kind, probe.room, boardId)
    const messages = Array.from({ length: notes }, () => writer.next(0))
    await sleep(1000)
    const before = await snapshot()
    probe.expect(messages)
    for (let i = 0; i < messages.length; i++) {
      socket.send(messages[i]!.frame)
      if (i % 50 === 49) await sleep(10)
    }
    if (!(await until(() => messages.every((m) => m.deliveredAt > 0), 300_000, 50))) throw new Error('notes were not delivered')
    // Past the server's timers that run after edits (search index 2 s, awareness, compaction).
    await sleep(5000)
    return diffGroups(before, await snapshot())
  } finally {
    socket?.close()
    probe.destroy()
    await server.stop()
    await removeData(server)
  }
}

/** A Y.Doc in this process receiving `notes` updates made as NoteWriter makes them. */
async function measureBare(dir: string, trimmed: boolean): Promise<[string, HeapGroup][]> {
  let writer: NoteWriter | null = new NoteWriter('mem', 'y-websocket', 'bare')
  const updates: Uint8Array[] = []
  writer.doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 0; i < notes; i++) writer.next(0)
  writer.doc.destroy()
  writer = null
  const take = (name: string) => {
    const file = v8.writeHeapSnapshot(path.join(dir, `${name}.heapsnapshot`))
    const groups = groupHeap(readHeapSnapshot(file))
    fs.rmSync(file)
    return groups
  }
  const before = take('bare-before')
  const doc = new Y.Doc()
  if (trimmed) trimDecodedContent(doc)
  for (const update of updates) Y.applyUpdate(doc, update)
  const after = take('bare-after')
  if (doc.getMap('items').size !== notes) throw new Error('bare document is incomplete')
  return diffGroups(before, after)
}

function print(kind: string, rows: [string, HeapGroup][]): void {
  const total = rows.reduce((sum, [, group]) => sum + group.bytes, 0)
  console.log(`\n## ${kind}: ${notes} notes, heap growth ${(total / notes).toFixed(0)} B per note (snapshot self sizes)\n`)
  console.log('| holder | objects per note | bytes per note |')
  console.log('|---|---|---|')
  for (const [key, group] of rows.slice(0, top)) {
    if (Math.abs(group.bytes / notes) < 4) continue
    console.log(`| ${key.replace(/\|/g, '\\|')} | ${(group.count / notes).toFixed(2)} | ${(group.bytes / notes).toFixed(0)} |`)
  }
  const rest = rows.slice(top).reduce((sum, [, group]) => sum + group.bytes, 0)
  console.log(`| everything else | | ${(rest / notes).toFixed(0)} |`)
}

const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'heap-by-holder-'))
try {
  for (const kind of kinds) {
    const rows = kind === 'bare' || kind === 'bare-trimmed' ? await measureBare(dir, kind === 'bare-trimmed') : await measureServer(kind as ServerKind, dir)
    print(kind, rows)
  }
} finally {
  await fsp.rm(dir, { recursive: true, force: true })
}
process.exit(0)
