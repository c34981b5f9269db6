/**
 * Where a server's resident memory goes per note, by holder (issue 16 (m): RSS per note). The (m)
 * flow (one room, a probe keeping it loaded, N new notes from one writer, one update each), with
 * the process read before and after through the inspector and /proc: the main isolate's V8 heap
 * (used, and committed pages by space), each worker thread's isolate (Samskap's SQLite writer),
 * ArrayBuffers and other memory outside the heaps, and the process's mappings from
 * /proc/<pid>/smaps (glibc's main heap, other anonymous memory, files). Every isolate is
 * garbage-collected before each reading.
 *
 *   node --import tsx bench/rssByHolder.ts --notes 5000 --servers samskap,y-websocket [--env K=V,K=V] [--node-args "--a --b"]
 *
 * Run by hand; prints one table per server.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { InspectorSession } from './lib/inspectorSession'
import { LoadSocket } from './lib/LoadSocket'
import { NoteWriter } from './lib/NoteWriter'
import { Probe } from './lib/Probe'
import { createRooms, removeData, startServer, type ServerKind } from './lib/servers'
import { sleep, until } from './lib/stats'

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1]! : fallback
}

const notes = Number(argument('notes', '5000'))
const kinds = argument('servers', 'samskap,y-websocket').split(',') as ServerKind[]
const env = Object.fromEntries(
  argument('env', '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
)
const nodeArgs = argument('node-args', '').split(' ').filter(Boolean)

interface IsolateReading {
  heapUsed: number
  /** Pages V8 has committed and touched, all spaces (`total_physical_size`). */
  physical: number
  /** Malloc'd by V8 itself outside its pages (`malloced_memory`). */
  malloced: number
  external: number
  arrayBuffers: number
  spaces: Record<string, { used: number; physical: number }>
}

interface Reading {
  rss: number
  threads: number
  /** Resident bytes by mapping: `[heap]` (glibc's main arena), other anonymous memory, files. */
  mappings: Record<string, number>
  /** Resident bytes of each mapping by its address range (for the list of those that grew). */
  regions: Map<string, { name: string; size: number; rss: number }>
  main: IsolateReading
  workers: IsolateReading[]
  /** glibc's own count over all arenas (gdb: mallinfo2), and the RSS after `malloc_trim(0)` when asked (--trim). */
  malloc: { inUse: number; free: number; arenas: number; rssAfterTrim: number | null } | null
}

/** glibc's figures, read by attaching gdb for a moment (the process is paused while it does). */
function mallocFigures(pid: number, trim: boolean): Reading['malloc'] {
  const commands = ['-ex', 'p mallinfo2()']
  if (trim) commands.push('-ex', 'p (int)malloc_trim(0)')
  const result = spawnSync('gdb', ['-p', String(pid), '-batch', ...commands], { encoding: 'utf8', timeout: 60_000 })
  const info = /arena = (\d+),.*hblkhd = (\d+),.*uordblks = (\d+), fordblks = (\d+)/.exec(result.stdout)
  if (!info) return null
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024
  return { inUse: Number(info[3]) + Number(info[2]), free: Number(info[4]), arenas: Number(info[1]), rssAfterTrim: trim ? rss : null }
}

const isolateExpression = `(() => {
  const v8 = require('v8')
  const stats = v8.getHeapStatistics()
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, { used: s.space_used_size, physical: s.physical_space_size }]))
  const usage = process.memoryUsage()
  return { heapUsed: stats.used_heap_size, physical: stats.total_physical_size, malloced: stats.malloced_memory,
    external: usage.external, arrayBuffers: usage.arrayBuffers, spaces }
})()`

function mappings(pid: number): { bytes: Record<string, number>; regions: Reading['regions'] } {
  const bytes: Record<string, number> = {}
  const regions: Reading['regions'] = new Map()
  let current = 'other'
  let region: { name: string; size: number; rss: number } | null = null
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (header) {
      const name = header[4]!.trim()
      current = name === '' ? 'anonymous' : name.startsWith('[') ? name : /\.(so|node)(\.|$)/.test(name) ? 'shared libraries' : name.includes('/node') ? 'node binary' : `file ${name.split('/').at(-1)}`
      region = { name: `${current} ${header[3]}`, size: parseInt(header[2]!, 16) - parseInt(header[1]!, 16), rss: 0 }
      regions.set(header[1]!, region)
      continue
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line)
    if (rss) {
      bytes[current] = (bytes[current] ?? 0) + Number(rss[1]) * 1024
      if (region) region.rss = Number(rss[1]) * 1024
    }
  }
  return { bytes, regions }
}

async function read(session: InspectorSession, workers: string[], pid: number): Promise<Reading> {
  await session.call('HeapProfiler.enable')
  for (const worker of workers) await session.callWorker(worker, 'HeapProfiler.enable')
  for (let i = 0; i < 2; i++) {
    await session.call('HeapProfiler.collectGarbage')
    for (const worker of workers) await session.callWorker(worker, 'HeapProfiler.collectGarbage')
  }
  const main = await session.evaluate<IsolateReading>(isolateExpression)
  const workerReadings: IsolateReading[] = []
  for (const worker of workers) workerReadings.push(await session.evaluate<IsolateReading>(isolateExpression, worker))
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const { bytes, regions } = mappings(pid)
  return {
    rss: Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024,
    threads: Number(/Threads:\s+(\d+)/.exec(status)![1]),
    mappings: bytes,
    regions,
    main,
    workers: workerReadings,
    malloc: process.argv.includes('--no-gdb') ? null : mallocFigures(pid, process.argv.includes('--trim')),
  }
}

async function measureServer(kind: ServerKind): Promise<{ before: Reading; after: Reading }> {
  const server = await startServer(kind, { inspect: true, env, nodeArgs })
  const probe = new Probe(server, (await createRooms(server, 1))[0]!)
  let socket: LoadSocket | null = null
  let session: InspectorSession | null = null
  try {
    if (!(await probe.whenSynced(30_000))) throw new Error('probe did not sync')
    socket = await LoadSocket.open(server, probe.room)
    const boardId = [...probe.doc.getMap('boards').keys()][0] ?? 'bench-board'
    const writer = new NoteWriter('mem', kind, probe.room, boardId)
    const messages = Array.from({ length: notes }, () => writer.next(0))
    await sleep(1000)
    session = await InspectorSession.open(server.inspectorPort!)
    let workers = await session.workers()
    const before = await read(session, workers, server.pid)
    probe.expect(messages)
    for (let i = 0; i < messages.length; i++) {
      socket.send(messages[i]!.frame)
      if (i % 50 === 49) await sleep(10)
    }
    if (!(await until(() => messages.every((m) => m.deliveredAt > 0), 300_000, 50))) throw new Error('notes were not delivered')
    // Past the server's timers that run after edits (search index 2 s, awareness, compaction).
    await sleep(5000)
    workers = await session.workers()
    const after = await read(session, workers, server.pid)
    return { before, after }
  } finally {
    session?.close()
    socket?.close()
    probe.destroy()
    await server.stop()
    await removeData(server)
  }
}

function sumWorkers(reading: Reading, field: 'physical' | 'heapUsed' | 'arrayBuffers' | 'external' | 'malloced'): number {
  return reading.workers.reduce((sum, worker) => sum + worker[field], 0)
}

function print(kind: string, { before, after }: { before: Reading; after: Reading }): void {
  const perNote = (a: number, b: number) => ((b - a) / notes).toFixed(0)
  const row = (label: string, a: number, b: number) => console.log(`| ${label} | ${(a / 1048576).toFixed(1)} | ${(b / 1048576).toFixed(1)} | ${perNote(a, b)} |`)
  console.log(`\n## ${kind}: ${notes} notes; threads ${before.threads} → ${after.threads}; workers ${before.workers.length} → ${after.workers.length}\n`)
  console.log('| holder | before MB | after MB | bytes per note |')
  console.log('|---|---|---|---|')
  row('**RSS**', before.rss, after.rss)
  row('main isolate: heap used (after GC)', before.main.heapUsed, after.main.heapUsed)
  row('main isolate: pages committed', before.main.physical, after.main.physical)
  for (const space of Object.keys(after.main.spaces)) {
    const a = before.main.spaces[space]?.physical ?? 0
    const b = after.main.spaces[space]!.physical
    if (Math.abs(b - a) / notes >= 20) row(`  ${space}: committed (used ${((after.main.spaces[space]!.used - (before.main.spaces[space]?.used ?? 0)) / notes).toFixed(0)} B/note)`, a, b)
  }
  row('main isolate: V8 malloced', before.main.malloced, after.main.malloced)
  row('main isolate: ArrayBuffers', before.main.arrayBuffers, after.main.arrayBuffers)
  row('main isolate: external (incl. ArrayBuffers)', before.main.external, after.main.external)
  row('worker isolates: heap used', sumWorkers(before, 'heapUsed'), sumWorkers(after, 'heapUsed'))
  row('worker isolates: pages committed', sumWorkers(before, 'physical'), sumWorkers(after, 'physical'))
  row('worker isolates: ArrayBuffers', sumWorkers(before, 'arrayBuffers'), sumWorkers(after, 'arrayBuffers'))
  const names = new Set([...Object.keys(before.mappings), ...Object.keys(after.mappings)])
  for (const name of names) {
    const a = before.mappings[name] ?? 0
    const b = after.mappings[name] ?? 0
    if (Math.abs(b - a) / notes >= 20 || name === '[heap]' || name === 'anonymous') row(`mapping ${name}`, a, b)
  }
  const v8Pages = (r: Reading) => r.main.physical + sumWorkers(r, 'physical')
  const anonymous = (r: Reading) => (r.mappings.anonymous ?? 0) + (r.mappings['[heap]'] ?? 0)
  const grown = [...after.regions].map(([start, region]) => ({ start, ...region, grew: region.rss - (before.regions.get(start)?.rss ?? 0) }))
  grown.sort((a, b) => b.grew - a.grew)
  for (const region of grown.slice(0, Number(argument('regions', '0')))) {
    console.log(`| region ${region.start} ${region.name}, ${(region.size / 1048576).toFixed(2)} MB mapped | ${((region.rss - region.grew) / 1048576).toFixed(1)} | ${(region.rss / 1048576).toFixed(1)} | ${(region.grew / notes).toFixed(0)} |`)
  }
  if (before.malloc && after.malloc) {
    row('malloc: in use (mallinfo2 uordblks + hblkhd)', before.malloc.inUse, after.malloc.inUse)
    row('malloc: free but held (fordblks)', before.malloc.free, after.malloc.free)
    row('malloc: arenas (sbrk + thread arenas)', before.malloc.arenas, after.malloc.arenas)
    if (after.malloc.rssAfterTrim !== null) row('RSS after malloc_trim(0)', before.malloc.rssAfterTrim!, after.malloc.rssAfterTrim)
  }
  row('anonymous + [heap] − V8 pages = malloc (native: SQLite, buffers, V8 malloced, arenas)', anonymous(before) - v8Pages(before), anonymous(after) - v8Pages(after))
}

for (const kind of kinds) print(kind, await measureServer(kind))
process.exit(0)
