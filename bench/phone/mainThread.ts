/**
 * What the page's main thread did between navigation and the note box taking text, from a Chromium
 * performance trace (`browser.startTracing` with the timeline and V8 sampling categories): the
 * long tasks in order, each with the scripts it ran, and the functions that took the most time
 * (self time from the V8 samples; readable with an unminified build, `--dist`).
 */

/** The categories DevTools' performance panel records, plus V8's sampling profiler. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'disabled-by-default-v8.cpu_profiler',
]

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  id?: string
  args?: { name?: string; data?: Record<string, unknown> }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  parent?: number
}

/** The summary as lines of text, times in ms from the navigation. */
export function summarizeMainThread(trace: { traceEvents: TraceEvent[] }, untilMs: number): string[] {
  const events = trace.traceEvents
  const main = mainThreadOf(events)
  if (!main) return ['(no renderer main thread in the trace)']
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid)
  const navigation = onMain.find((e) => e.name === 'navigationStart') ?? events.find((e) => e.name === 'navigationStart')
  const t0 = navigation?.ts ?? Math.min(...onMain.map((e) => e.ts))
  const ms = (us: number) => Math.round(us / 1000)
  const until = t0 + untilMs * 1000
  const tasks = onMain.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts <= until)
  const busy = tasks.reduce((sum, e) => sum + Math.min(e.dur ?? 0, Math.max(0, until - e.ts)), 0)
  const lines = [`main thread busy ${ms(busy)} of ${untilMs} ms before the box took text; tasks over 30 ms:`]
  for (const task of tasks.filter((e) => (e.dur ?? 0) > 30_000)) {
    const end = task.ts + (task.dur ?? 0)
    const inside = onMain.filter((e) => e.ph === 'X' && e.ts >= task.ts && e.ts < end && e !== task)
    const what = topNames(inside, ['EvaluateScript', 'FunctionCall', 'v8.compile', 'ParseHTML', 'Layout', 'UpdateLayoutTree', 'Paint', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'TimerFire', 'EventDispatch', 'FireAnimationFrame', 'RunMicrotasks', 'v8.run'])
    lines.push(`  ${String(ms(task.ts - t0)).padStart(6)} ms +${String(ms(task.dur ?? 0)).padStart(5)} ms  ${what}`)
  }
  lines.push('functions by self time before the box took text (V8 samples):')
  for (const [name, us] of selfTimes(events, main.pid, t0, until).slice(0, 15)) lines.push(`  ${String(ms(us)).padStart(6)} ms  ${name}`)
  return lines
}

function mainThreadOf(events: TraceEvent[]): { pid: number; tid: number } | undefined {
  // The renderer whose main thread ran the most: the page's (the service worker and extensions have their own).
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  let best: { pid: number; tid: number; busy: number } | undefined
  for (const thread of names) {
    const busy = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X').reduce((sum, e) => sum + (e.dur ?? 0), 0)
    if (!best || busy > best.busy) best = { pid: thread.pid, tid: thread.tid, busy }
  }
  return best
}

function topNames(inside: TraceEvent[], wanted: string[]): string {
  const sums = new Map<string, number>()
  for (const e of inside) {
    if (!wanted.includes(e.name)) continue
    const data = e.args?.data ?? {}
    const detail = typeof data.url === 'string' && data.url ? ` ${shortUrl(data.url)}` : typeof data.functionName === 'string' && data.functionName ? ` ${data.functionName}` : ''
    const key = `${e.name}${detail}`
    sums.set(key, (sums.get(key) ?? 0) + (e.dur ?? 0))
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, us]) => `${k} ${Math.round(us / 1000)}`).join('; ')
}

function shortUrl(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/assets\//, '')
}

/** Self time per function from the V8 CPU profile chunks in the trace, within [from, until]. */
function selfTimes(events: TraceEvent[], pid: number, from: number, until: number): [string, number][] {
  const nodes = new Map<number, ProfileNode>()
  const sums = new Map<string, number>()
  let time = 0
  const chunks = events.filter((e) => e.pid === pid && (e.name === 'Profile' || e.name === 'ProfileChunk'))
  for (const chunk of chunks) {
    const data = chunk.args?.data as { startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined
    if (!data) continue
    if (data.startTime !== undefined) time = data.startTime
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node)
    const samples = data.cpuProfile?.samples ?? []
    const deltas = data.timeDeltas ?? []
    for (let i = 0; i < samples.length; i++) {
      const delta = deltas[i] ?? 0
      time += delta
      if (time < from || time > until) continue
      const node = nodes.get(samples[i]!)
      if (!node) continue
      const frame = node.callFrame
      const key = frame.url ? `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : frame.functionName
      // The next sample's delta is this one's duration; the current one stands in for it.
      sums.set(key, (sums.get(key) ?? 0) + (deltas[i + 1] ?? delta))
    }
  }
  return [...sums].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1])
}
