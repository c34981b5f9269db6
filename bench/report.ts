import os from 'node:os'
import fs from 'node:fs'
import type { Mode } from './modes'
import type { ColdJoinResult } from './scenarios/coldJoin'
import type { DialogueResult } from './scenarios/dialogue'
import type { MemoryPerNoteResult } from './scenarios/memoryPerNote'
import type { RateScenarioResult, StepResult } from './scenarios/rateSteps'
import type { ReconnectResult } from './scenarios/reconnect'
import type { RoomChurnResult } from './scenarios/roomChurn'
import type { SigkillResult } from './scenarios/sigkill'
import { allServerKinds, type ServerKind } from './lib/servers'

/** Issue 16's memory target: at most 1 KB of server heap per note in an active room (issue 8's was 0.5 KB). */
export const HEAP_PER_NOTE_TARGET_BYTES = 1024

export type ScenarioId = 'a' | 'b' | 'c' | 'r' | 'd' | 'e' | 'f' | 'g' | 'm' | 'v' | 'x'
export type Outcome = { value: unknown } | { skipped: string } | { error: string }

export interface Results {
  mode: Mode['name']
  serverVersion: string
  startedAt: string
  loadAverages: string[]
  jitter: string[]
  scenarios: Partial<Record<ScenarioId, Partial<Record<ServerKind, Outcome>>>>
}

type Cell = number | string | null
interface Row {
  label: string
  cells: Partial<Record<ServerKind, Cell>>
  /** Ratio Samskap / peer: 'higher' or 'lower' is better; absent: no ratio. */
  better?: 'higher' | 'lower'
}

function value<T>(results: Results, id: ScenarioId, kind: ServerKind): T | undefined {
  const outcome = results.scenarios[id]?.[kind]
  return outcome && 'value' in outcome ? (outcome.value as T) : undefined
}

function why(results: Results, id: ScenarioId, kind: ServerKind): string {
  const outcome = results.scenarios[id]?.[kind]
  if (!outcome) return 'not run'
  if ('skipped' in outcome) return 'n/a'
  if ('error' in outcome) return 'failed'
  return '–'
}

function fmt(cell: Cell | undefined, digits = 1): string {
  if (cell === null || cell === undefined) return '–'
  if (typeof cell === 'string') return cell
  if (!Number.isFinite(cell)) return '–'
  return Math.abs(cell) >= 100 ? cell.toFixed(0) : cell.toFixed(digits)
}

function rateRows(results: Results, id: ScenarioId, what: string): Row[] {
  const get = (kind: ServerKind) => value<RateScenarioResult>(results, id, kind)
  const cell = (kind: ServerKind, pick: (r: RateScenarioResult) => Cell): Cell => {
    const r = get(kind)
    return r ? pick(r) : why(results, id, kind)
  }
  const first = (r: RateScenarioResult): StepResult | undefined => r.steps[0]
  const capacityThroughput = (r: RateScenarioResult): Cell =>
    r.capacityKnee ? r.capacityKnee.throughput : r.steps.at(-1) ? `≥ ${fmt(r.steps.at(-1)!.throughput)}` : null
  const kneeThroughput = (r: RateScenarioResult): Cell => (r.knee ? r.knee.throughput : r.steps.at(-1) ? `≥ ${fmt(r.steps.at(-1)!.throughput)}` : null)
  return [
    { label: `(${id}) p50 ms at ${fmtRate(results, id)}`, cells: byKind((k) => cell(k, (r) => first(r)?.p50 ?? null)), better: 'lower' },
    { label: `(${id}) p99 ms at ${fmtRate(results, id)}`, cells: byKind((k) => cell(k, (r) => first(r)?.p99 ?? null)), better: 'lower' },
    { label: `(${id}) server CPU % at ${fmtRate(results, id)}`, cells: byKind((k) => cell(k, (r) => first(r)?.serverCpu ?? null)) },
    { label: `(${id}) knee: offered ${what}/s`, cells: byKind((k) => cell(k, (r) => (r.knee ? r.knee.rate : `> ${r.steps.at(-1)?.rate ?? '?'}`))) },
    { label: `(${id}) delivered ${what}/s at the knee`, cells: byKind((k) => cell(k, kneeThroughput)), better: 'higher' },
    { label: `(${id}) capacity knee (< 95 % delivered): offered/s`, cells: byKind((k) => cell(k, (r) => (r.capacityKnee ? r.capacityKnee.rate : `> ${r.steps.at(-1)?.rate ?? '?'}`))) },
    { label: `(${id}) delivered ${what}/s at the capacity knee`, cells: byKind((k) => cell(k, capacityThroughput)), better: 'higher' },
    { label: `(${id}) delivered ${what}/s, last step passed`, cells: byKind((k) => cell(k, (r) => r.lastPassed?.throughput ?? 0)), better: 'higher' },
    { label: `(${id}) load generator CPU % (max step)`, cells: byKind((k) => cell(k, (r) => Math.max(...r.steps.map((s) => s.loadCpu)))) },
    ...(id === 'c'
      ? []
      : [{ label: `(${id}) probe converged (notes present/offered)`, cells: byKind((k) => cell(k, (r) => (r.converged ? `${r.converged.present}/${r.converged.offered}` : null))) }]),
  ]
}

function fmtRate(results: Results, id: ScenarioId): string {
  for (const kind of allServerKinds) {
    const r = value<RateScenarioResult>(results, id, kind)
    if (r?.steps[0]) return `${r.steps[0].rate}/s`
  }
  return 'first step'
}

function byKind(pick: (kind: ServerKind) => Cell): Partial<Record<ServerKind, Cell>> {
  return Object.fromEntries(allServerKinds.map((kind) => [kind, pick(kind)]))
}

function scenarioRows(results: Results): Row[] {
  const rows: Row[] = []
  if (results.scenarios.a) rows.push(...rateRows(results, 'a', 'updates'))
  if (results.scenarios.b) rows.push(...rateRows(results, 'b', 'updates'))
  if (results.scenarios.c) rows.push(...rateRows(results, 'c', 'awareness updates'))
  if (results.scenarios.r) rows.push(...rateRows(results, 'r', 'updates'))
  if (results.scenarios.x) rows.push(...rateRows(results, 'x', 'updates'))
  const pick = <T>(id: ScenarioId, label: string, get: (v: T) => Cell, better?: 'higher' | 'lower'): void => {
    if (!results.scenarios[id]) return
    rows.push({
      label,
      cells: byKind((kind) => {
        const v = value<T>(results, id, kind)
        return v ? get(v) : why(results, id, kind)
      }),
      better,
    })
  }
  pick<ColdJoinResult>('d', '(d) join: socket open → synced, first join, ms', (v) => v.firstOpenToSyncedMs, 'lower')
  pick<ColdJoinResult>('d', '(d) join: first join cold from disk?', (v) => (v.cold ? 'cold' : 'warm (in memory)'))
  pick<ColdJoinResult>('d', '(d) join: new provider → synced, first join, ms', (v) => v.firstConnectToSyncedMs, 'lower')
  pick<ColdJoinResult>('d', '(d) join: open → synced, later joins (median), ms', (v) => v.warmOpenToSyncedMs, 'lower')
  pick<ColdJoinResult>('d', '(d) join: open → reply received whole (before the client decodes it), first join, ms', (v) => v.firstOpenToReplyMs, 'lower')
  pick<ColdJoinResult>('d', '(d) join: open → reply received whole, later joins (median), ms', (v) => v.warmOpenToReplyMs, 'lower')
  pick<ColdJoinResult>('d', '(d) join: server CPU ms, first join / later joins (median)', (v) => `${fmt(v.firstServerCpuMs)} / ${fmt(v.warmServerCpuMs)}`)
  pick<ColdJoinResult>('d', "(d) join: the client's CPU ms (bench process: receive + decode), first / later (median)", (v) => `${fmt(v.firstClientCpuMs)} / ${fmt(v.warmClientCpuMs)}`)
  pick<ColdJoinResult>('d', "(d) join: of which the client's GC pauses, ms, first / later (median)", (v) => `${fmt(v.firstClientGcMs)} / ${fmt(v.warmClientGcMs)}`)
  pick<ColdJoinResult>('d', '(d) join: received until synced, first join: messages, bytes', (v) => `${v.firstMessages}, ${fmt(v.firstBytes)}`)
  pick<ColdJoinResult>('d', '(d) joined doc complete', (v) => (v.complete ? 'yes' : 'NO'))
  pick<RoomChurnResult>('e', '(e) rooms opened and closed (failed)', (v) => `${v.rooms} (${v.failed})`)
  pick<RoomChurnResult>('e', '(e) seconds for all rooms', (v) => v.seconds, 'lower')
  pick<RoomChurnResult>('e', '(e) server CPU seconds for all rooms', (v) => v.serverCpuSeconds, 'lower')
  pick<RoomChurnResult>('e', '(e) heap MB before → after (after GC)', (v) => `${fmt(v.heapBeforeMB)} → ${fmt(v.heapAfterMB)}`)
  pick<RoomChurnResult>('e', '(e) heap kept per room, bytes', (v) => v.heapLeakPerRoomBytes, 'lower')
  pick<RoomChurnResult>('e', '(e) RSS MB before / peak / after', (v) => `${fmt(v.rssBeforeMB)} / ${fmt(v.rssPeakMB)} / ${fmt(v.rssAfterMB)}`)
  pick<RoomChurnResult>('e', '(e) heap back to baseline (< 2 MB kept)', (v) => (v.returned === null ? null : v.returned ? 'yes' : 'no'))
  pick<ReconnectResult>('f', '(f) clients resynced', (v) => `${v.resynced}/${v.clients}`)
  pick<ReconnectResult>('f', '(f) server up → all synced, ms', (v) => v.upToAllSyncedMs, 'lower')
  pick<ReconnectResult>('f', '(f) server CPU ms, up → all synced', (v) => v.serverCpuMs, 'lower')
  pick<ReconnectResult>('f', '(f) stop signal → all synced, ms', (v) => v.downToAllSyncedMs, 'lower')
  pick<ReconnectResult>('f', '(f) stop signal → accepting again, ms', (v) => v.downToAcceptingMs, 'lower')
  pick<ReconnectResult>('f', '(f) server CPU ms, process start → all synced', (v) => v.serverCpuFromStartMs, 'lower')
  pick<SigkillResult>('g', '(g) SIGKILL: updates seen by a 2nd client', (v) => v.seen)
  pick<SigkillResult>('g', '(g) SIGKILL: survived the restart', (v) => v.survived, 'higher')
  pick<SigkillResult>('g', '(g) SIGKILL: lost', (v) => v.lost, 'lower')
  pick<MemoryPerNoteResult>('m', '(m) server heap per note, bytes (after GC)', (v) => v.heapPerNoteBytes, 'lower')
  pick<MemoryPerNoteResult>('m', '(m) server RSS per note, bytes', (v) => v.rssPerNoteBytes, 'lower')
  pick<DialogueResult>('v', '(v) residents', (v) => v.residents)
  pick<DialogueResult>('v', '(v) join by code (POST /api/join) p50 / p99 ms', (v) => `${fmt(v.joinP50)} / ${fmt(v.joinP99)}`)
  pick<DialogueResult>('v', '(v) connect → synced p50 / p99 ms', (v) => `${fmt(v.syncP50)} / ${fmt(v.syncP99)}`)
  pick<DialogueResult>('v', '(v) private note → stored reply p50 / p99 ms', (v) => `${fmt(v.submitP50)} / ${fmt(v.submitP99)}`)
  pick<DialogueResult>('v', '(v) reveal → every resident has every note, ms', (v) => v.revealToAllMs)
  pick<DialogueResult>('v', '(v) private notes revealed', (v) => v.privateNotes)
  pick<DialogueResult>('v', '(v) dot → stored reply p50 / p99 ms', (v) => `${fmt(v.castP50)} / ${fmt(v.castP99)}`)
  pick<DialogueResult>('v', '(v) last dot → tally complete, ms', (v) => v.tallyLagMs)
  pick<DialogueResult>('v', '(v) close → every resident has the results, ms', (v) => v.closeToAllMs)
  pick<DialogueResult>('v', '(v) results exact (every dot once)', (v) => (v.resultsExact ? 'yes' : 'NO'))
  pick<DialogueResult>('v', '(v) server CPU for the whole dialogue, ms', (v) => v.serverCpuMs)
  return rows
}

function numeric(cell: Cell | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null
}

function ratio(row: Row, peer: ServerKind): string {
  if (!row.better) return ''
  const ours = numeric(row.cells.samskap)
  const theirs = numeric(row.cells[peer])
  if (ours === null || theirs === null || theirs === 0) return ''
  return `${(ours / theirs).toFixed(2)}×`
}

/** The columns: every server of the run's kinds, 'samskap-base' only when it ran. */
function shownKinds(results: Results): ServerKind[] {
  return allServerKinds.filter((kind) => kind !== 'samskap-base' || Object.values(results.scenarios).some((outcomes) => outcomes?.[kind]))
}

function machine(): string[] {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8')
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? 'unknown'
  return [
    `nproc ${os.cpus().length}, CPU ${model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.type()} ${os.release()}`,
  ]
}

interface Target {
  name: string
  figure: string
  met: boolean | null
}

function targets(results: Results): Target[] {
  const list: Target[] = []
  const a = value<RateScenarioResult>(results, 'a', 'samskap')
  if (a) {
    const first = a.steps[0]
    list.push({
      name: `one room of 300+30: p99 ≤ 50 ms using ≤ one core (at ${first?.rate ?? '?'} updates/s, the first step)`,
      figure: first ? `p99 ${fmt(first.p99)} ms, ${fmt(first.serverCpu)} % of a core, ${fmt(first.deliveredShare * 100)} % delivered` : '–',
      met: first ? first.p99 <= 50 && first.serverCpu <= 100 && first.deliveredShare >= 0.95 : null,
    })
  }
  for (const id of ['a', 'b'] as const) {
    const ours = value<RateScenarioResult>(results, id, 'samskap')
    if (!ours) continue
    for (const [which, pickStep] of [
      ['knee (p99 > 50 ms or < 95 % delivered)', (r: RateScenarioResult) => r.knee],
      ['capacity knee (< 95 % delivered)', (r: RateScenarioResult) => r.capacityKnee],
    ] as const) {
      const knee = (r: RateScenarioResult | undefined) => (r ? (pickStep(r)?.throughput ?? r.steps.at(-1)?.throughput ?? 0) : null)
      const betterPeer = Math.max(knee(value(results, id, 'y-websocket')) ?? 0, knee(value(results, id, 'hocuspocus')) ?? 0)
      const relay = knee(value(results, id, 'relay'))
      const mine = knee(ours)!
      list.push({
        name: `(${id}) throughput at the ${which} ≥ 2× the better peer and ≥ ½ the raw relay`,
        figure: `${fmt(mine)}/s vs better peer ${fmt(betterPeer)}/s (${betterPeer ? (mine / betterPeer).toFixed(2) : '–'}×) and relay ${fmt(relay)}/s (${relay ? (mine / relay).toFixed(2) : '–'}×)`,
        met: betterPeer > 0 && relay !== null ? mine >= 2 * betterPeer && mine >= 0.5 * relay : null,
      })
    }
  }
  const room = value<RateScenarioResult>(results, 'r', 'samskap')
  if (room) {
    // Every step up to the phones' busiest (100 notes/s: each of 1,000 phones writes every 10 s).
    const ok = (s: StepResult) => s.p99 <= 100 && s.deliveredShare >= 1 && s.serverCpu <= 100
    const worst = room.steps.find((s) => !ok(s)) ?? room.steps.at(-1)
    list.push({
      name: 'a room of 1,000 phones + 50 cursors: p99 ≤ 100 ms, 100 % delivered, the server on ≤ one core (every step)',
      figure: room.steps.map((s) => `${s.rate}/s: p99 ${fmt(s.p99)} ms, ${fmt(s.deliveredShare * 100)} %, ${fmt(s.serverCpu)} % of a core`).join('; ') + (worst && !ok(worst) ? ` (first miss at ${worst.rate}/s)` : ''),
      met: room.steps.length > 0 && room.steps.every(ok),
    })
  }
  const x = results.scenarios.x?.samskap
  if (x) {
    const r = 'value' in x ? (x.value as RateScenarioResult) : undefined
    const ok = (s: StepResult) => s.p99 <= 100 && s.deliveredShare >= 0.95
    list.push({
      name: '(x) cross-instance p99 ≤ 100 ms (writers on instance A, probe on B, every step, converged)',
      figure: r
        ? `${r.steps.map((s) => `${s.rate}/s: p50 ${fmt(s.p50)} / p99 ${fmt(s.p99)} ms, ${fmt(s.deliveredShare * 100)} % delivered`).join('; ')}; converged ${r.converged ? `${r.converged.present}/${r.converged.offered}` : '–'}`
        : 'skipped' in x
          ? x.skipped
          : `failed: ${'error' in x ? x.error : ''}`,
      met: r ? r.steps.length > 0 && r.steps.every(ok) && r.converged !== null && r.converged.present === r.converged.offered : null,
    })
  }
  const m = value<MemoryPerNoteResult>(results, 'm', 'samskap')
  if (m) {
    const target = HEAP_PER_NOTE_TARGET_BYTES
    list.push({ name: `≤ ${target / 1024} KB server heap per note (issue 16)`, figure: `${fmt(m.heapPerNoteBytes)} bytes`, met: m.heapPerNoteBytes === null ? null : m.heapPerNoteBytes <= target })
  }
  const d = value<ColdJoinResult>(results, 'd', 'samskap')
  if (d)
    list.push({
      name: `${d.notes}-note join to synced ≤ 200 ms (cold, socket open → synced)`,
      figure: `${fmt(d.firstOpenToSyncedMs)} ms cold, ${fmt(d.warmOpenToSyncedMs)} ms warm`,
      met: d.firstOpenToSyncedMs <= 200 && d.complete,
    })
  if (d)
    list.push({
      name: `${d.notes}-note join, the server's share ≤ 200 ms (socket open → reply received whole, cold and warm)`,
      figure: `${fmt(d.firstOpenToReplyMs)} ms cold, ${fmt(d.warmOpenToReplyMs)} ms warm`,
      met: d.firstOpenToReplyMs <= 200 && d.warmOpenToReplyMs <= 200 && d.complete,
    })
  const f = value<ReconnectResult>(results, 'f', 'samskap')
  if (f)
    list.push({
      name: `${f.clients} reconnecting clients synced ≤ 5 s (from the restarted server accepting)`,
      figure: `${fmt(f.upToAllSyncedMs)} ms (${fmt(f.downToAllSyncedMs)} ms from the stop signal), ${f.resynced}/${f.clients}`,
      met: f.resynced === f.clients && f.upToAllSyncedMs <= 5000,
    })
  const g = value<SigkillResult>(results, 'g', 'samskap')
  if (g) list.push({ name: 'zero updates lost on SIGKILL', figure: `${g.lost} lost of ${g.seen} seen`, met: g.lost === 0 && g.seen === g.updates })
  return list
}

function stepTables(results: Results): string[] {
  const lines: string[] = []
  for (const id of ['a', 'b', 'c', 'r', 'x'] as const) {
    const outcomes = results.scenarios[id]
    if (!outcomes) continue
    lines.push(`### Steps of (${id})`, '', '| server | offered/s | delivered | delivered/s | p50 ms | p99 ms | server CPU % | server CPU ms, step start → drained | load CPU % | other work on core 0 / 1 % | softirq core 0 / 1 % | frames per load socket per s | passed |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for (const kind of allServerKinds) {
      const outcome = outcomes[kind]
      if (!outcome) continue
      if (!('value' in outcome)) {
        lines.push(`| ${kind} | ${'skipped' in outcome ? `n/a: ${outcome.skipped}` : `failed: ${outcome.error}`} | | | | | | | | | | | |`)
        continue
      }
      for (const s of (outcome.value as RateScenarioResult).steps) {
        lines.push(
          `| ${kind} | ${s.rate} | ${fmt(s.deliveredShare * 100)} % | ${fmt(s.throughput)} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.serverCpu)} | ${fmt(s.serverCpuMs ?? NaN, 0)} | ${fmt(s.loadCpu)} | ${fmt(s.otherCore0, 0)} / ${fmt(s.otherCore1, 0)} | ${fmt(s.softirqCore0 ?? NaN, 0)} / ${fmt(s.softirqCore1 ?? NaN, 0)} | ${fmt(s.framesPerSocketPerSecond ?? NaN, 0)} | ${s.passed ? 'yes' : '**knee**'} |`,
        )
      }
    }
    lines.push('')
  }
  return lines
}

function notes(results: Results): string[] {
  const lines: string[] = []
  for (const [id, outcomes] of Object.entries(results.scenarios)) {
    for (const [kind, outcome] of Object.entries(outcomes ?? {})) {
      if ('skipped' in outcome) lines.push(`- (${id}) ${kind}: not run — ${outcome.skipped}.`)
      if ('error' in outcome) lines.push(`- (${id}) ${kind}: FAILED — ${outcome.error}`)
    }
  }
  return lines
}

export function renderResults(results: Results, mode: Mode): { table: string; markdown: string } {
  const rows = scenarioRows(results)
  const kinds = shownKinds(results)
  const peers = kinds.filter((kind) => kind !== 'samskap')
  const header = ['metric', ...kinds, ...peers.map((p) => `samskap/${p}`)]
  const body = rows.map((row) => [row.label, ...kinds.map((k) => fmt(row.cells[k])), ...peers.map((p) => ratio(row, p))])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const textLine = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  const targetList = targets(results)
  const verdict = (t: Target) => (t.met === null ? 'not measured' : t.met ? 'MET' : 'NOT MET')
  const table = [
    textLine(header),
    ...body.map(textLine),
    '',
    'targets (Samskap):',
    ...targetList.map((t) => `  ${verdict(t).padEnd(12)} ${t.name}: ${t.figure}`),
  ].join('\n')

  const md = [
    '# Server benchmark results',
    '',
    `Produced by \`npm run bench${mode.name === 'quick' ? ' -- --quick' : ''}\` (**${mode.name} mode**) on ${results.startedAt}. How to read this: bench/README.md.`,
    '',
    '## Machine',
    '',
    ...machine().map((m) => `- ${m}`),
    '- load generator and probes: one process pinned to core 1; each server under test: its own process pinned to core 0',
    `- Samskap server: ${results.serverVersion} (servers are started from the working tree for every scenario)`,
    `- load average (other work on the machine competes for both cores; high values make latencies noisy): ${results.loadAverages.join('; ')}`,
    `- machine noise: gaps of a 1 ms timer in an otherwise idle process pinned to each core (quiet machine: p99 ≈ 1–2 ms, max a few ms): ${results.jitter.join('; ')}`,
    '',
    '## Targets from the issue (Samskap)',
    '',
    '| target | figure | verdict |',
    '|---|---|---|',
    ...targetList.map((t) => `| ${t.name} | ${t.figure} | ${verdict(t)} |`),
    '',
    '## Every figure, side by side',
    '',
    'Ratios are Samskap ÷ peer for rows where that is meaningful (for times and memory lower is better, for throughput higher). "n/a": the server cannot take part (see the notes below); "failed": see the notes.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...stepTables(results),
    '## Notes',
    '',
    ...notes(results),
    '',
  ].join('\n')
  return { table, markdown: md }
}
