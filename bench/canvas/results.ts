/**
 * What the canvas benchmark measures and how it prints it: the targets, the Chromium modes, the result
 * shapes, the console lines and RESULTS.md. run.ts drives the browser and hands its results here.
 */
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import { join } from 'node:path'
import type { BenchMix } from './benchBoard'
import type { FrameSummary } from './frameProbe'
import type { ProfileSummary } from './profileSummary'

export const ROOT = join(import.meta.dirname, '..', '..')
export const TARGET_FPS = 55
/** Issue 16: 10,000 items, every phase ≥ 55 FPS time-weighted median and p5 ≥ 30 FPS. */
export const TARGET_ITEMS = 10000
export const TARGET_P5_FPS = 30
export const VIEWPORT = { width: 1440, height: 900 }

/** Flags of tests/e2e/harness.ts: Debian's Chromium in a sandbox with loopback only. */
export const commonArgs = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
export type RenderMode = 'software' | 'swiftshader'
export const modeArgs: Record<RenderMode, string[]> = {
  /** What the e2e suite uses: no GPU process, everything rasterised on the CPU. */
  software: ['--disable-gpu'],
  /** A GPU process with SwiftShader (Vulkan/GL emulated on the CPU): the closest to a GPU this machine has. */
  swiftshader: ['--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
}

export interface PhaseResult extends FrameSummary {
  phase: string
  mountedMax: number
  mountedEnd: number
  renderStats: unknown
  note?: string
}

export interface BoardResult {
  mode: RenderMode
  mix: BenchMix
  /** Chromium CPU throttling rate during the run (1: none). */
  throttle: number
  items: number
  notes: number
  seedMs: number
  /** Navigation start to the first frame with every item drawn. */
  firstFullRenderMs: number
  mountedAtLoad: number
  hookHas: string
  phases: PhaseResult[]
}

export interface ModeInfo {
  mode: RenderMode
  webgl: string
  error?: string
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–')

export function printBoard(r: BoardResult): void {
  console.log(`  seeded in ${fmt(r.seedMs / 1000)} s; first full render ${fmt(r.firstFullRenderMs, 0)} ms after navigation (${r.mountedAtLoad} nodes drawn)`)
  for (const p of r.phases) {
    console.log(
      `  ${p.phase.padEnd(32)} median ${fmt(p.medianFps).padStart(5)}  time-median ${fmt(p.timeMedianFps).padStart(5)}  mean ${fmt(p.meanFps).padStart(5)}  p5 ${fmt(p.p5Fps).padStart(5)} fps  long ${String(p.longFrames).padStart(3)} (${fmt(p.longShare * 100, 0)} % of time)  mounted ≤${p.mountedMax}`,
    )
  }
}

export interface ResultsInput {
  results: BoardResult[]
  modeInfo: ModeInfo[]
  chromiumVersion: string
  mix: BenchMix
  seconds: number
  profile: (ProfileSummary & { label?: string })[]
  profileItems: number
  throttle: number
  builtAt: string
  /** 1-minute load average: other work on the machine skews every number here. */
  load: string
}

export function renderResults({ results, modeInfo, chromiumVersion, mix, seconds, profile, profileItems, throttle, builtAt, load }: ResultsInput): string {
  const cpus = os.cpus()
  const lines: string[] = []
  lines.push('# Canvas benchmark results', '')
  lines.push('Written by `npm run bench:canvas` (bench/canvas/run.ts); see README.md beside this file for how to read it.', '')
  lines.push('| | |', '|---|---|')
  lines.push(`| date | ${new Date().toISOString()} |`)
  lines.push(`| machine | ${os.cpus().length} logical CPUs (nproc), ${cpus[0]?.model ?? '?'}, ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()} |`)
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()
  lines.push(`| load average (1 min) | ${load} (on ${cpus.length} CPUs; above ~1 per CPU, other processes compete with the page) |`)
  lines.push(`| build | dist/ built ${builtAt} (minified production build), repo HEAD ${head || '?'}; the profile pass builds the working tree unminified |`)
  lines.push(`| browser | ${chromiumVersion ? `Chromium ${chromiumVersion}` : '?'}, headless, viewport ${VIEWPORT.width}×${VIEWPORT.height}, deviceScaleFactor 1 |`)
  for (const m of modeInfo) lines.push(`| mode \`${m.mode}\` | flags \`${modeArgs[m.mode].join(' ')}\`; WebGL renderer: ${m.error ? `did not start: ${m.error}` : m.webgl || '?'} |`)
  lines.push(`| boards | mixed: 70 % notes, 12 % shapes, 10 % texts, 8 % strokes; notes: notes only; grid ≈ √(2N) columns of 220 px cells with seeded jitter (5,000 items: 100 × 50, 22,000 × 11,000 px) |`)
  lines.push(`| CPU throttling | ${throttle > 1 ? `${throttle}× (Chromium \`Emulation.setCPUThrottlingRate\`, as DevTools' "${throttle}× slowdown")` : 'none'} |`)
  lines.push(`| phases | ${seconds} s each, real input events (Playwright mouse/keyboard → CDP), frame times from requestAnimationFrame in the page |`)
  lines.push('')
  lines.push(
    `Target: median ≥ ${TARGET_FPS} FPS and p5 ≥ ${TARGET_P5_FPS} FPS at ${TARGET_ITEMS.toLocaleString('en')} items in every phase. Judged on the time-weighted median ` +
      '(half the wall time in frames at least this fast); the per-frame median is shown too but hides freezes (see README).',
    '',
  )
  for (const m of modeInfo) {
    const at = results.find((r) => r.mode === m.mode && r.items === TARGET_ITEMS && r.mix === mix)
    if (!at) continue
    const worst = at.phases.reduce((a, b) => (b.timeMedianFps < a.timeMedianFps ? b : a))
    const worstCount = Math.min(...at.phases.map((p) => p.medianFps))
    const worstP5 = at.phases.reduce((a, b) => (b.p5Fps < a.p5Fps ? b : a))
    const met = worst.timeMedianFps >= TARGET_FPS && worstP5.p5Fps >= TARGET_P5_FPS
    lines.push(
      `- **${m.mode}**: ${met ? '**met**' : '**not met**'} — lowest time-weighted median ${fmt(worst.timeMedianFps)} FPS (${worst.phase}); lowest p5 ${fmt(worstP5.p5Fps)} FPS (${worstP5.phase}); lowest per-frame median ${fmt(worstCount)} FPS`,
    )
  }
  lines.push('')
  lines.push('| mode | items | drawn | first full render | phase | median FPS (per frame) | median FPS (time-weighted) | mean FPS | p5 FPS | long frames >50 ms (share of time) | worst frame | nodes mounted (max) | render stats |')
  lines.push('|---|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|')
  for (const r of results) {
    for (const [i, p] of r.phases.entries()) {
      const head = i === 0 ? [r.mode, `${r.items.toLocaleString('en')} ${r.mix}`, `${r.notes} notes in doc, ${r.mountedAtLoad} nodes at load; hook: ${r.hookHas}`, `${fmt(r.firstFullRenderMs, 0)} ms`] : ['', '', '', '']
      const stats = p.renderStats === null || p.renderStats === undefined ? '–' : `\`${JSON.stringify(p.renderStats)}\``
      const met = r.items === TARGET_ITEMS && r.mix === mix ? (p.timeMedianFps >= TARGET_FPS && p.p5Fps >= TARGET_P5_FPS ? ' ✓' : ' ✗') : ''
      const cells = [
        ...head,
        p.phase + (p.note ? ` (${p.note})` : ''),
        fmt(p.medianFps),
        fmt(p.timeMedianFps) + met,
        fmt(p.meanFps),
        fmt(p.p5Fps),
        `${p.longFrames} (${fmt(p.longShare * 100, 0)} %)`,
        `${fmt(p.worstFrameMs, 0)} ms`,
        String(p.mountedMax),
        stats,
      ]
      lines.push(`| ${cells.join(' | ')} |`)
    }
  }
  lines.push('')
  if (profile.length > 0) {
    lines.push(`## Where main-thread time goes (${profileItems.toLocaleString('en')} items, software, unminified build${throttle > 1 ? `, ${throttle}× CPU throttling` : ''})`, '')
    lines.push('V8 sampling profiler (200 µs) over a separate pass; self time. Rasterisation on the compositor/raster threads is not in it.', '')
    for (const p of profile) {
      lines.push(`### ${p.label ?? ''} — ${fmt(p.totalMs, 0)} ms sampled`, '')
      lines.push('| package | self ms | share |', '|---|---:|---:|')
      for (const row of p.byPackage.slice(0, 10)) lines.push(`| ${row.name} | ${fmt(row.ms, 0)} | ${fmt(row.share * 100)} % |`)
      lines.push('', '| module | self ms | share |', '|---|---:|---:|')
      for (const row of p.byModule.slice(0, 10)) lines.push(`| ${row.name} | ${fmt(row.ms, 0)} | ${fmt(row.share * 100)} % |`)
      lines.push('', '| function [module] | self ms | share |', '|---|---:|---:|')
      for (const row of p.byFunction.slice(0, 15)) lines.push(`| \`${row.name}\` | ${fmt(row.ms, 0)} | ${fmt(row.share * 100)} % |`)
      lines.push('')
    }
  }
  lines.push('## Notes', '', '(see README.md; findings are added below by hand after a run)', '')
  return lines.join('\n')
}
