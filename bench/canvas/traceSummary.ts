/**
 * Where a phase's time went on the page's main thread, from a Chromium trace (`--trace`): script,
 * style and layout, paint and canvas raster, compositor commits, and the busy total, each in ms
 * per frame. On a loaded machine frame rates swing from run to run, but how much work a frame
 * takes holds, so a before/after pair compares these.
 *
 * The profile pass marks each phase with `performance.mark('bench:<phase>:start' | ':end')`
 * (category blink.user_timing). Run on its own: `npx tsx bench/canvas/traceSummary.ts trace.json`.
 */
import { readFile } from 'node:fs/promises'

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string; data?: { frame?: string } }
}

export interface PhaseWork {
  phase: string
  ms: number
  /** Frames in the phase (the page's requestAnimationFrame count, or DrawFrame events). */
  frames: number
  /** Main-thread ms per frame in each group (overlapping events of one group counted once). */
  perFrame: Record<WorkGroup, number>
}

type WorkGroup = 'script' | 'styleLayout' | 'paintRaster' | 'commit' | 'gc' | 'busy'

/** Trace event names in each group (Chromium 13x–15x timeline names). */
const groups: Record<Exclude<WorkGroup, 'busy'>, ReadonlySet<string>> = {
  script: new Set(['FunctionCall', 'EvaluateScript', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'V8.Execute', 'v8.callFunction']),
  styleLayout: new Set(['UpdateLayoutTree', 'Layout', 'RecalculateStyles']),
  paintRaster: new Set(['Paint', 'PrePaint', 'Layerize', 'Canvas2DResourceProvider::ProduceCanvasResource', 'PaintImage', 'RasterTask', 'Decode Image']),
  commit: new Set(['Commit', 'ProxyMain::BeginMainFrame::commit']),
  gc: new Set(['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'BlinkGC.AtomicPhase']),
}
const busyNames = new Set(['ThreadControllerImpl::RunTask', 'RunTask'])

/** `framesOf` gives a phase's frame count from the page's own probe; without it, DrawFrame events are counted. */
export function summarizeTrace(events: readonly TraceEvent[], framesOf: (phase: string) => number | undefined = () => undefined): PhaseWork[] {
  const main = rendererMain(events)
  if (!main) return []
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('bench:'))
  const phases: PhaseWork[] = []
  for (const start of marks.filter((m) => m.name.endsWith(':start'))) {
    const phase = start.name.slice('bench:'.length, -':start'.length)
    const end = marks.find((m) => m.name === `bench:${phase}:end` && m.ts > start.ts)
    if (!end) continue
    const within = (e: TraceEvent) => e.ts + (e.dur ?? 0) > start.ts && e.ts < end.ts
    const frames = framesOf(phase) ?? (events.filter((e) => e.name === 'DrawFrame' && within(e)).length || 1)
    const mainEvents = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && within(e))
    const perFrame = {} as Record<WorkGroup, number>
    for (const [group, names] of Object.entries(groups) as [Exclude<WorkGroup, 'busy'>, ReadonlySet<string>][]) {
      perFrame[group] = unionMs(mainEvents.filter((e) => names.has(e.name)), start.ts, end.ts) / frames
    }
    perFrame.busy = unionMs(mainEvents.filter((e) => busyNames.has(e.name)), start.ts, end.ts) / frames
    phases.push({ phase, ms: (end.ts - start.ts) / 1000, frames, perFrame })
  }
  return phases
}

/** The renderer main thread of the page: the thread named CrRendererMain with the most events. */
function rendererMain(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const named = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  let best: { pid: number; tid: number; count: number } | null = null
  for (const t of named) {
    const count = events.filter((e) => e.pid === t.pid && e.tid === t.tid).length
    if (!best || count > best.count) best = { pid: t.pid, tid: t.tid, count }
  }
  return best
}

/** Time covered by the events' intervals (µs → ms), clipped to [from, to]. */
function unionMs(list: readonly TraceEvent[], from: number, to: number): number {
  const spans = list.map((e) => [Math.max(from, e.ts), Math.min(to, e.ts + e.dur!)] as const).filter(([a, b]) => b > a)
  spans.sort((a, b) => a[0] - b[0])
  let total = 0
  let [curA, curB] = [-1, -1]
  for (const [a, b] of spans) {
    if (a > curB) {
      total += curB - curA
      ;[curA, curB] = [a, b]
    } else if (b > curB) curB = b
  }
  total += curB - curA
  return total / 1000
}

export function formatTraceSummary(phases: readonly PhaseWork[]): string {
  const head = '| phase | ms | frames | busy ms/frame | script | style+layout | paint+raster | commit | GC |'
  const rows = phases.map((p) => {
    const f = (v: number) => v.toFixed(1)
    return `| ${p.phase} | ${Math.round(p.ms)} | ${p.frames} | ${f(p.perFrame.busy)} | ${f(p.perFrame.script)} | ${f(p.perFrame.styleLayout)} | ${f(p.perFrame.paintRaster)} | ${f(p.perFrame.commit)} | ${f(p.perFrame.gc)} |`
  })
  return [head, '|---|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows].join('\n')
}

export async function readTrace(path: string): Promise<TraceEvent[]> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] }
  return Array.isArray(parsed) ? parsed : parsed.traceEvents
}

if (import.meta.filename === process.argv[1]) {
  const path = process.argv[2]
  if (!path) throw new Error('usage: npx tsx bench/canvas/traceSummary.ts trace.json')
  console.log(formatTraceSummary(summarizeTrace(await readTrace(path))))
}
