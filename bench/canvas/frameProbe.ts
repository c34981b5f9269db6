/**
 * The page side of the benchmark, injected as an init script before the app loads. It keeps one
 * requestAnimationFrame loop running from the first frame and, while recording, stores each frame's
 * timestamp: frame times come from the page's own clock, never from Playwright's round trips.
 *
 * Plain JavaScript in a string on purpose: functions passed to Playwright are serialised, and tsx
 * (esbuild keepNames) would wrap inner functions in a `__name` helper the page does not have. The
 * `__name` shim below covers the small callbacks run.ts passes to `page.evaluate`.
 */
export const frameProbeSource = String.raw`
(() => {
  globalThis.__name = globalThis.__name || ((fn) => fn)
  let recording = false
  let times = []
  let mountedMax = 0
  let frame = 0
  const hookCount = () => {
    const hook = window.__samskapCanvas
    if (!hook) return 0
    return typeof hook.getItems === 'function' ? hook.getItems().length : hook.getNotes().length
  }
  // Items drawn on the stage right now: children of every layer except the selection frame (the
  // benchmark has no other person's cursor on the board). Konva puts itself on window when it loads.
  const mounted = () => {
    const Konva = window.Konva
    const stage = Konva && Konva.stages && Konva.stages[0]
    if (!stage) return 0
    let count = 0
    for (const layer of stage.getLayers()) {
      for (const child of layer.getChildren()) if (child.getClassName() !== 'Transformer') count++
    }
    return count
  }
  const loop = (t) => {
    frame++
    if (recording) {
      times.push(t)
      if (frame % 10 === 0) mountedMax = Math.max(mountedMax, mounted())
    }
    requestAnimationFrame(loop)
  }
  requestAnimationFrame(loop)
  window.__benchProbe = {
    hookCount,
    mounted,
    start() {
      times = []
      mountedMax = mounted()
      recording = true
    },
    stop() {
      recording = false
      const hook = window.__samskapCanvas
      const renderStats = hook && typeof hook.getRenderStats === 'function' ? hook.getRenderStats() : null
      return { times, mountedMax: Math.max(mountedMax, mounted()), mountedEnd: mounted(), renderStats }
    },
    // Resolves at the first frame where the hook reports every item and the number of drawn nodes
    // has stopped changing (stable for 20 frames): the board's first full render.
    waitForFullRender(expected, timeoutMs) {
      return new Promise((resolve, reject) => {
        let last = -1
        let since = 0
        let stable = 0
        const started = performance.now()
        const check = (t) => {
          if (performance.now() - started > timeoutMs) {
            reject(new Error('board did not render ' + expected + ' items: hook has ' + hookCount() + ', stage has ' + mounted()))
            return
          }
          if (hookCount() >= expected) {
            const m = mounted()
            if (m !== last) {
              last = m
              since = t
              stable = 0
            } else if (m > 0 && ++stable >= 20) {
              resolve({ ms: since, mounted: m, items: hookCount() })
              return
            }
          }
          requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      })
    },
  }
})()
`

export interface PhaseSample {
  times: number[]
  mountedMax: number
  mountedEnd: number
  renderStats: unknown
}

export interface FrameSummary {
  frames: number
  seconds: number
  /** 1000 / median frame interval, counting frames: what "median FPS" usually means. */
  medianFps: number
  /**
   * 1000 / the interval at the middle of the phase's wall time: half the time was spent in frames
   * at least this slow. One 1.8 s freeze among 100 quick idle frames barely moves `medianFps` but
   * dominates this, and it is what a person dragging the board feels.
   */
  timeMedianFps: number
  /** Frames per second over the whole phase. */
  meanFps: number
  /** 1000 / 95th percentile frame interval. */
  p5Fps: number
  longFrames: number
  /** Share of the phase's wall time spent in frames longer than 50 ms. */
  longShare: number
  worstFrameMs: number
}

/** Median FPS from the median frame interval; p5 FPS from the 95th percentile interval (the slow tail). */
export function summarizeFrames(times: readonly number[]): FrameSummary {
  const intervals: number[] = []
  for (let i = 1; i < times.length; i++) intervals.push(times[i]! - times[i - 1]!)
  if (intervals.length === 0) return { frames: 0, seconds: 0, medianFps: 0, timeMedianFps: 0, meanFps: 0, p5Fps: 0, longFrames: 0, longShare: 0, worstFrameMs: 0 }
  const sorted = [...intervals].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  const total = sorted.reduce((sum, d) => sum + d, 0)
  let covered = 0
  let timeMedian = sorted[sorted.length - 1]!
  for (const d of sorted) {
    covered += d
    if (covered >= total / 2) {
      timeMedian = d
      break
    }
  }
  const long = intervals.filter((d) => d > 50)
  return {
    frames: intervals.length,
    seconds: total / 1000,
    medianFps: 1000 / at(0.5),
    timeMedianFps: 1000 / timeMedian,
    meanFps: (intervals.length * 1000) / total,
    p5Fps: 1000 / at(0.95),
    longFrames: long.length,
    longShare: long.reduce((sum, d) => sum + d, 0) / total,
    worstFrameMs: sorted[sorted.length - 1]!,
  }
}
