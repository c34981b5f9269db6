/**
 * The server benchmark for "Beat the peers on the same load": `npm run bench` (full) or
 * `npm run bench -- --quick`. Options: `--only a,b,...` (scenarios a–g, m, v, x), `--servers samskap,relay`,
 * `--rates 25,50` (the rate steps of a, b, c and x instead of the mode's ladder), `--no-write` (do not
 * write bench/RESULTS.md). See bench/README.md.
 *
 * This process is the load generator and re-executes itself pinned to core 1; every server under
 * test is its own process pinned to core 0.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { modes, type Mode } from './modes'
import { renderResults, type Results, type ScenarioId, type Outcome } from './report'
import { runColdJoin } from './scenarios/coldJoin'
import { runDialogue } from './scenarios/dialogue'
import { crossInstanceNeeds, crossInstanceServices, runCrossInstance } from './scenarios/crossInstance'
import { runMemoryPerNote } from './scenarios/memoryPerNote'
import { runRateScenario } from './scenarios/rateSteps'
import { runReconnect } from './scenarios/reconnect'
import { runRoomChurn } from './scenarios/roomChurn'
import { runSigkill } from './scenarios/sigkill'
import { timerJitter, type TimerJitter } from './lib/machineNoise'
import { niceArgs, serverKinds, type ServerKind } from './lib/servers'

const benchDir = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)

function option(name: string): string | undefined {
  const index = args.indexOf(name)
  return index >= 0 ? args[index + 1] : undefined
}

if (args.includes('--help') || args.includes('-h')) {
  console.log(`npm run bench -- [--quick] [--only a,b,c,r,d,e,f,g,m,v,x] [--servers samskap,samskap-base,y-websocket,hocuspocus,relay]
    [--rates 25,50,...] [--nice N] [--no-write]
  --quick      the short ladders (a few minutes); without it the full ladders, which take much longer
  --only       scenarios to run; the letters are described in bench/README.md
  --servers    servers side by side in this order (samskap-base needs BENCH_SAMSKAP_BASE_ROOT, a checkout to compare with)
  --rates      rate steps of a, b, c and x instead of the mode's ladder
  --no-write   print only; do not write bench/RESULTS.md
Environment: BENCH_SAMSKAP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to Samskap's server;
  BENCH_FRAME_LOG=1 prints every (d) join's figures and each message the client received until synced.`)
  process.exit(0)
}

if (process.env.BENCH_PINNED !== '1') {
  const nice = option('--nice')
  if (nice !== undefined) process.env.BENCH_NICE = nice
  const result = spawnSync('taskset', ['-c', '1', ...niceArgs(), process.execPath, '--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  })
  process.exit(result.status ?? 1)
}

// Each stock provider adds a process 'exit' listener; a thousand of them are expected here.
process.setMaxListeners(0)

const modeName: Mode['name'] = args.includes('--quick') ? 'quick' : 'full'
const rates = option('--rates')?.split(',').map(Number)
if (rates?.some((rate) => !Number.isFinite(rate) || rate <= 0)) throw new Error('--rates takes positive numbers, e.g. --rates 25,50')
// A fixed list of steps (e.g. the first one, to compare two servers at 25/s) instead of the ladder.
const mode: Mode = rates
  ? {
      ...modes[modeName],
      a: { ...modes[modeName].a, rates },
      b: { ...modes[modeName].b, rates },
      c: { ...modes[modeName].c, rates },
      x: { ...modes[modeName].x, rates },
      r: { ...modes[modeName].r, rates },
    }
  : modes[modeName]
const only = new Set((option('--only') ?? 'a,b,c,r,d,e,f,g,m,v,x').split(','))
const kinds = (option('--servers')?.split(',') ?? serverKinds) as ServerKind[]
const write = !args.includes('--no-write')
const log = (line: string) => console.log(line)

function git(...gitArgs: string[]): string {
  return spawnSync('git', gitArgs, { cwd: path.join(benchDir, '..'), encoding: 'utf8' }).stdout.trim()
}

const results: Results = {
  mode: modeName,
  serverVersion: `${process.env.BENCH_SAMSKAP_ROOT ? `server from ${process.env.BENCH_SAMSKAP_ROOT}; ` : ''}repository at ${git('rev-parse', '--short', 'HEAD')}, server/ last changed in ${git('log', '-1', '--format=%h %s', '--', 'server')}${git('status', '--porcelain', '--', 'server', 'shared') ? ' (server/ or shared/ had uncommitted changes)' : ''}`,
  startedAt: new Date().toISOString(),
  loadAverages: [],
  jitter: [],
  scenarios: {},
}

async function measureNoise(label: string): Promise<void> {
  const [core0, core1] = await Promise.all([timerJitter(0, 3000), timerJitter(1, 3000)])
  const show = (j: TimerJitter) => `core ${j.core} p50 ${j.p50.toFixed(1)} / p99 ${j.p99.toFixed(1)} / max ${j.max.toFixed(0)} ms`
  const pressure = fs.existsSync('/proc/pressure/cpu') ? fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0] : 'n/a'
  results.jitter.push(`${label}: ${show(core0)}, ${show(core1)}; CPU pressure ${pressure}`)
  log(`machine noise ${label}: ${results.jitter.at(-1)}`)
}

function loadAverage(label: string): void {
  const [one, five] = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')
  results.loadAverages.push(`${label}: ${one} (1 min), ${five} (5 min)`)
}

/** Runs one scenario for each server, or records why a server sits it out. */
async function scenario(id: ScenarioId, title: string, skip: Partial<Record<ServerKind, string>>, run: (kind: ServerKind) => Promise<unknown>): Promise<void> {
  if (!only.has(id)) return
  log(`\n(${id}) ${title}`)
  loadAverage(`before (${id})`)
  const outcomes: Partial<Record<ServerKind, Outcome>> = {}
  for (const kind of kinds) {
    const reason = skip[kind]
    if (reason) {
      outcomes[kind] = { skipped: reason }
      continue
    }
    const started = performance.now()
    try {
      outcomes[kind] = { value: await run(kind) }
      log(`  ${kind}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      outcomes[kind] = { error: message }
      log(`  ${kind}: FAILED ${message}`)
    }
  }
  results.scenarios[id] = outcomes
}

await measureNoise('at the start')

const noState = 'a bare relay keeps no document: there is nothing to sync, load or lose'

await scenario('a', `one room: ${mode.a.sendersPerRoom} writers + ${mode.a.cursorsPerRoom} cursors at ${mode.a.cursorHz}/s`, {}, (kind) =>
  runRateScenario(kind, mode.a, log),
)
await scenario('b', `${mode.b.rooms} rooms x ${mode.b.sendersPerRoom + 1} sockets`, {}, (kind) => runRateScenario(kind, mode.b, log))
await scenario('c', `awareness-only room of ${mode.c.sendersPerRoom + 1}`, {}, (kind) => runRateScenario(kind, mode.c, log))
await scenario('r', `a room of ${mode.r.sendersPerRoom}: phones writing notes now and then + ${mode.r.cursorsPerRoom} cursors at ${mode.r.cursorHz}/s`, {}, (kind) =>
  runRateScenario(kind, mode.r, log),
)
await scenario('d', `join a ${mode.coldJoinNotes}-note workshop`, { relay: noState }, (kind) => runColdJoin(kind, mode.coldJoinNotes, mode.coldJoins))
await scenario('e', `open and close ${mode.churnRooms} rooms`, { relay: noState }, (kind) => runRoomChurn(kind, mode.churnRooms, 100))
await scenario('f', `${mode.reconnectRooms * mode.reconnectPerRoom} clients reconnect after a restart`, { relay: noState }, (kind) =>
  runReconnect(kind, mode.reconnectRooms, mode.reconnectPerRoom),
)
await scenario(
  'g',
  `SIGKILL after a client saw ${mode.sigkillUpdates} updates`,
  {
    hocuspocus: '@hocuspocus/server runs in memory by default and no persistence extension is installed: nothing survives a restart by design',
    relay: noState,
  },
  (kind) => runSigkill(kind, mode.sigkillUpdates, 1),
)
await scenario('m', `server memory per note (${mode.memoryBlocks} x 1,000 notes in one room)`, { relay: noState }, (kind) =>
  runMemoryPerNote(kind, mode.memoryBlocks),
)
const noFacilitation = 'no roles, commands or held notes: the peers sync documents only'
await scenario(
  'v',
  `citizen dialogue: ${mode.dialogue.residents} residents join by code, write ${mode.dialogue.notesEach} private notes each, reveal, ${mode.dialogue.dotsEach} dots each`,
  { 'y-websocket': noFacilitation, hocuspocus: noFacilitation, relay: noFacilitation },
  (kind) => runDialogue(kind, mode.dialogue),
)
const samskapOnly = 'two instances sharing PostgreSQL and Redis is a Samskap deployment; the peers have no such mode here'
await scenario(
  'x',
  `cross-instance: ${mode.x.sendersPerRoom} writers on instance A, the probe on instance B (PostgreSQL + Redis)`,
  { 'y-websocket': samskapOnly, hocuspocus: samskapOnly, relay: samskapOnly, ...(crossInstanceServices() ? {} : { samskap: crossInstanceNeeds }) },
  () => runCrossInstance(mode.x, log),
)
loadAverage('at the end')
await measureNoise('at the end')

const { table, markdown } = renderResults(results, mode)
console.log('\n' + table)
if (write) {
  fs.writeFileSync(path.join(benchDir, 'RESULTS.md'), markdown)
  console.log(`\nwrote ${path.join('bench', 'RESULTS.md')}`)
}
process.exit(0)
