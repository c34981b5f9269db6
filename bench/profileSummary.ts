/**
 * Summarises V8 CPU profiles (`node --cpu-prof`, e.g. BENCH_SAMSKAP_NODE_ARGS) of a server's main
 * thread: self time per function, the longest busy stretches (runs of samples that are not
 * `(idle)`) with what each spent its time in, and the longest tasks. A busy loop runs task after
 * task without going idle, so a stretch may hold many; a task is one callback from the event loop
 * (a socket read, an immediate, a timer) with the nextTick queue after it, where corked writes
 * leave: what a message that arrives during it waits for before it is even read. The longest
 * tasks explain a low-rate p99 better than the totals do.
 *
 *   node --import tsx bench/profileSummary.ts /tmp/prof/*.cpuprofile [--top 25] [--stretches 15] [--from-ms 3000]
 *
 * `--from-ms` skips the start (the server's own start-up). V8 samples wall time: on a loaded
 * machine compare proportions and stretch counts, not milliseconds across runs.
 */
import { parseArgs } from 'node:util'
import { readCpuProfile, type ProfileNode } from './lib/cpuProfile'

interface Stretch {
  startMs: number
  ms: number
  /** Self time per function within the stretch, µs. */
  self: Map<string, number>
  /** The outermost JavaScript frame under the event loop (what the turn was: a timer, an immediate, a socket read). */
  entry: Map<string, number>
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    stretches: { type: 'string', default: '15' },
    'from-ms': { type: 'string', default: '0' },
    'min-stretch-ms': { type: 'string', default: '5' },
  },
})

for (const file of positionals) summarise(file)

function summarise(file: string): void {
  const { profile, byId, stack } = readCpuProfile(file)
  const fromUs = Number(values['from-ms']) * 1000

  const self = new Map<string, number>()
  const tasks: { entry: string; ms: number; startMs: number; self: Map<string, number> }[] = []
  let task: (typeof tasks)[number] | null = null
  const stretches: Stretch[] = []
  let current: Stretch | null = null
  let at = 0
  let busyUs = 0
  let totalUs = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    // A sample's time is the gap to the next one.
    const us = profile.timeDeltas[i + 1] ?? 0
    if (at < fromUs) continue
    totalUs += us
    const node = byId.get(profile.samples[i]!)!
    const name = label(node)
    if (name === '(idle)') {
      if (current) stretches.push(current)
      current = null
      if (task) tasks.push(task)
      task = null
      continue
    }
    busyUs += us
    self.set(name, (self.get(name) ?? 0) + us)
    current ??= { startMs: at / 1000, ms: 0, self: new Map(), entry: new Map() }
    current.ms += us / 1000
    current.self.set(name, (current.self.get(name) ?? 0) + us)
    const entry = entryOf(stack(node.id))
    current.entry.set(entry, (current.entry.get(entry) ?? 0) + us)
    // The nextTick queue, the collector and native code belong to the task before them.
    if (task === null || (entry !== task.entry && !belongsToPrevious(entry))) {
      if (task) tasks.push(task)
      task = { entry, ms: 0, startMs: at / 1000, self: new Map() }
    }
    task.ms += us / 1000
    task.self.set(name, (task.self.get(name) ?? 0) + us)
  }
  if (task) tasks.push(task)
  if (current) stretches.push(current)

  const minStretch = Number(values['min-stretch-ms'])
  const long = stretches.filter((stretch) => stretch.ms >= minStretch)
  console.log(`\n# ${file}`)
  console.log(`profiled ${(totalUs / 1000).toFixed(0)} ms after ${values['from-ms']} ms, busy ${(busyUs / 1000).toFixed(0)} ms (${((100 * busyUs) / Math.max(1, totalUs)).toFixed(1)} %)`)
  console.log(`busy stretches: ${stretches.length}; ≥ ${minStretch} ms: ${long.length}; ≥ 10 ms: ${stretches.filter((s) => s.ms >= 10).length}; ≥ 20 ms: ${stretches.filter((s) => s.ms >= 20).length}`)
  const lengths = stretches.map((stretch) => stretch.ms).sort((a, b) => a - b)
  console.log(`stretch ms p50 ${pct(lengths, 0.5)} p90 ${pct(lengths, 0.9)} p99 ${pct(lengths, 0.99)} max ${pct(lengths, 1)}`)

  const taskLengths = tasks.map((t) => t.ms).sort((a, b) => a - b)
  console.log(`tasks: ${tasks.length}; ≥ 5 ms: ${tasks.filter((t) => t.ms >= 5).length}; ≥ 10 ms: ${tasks.filter((t) => t.ms >= 10).length}; ≥ 20 ms: ${tasks.filter((t) => t.ms >= 20).length}; task ms p99 ${pct(taskLengths, 0.99)} max ${pct(taskLengths, 1)}`)
  console.log(`\nself time, top ${values.top}:`)
  for (const [name, us] of top(self, Number(values.top))) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / busyUs).toFixed(1).padStart(5)} %  ${name}`)

  console.log(`\nlongest busy stretches:`)
  for (const stretch of [...stretches].sort((a, b) => b.ms - a.ms).slice(0, Number(values.stretches))) {
    const what = top(stretch.self, 4).map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', ')
    const entry = top(stretch.entry, 2).map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', ')
    console.log(`${stretch.ms.toFixed(1).padStart(7)} ms at ${(stretch.startMs / 1000).toFixed(2)} s  [${entry}]  ${what}`)
  }

  console.log(`\ntasks by entry (count, p50 / p90 / max ms), the 8 with the most time:`)
  const byEntry = new Map<string, number[]>()
  for (const t of tasks) byEntry.set(t.entry, [...(byEntry.get(t.entry) ?? []), t.ms])
  const entries = [...byEntry].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0)).slice(0, 8)
  for (const [entry, lengths] of entries) {
    lengths.sort((a, b) => a - b)
    console.log(`${String(lengths.length).padStart(6)}  ${pct(lengths, 0.5)} / ${pct(lengths, 0.9)} / ${pct(lengths, 1)}  ${entry}`)
  }

  console.log(`\nlongest tasks:`)
  for (const t of [...tasks].sort((a, b) => b.ms - a.ms).slice(0, Number(values.stretches))) {
    const what = top(t.self, 4).map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', ')
    console.log(`${t.ms.toFixed(1).padStart(7)} ms at ${(t.startMs / 1000).toFixed(2)} s  [${t.entry}]  ${what}`)
  }
}

function belongsToPrevious(entry: string): boolean {
  return entry.startsWith('processTicksAndRejections') || entry.startsWith('(')
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame
  if (!url) return functionName || '(anonymous)'
  const file = url.replace(/^.*\/(node_modules\/)?/, '')
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`
}

/** The outermost named JavaScript frame of a sample: the kind of turn it belongs to. */
function entryOf(frames: readonly ProfileNode[]): string {
  let outer = frames[0]!
  for (const node of frames) if (node.callFrame.functionName && !node.callFrame.functionName.startsWith('(')) outer = node
  return label(outer)
}

function top(map: Map<string, number>, count: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, count)
}

function pct(sorted: number[], q: number): string {
  if (sorted.length === 0) return '-'
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!.toFixed(1)
}
