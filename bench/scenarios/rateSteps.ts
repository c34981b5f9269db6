import { frameAwareness, type AwarenessSender } from '../lib/awarenessLoad'
import { LoadSocket } from '../lib/LoadSocket'
import { NoteWriter, stampSendTime, type NoteMessage } from '../lib/NoteWriter'
import { Probe } from '../lib/Probe'
import { coreTimesMs, cpuMs, createRooms, isSamskap, startServer, removeData, type RunningServer, type ServerKind } from '../lib/servers'
import { inBatches, percentile, sleep, until } from '../lib/stats'

export interface RateScenarioConfig {
  rooms: number
  /** Load sockets per room that send the measured messages. */
  sendersPerRoom: number
  /** Extra sockets per room moving cursors at `cursorHz` each, in the background of every step. */
  cursorsPerRoom: number
  cursorHz: number
  /** 'notes': note updates (scenarios a, b); 'awareness': cursor updates are the measured load (c). */
  measure: 'notes' | 'awareness'
  rates: readonly number[]
  stepSeconds: number
  drainMs: number
  /** A step passes when its p99 is at most this; 50 ms when absent. */
  p99LimitMs?: number
}

/**
 * The servers of one run when it is not a single server: load sockets (and room creation) on `load`,
 * probes on `probe` (scenario x: two Samskap instances sharing PostgreSQL and Redis). Server CPU is
 * summed over `all`; every one of them is stopped and its data removed at the end.
 */
export interface Cluster {
  load: RunningServer
  probe: RunningServer
  all: RunningServer[]
}

export interface StepResult {
  rate: number
  offered: number
  delivered: number
  deliveredShare: number
  /** Delivered to the probes per second of the step. */
  throughput: number
  p50: number
  p99: number
  /** Server CPU during the sending window, in % of one core. */
  serverCpu: number
  /**
   * Server CPU time from the step's start until its messages were delivered (or the drain ended),
   * ms: the work the step cost, which a loaded machine stretches in time but hardly changes.
   */
  serverCpuMs: number
  loadCpu: number
  /** CPU of core 0 / core 1 used by other processes (not the server / not this load generator), %. */
  otherCore0: number
  otherCore1: number
  /** Softirq time on core 0 / core 1 (mostly the loopback TCP of this benchmark), %. */
  softirqCore0: number
  softirqCore1: number
  /** Frames the server sent each load socket per second of the sending window (its fan-out), mean. */
  framesPerSocketPerSecond: number
  /** Samskap with SQLite: the writer thread's commits over the step, to drained (its /metrics). */
  commits: StepCommits | null
  passed: boolean
}

/** What one disk sync covered in a step: counts, robust on a loaded machine (the time in them is not). */
export interface StepCommits {
  perSecond: number
  /** Client updates committed per commit (samskap_updates_written_total over samskap_sqlite_commits_total). */
  updatesPerCommit: number
  /** Room batches (one merged update per room and turn) per commit. */
  roomBatchesPerCommit: number
  /** Mean time inside a commit's transaction, its disk sync included, ms. */
  msPerCommit: number
}

export interface RateScenarioResult {
  steps: StepResult[]
  /** The first step with p99 > the limit (50 ms) or < 95 % delivered; null when every step passed. */
  knee: StepResult | null
  /**
   * The first step with < 95 % delivered, whatever the latency: capacity, robust against the machine
   * pausing processes (which inflates p99 at any rate). The ladder runs on until it is found.
   */
  capacityKnee: StepResult | null
  lastPassed: StepResult | null
  converged: { present: number; offered: number } | null
  note: string
}

const P99_LIMIT_MS = 50
/** Length of the untimed warm-up step before each server's ladder (BENCH_WARM_UP_SECONDS to try another). */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 10)
const DELIVERY_LIMIT = 0.95

interface Measured {
  sentAt: number
  deliveredAt: number
}

export async function runRateScenario(
  kind: ServerKind,
  config: RateScenarioConfig,
  log: (line: string) => void,
  startCluster?: () => Promise<Cluster>,
): Promise<RateScenarioResult> {
  const cluster: Cluster = startCluster ? await startCluster() : await startServer(kind).then((one) => ({ load: one, probe: one, all: [one] }))
  const server = cluster.load
  const serverCpuMs = () => cluster.all.reduce((sum, s) => sum + cpuMs(s.pid), 0)
  const p99Limit = config.p99LimitMs ?? P99_LIMIT_MS
  const opened: LoadSocket[] = []
  const probes: Probe[] = []
  try {
    const rooms = await createRooms(server, config.rooms)
    for (const room of rooms) probes.push(new Probe(cluster.probe, room))
    // The relay answers no sync: its probe is ready once its socket is open.
    const ready = (probe: Probe) => (kind === 'relay' ? probe.openedAt > 0 : probe.synced)
    if (!(await until(() => probes.every(ready), 30_000))) throw new Error('probes did not sync')

    const senders = await openSockets(server, rooms, config.sendersPerRoom, opened)
    const cursors = await openSockets(server, rooms, config.cursorsPerRoom, opened)
    const writers = senders.map(({ room, index }) => new NoteWriter(`w${index}`, kind, room))
    const awarenessSenders: AwarenessSender[] = [...(config.measure === 'awareness' ? senders : []), ...cursors].map(({ socket, room }) => ({
      socket,
      room,
      clientId: 1 + Math.floor(Math.random() * 0x7ffffff0),
      clock: 0,
    }))
    const measuredAwareness = config.measure === 'awareness' ? awarenessSenders.slice(0, senders.length) : []
    const backgroundAwareness = awarenessSenders.slice(measuredAwareness.length)
    const probeOf = new Map(rooms.map((room, i) => [room, probes[i]!]))
    const awarenessPending = new Map<number, Measured>()
    if (config.measure === 'awareness') {
      for (const probe of probes) {
        probe.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
          const now = performance.now()
          for (const id of [...added, ...updated]) {
            const state = probe.awareness.getStates().get(id) as { m?: number } | undefined
            const message = state?.m === undefined ? undefined : awarenessPending.get(state.m)
            if (message && message.deliveredAt === 0) message.deliveredAt = now
          }
        })
      }
    }

    const steps: StepResult[] = []
    const offeredNotes: { probe: Probe; id: string }[] = []
    let messageSeq = 0
    // An untimed first step at the lowest rate: the load generator is this process, and the server
    // measured first in a run met it cold (its own JIT and first GCs), which doubled that server's
    // p99 in the middle of the ladder whichever server it was (bench/RESULTS.md, 2026-12-06 06:00); 2 s
    // still left it ~1.4× the CPU of the second at 25–100/s, 10 s did not (2026-12-06 09:26).
    const ladder = [{ rate: config.rates[0]!, warmUp: true }, ...config.rates.map((rate) => ({ rate, warmUp: false }))]
    for (const { rate, warmUp } of ladder) {
      const stepSeconds = warmUp ? WARM_UP_SECONDS : config.stepSeconds
      const count = Math.round(rate * stepSeconds)
      // Generated before the timed phase; only the send time is stamped in while sending.
      const noteMessages: NoteMessage[] = []
      const awarenessMessages: Measured[] = []
      if (config.measure === 'notes') {
        for (let i = 0; i < count; i++) {
          const writer = writers[i % writers.length]!
          const message = writer.next()
          noteMessages.push(message)
          probeOf.get(writer.room)!.expect([message])
          if (message.createdNote) offeredNotes.push({ probe: probeOf.get(writer.room)!, id: message.createdNote })
        }
      } else {
        for (let i = 0; i < count; i++) awarenessMessages.push({ sentAt: 0, deliveredAt: 0 })
      }
      const measured: Measured[] = config.measure === 'notes' ? noteMessages : awarenessMessages
      const backgroundRate = backgroundAwareness.length * config.cursorHz
      const commitsStart = isSamskap(kind) ? await writerCounts(cluster.load) : null
      const serverCpuStart = serverCpuMs()
      const loadCpuStart = process.cpuUsage()
      const coresStart = coreTimesMs()
      const framesStart = opened.reduce((sum, socket) => sum + socket.framesReceived, 0)
      const start = performance.now()
      let sent = 0
      let backgroundSent = 0
      const durationMs = stepSeconds * 1000
      // Open loop: every message has a fixed send time; late ticks catch up, replies are not awaited.
      for (;;) {
        const now = performance.now()
        const elapsed = now - start
        const due = Math.min(count, Math.floor((elapsed * rate) / 1000) + 1)
        for (; sent < due; sent++) {
          if (config.measure === 'notes') {
            const message = noteMessages[sent]!
            stampSendTime(message, performance.now())
            senders[sent % senders.length]!.socket.send(message.frame)
          } else {
            const sender = measuredAwareness[sent % measuredAwareness.length]!
            const m = messageSeq++
            const message = awarenessMessages[sent]!
            message.sentAt = performance.now()
            awarenessPending.set(m, message)
            sender.socket.send(frameAwareness(kind, sender, m, message.sentAt))
          }
        }
        const backgroundDue = Math.min(Math.floor((Math.min(elapsed, durationMs) * backgroundRate) / 1000), Math.round((durationMs * backgroundRate) / 1000))
        for (; backgroundSent < backgroundDue; backgroundSent++) {
          const sender = backgroundAwareness[backgroundSent % backgroundAwareness.length]!
          sender.socket.send(frameAwareness(kind, sender, -1, performance.now()))
        }
        if (sent >= count && elapsed >= durationMs) break
        await sleep(1)
      }
      const sendEnd = performance.now()
      const framesPerSocketPerSecond = (opened.reduce((sum, socket) => sum + socket.framesReceived, 0) - framesStart) / opened.length / ((sendEnd - start) / 1000)
      const window = sendEnd - start
      const stepServerCpuMs = serverCpuMs() - serverCpuStart
      const serverCpu = (stepServerCpuMs / window) * 100
      const loadUsage = process.cpuUsage(loadCpuStart)
      const loadCpuMs = (loadUsage.user + loadUsage.system) / 1000
      const loadCpu = (loadCpuMs / window) * 100
      const coresEnd = coreTimesMs()
      const share = (core: number, own: number, key: 'busy' | 'softirq') =>
        Math.max(0, ((coresEnd[core]![key] - coresStart[core]![key] - own) / window) * 100)
      const otherCore0 = share(0, stepServerCpuMs, 'busy')
      const otherCore1 = share(1, loadCpuMs, 'busy')
      const softirqCore0 = share(0, 0, 'softirq')
      const softirqCore1 = share(1, 0, 'softirq')
      await until(() => measured.every((m) => m.deliveredAt > 0), config.drainMs, 10)
      if (warmUp) {
        awarenessPending.clear()
        log(`  ${kind} warm-up at ${rate}/s for ${stepSeconds} s (not counted)`)
        await sleep(300)
        continue
      }
      const stepServerCpuTotalMs = serverCpuMs() - serverCpuStart
      const commits = commitsStart ? commitsOver(commitsStart, await writerCounts(cluster.load), performance.now() - start) : null
      const delivered = measured.filter((m) => m.deliveredAt > 0)
      const latencies = delivered.map((m) => m.deliveredAt - m.sentAt)
      const step: StepResult = {
        rate,
        offered: count,
        delivered: delivered.length,
        deliveredShare: count === 0 ? 1 : delivered.length / count,
        throughput: delivered.length / stepSeconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        serverCpu,
        serverCpuMs: stepServerCpuTotalMs,
        loadCpu,
        otherCore0,
        otherCore1,
        softirqCore0,
        softirqCore1,
        framesPerSocketPerSecond,
        commits,
        passed: false,
      }
      step.passed = step.p99 <= p99Limit && step.deliveredShare >= DELIVERY_LIMIT
      steps.push(step)
      awarenessPending.clear()
      log(
        `  ${kind} ${rate}/s: delivered ${(step.deliveredShare * 100).toFixed(1)}% p50 ${step.p50.toFixed(1)} ms p99 ${step.p99.toFixed(1)} ms server ${serverCpu.toFixed(0)}% (${stepServerCpuTotalMs.toFixed(0)} ms CPU to drained) load ${loadCpu.toFixed(0)}% others on core 0/1 ${otherCore0.toFixed(0)}/${otherCore1.toFixed(0)}% softirq ${softirqCore0.toFixed(0)}/${softirqCore1.toFixed(0)}% frames/socket/s ${framesPerSocketPerSecond.toFixed(0)}${commits ? ` commits/s ${commits.perSecond.toFixed(0)} updates/commit ${commits.updatesPerCommit.toFixed(1)} room batches/commit ${commits.roomBatchesPerCommit.toFixed(1)} ms/commit ${commits.msPerCommit.toFixed(2)}` : ''}`,
      )
      if (step.deliveredShare < DELIVERY_LIMIT) break
      await sleep(300)
    }
    let converged: RateScenarioResult['converged'] = null
    if (config.measure === 'notes') {
      const allThere = () => offeredNotes.every(({ probe, id }) => probe.hasNote(id))
      await until(allThere, 10_000, 50)
      converged = { present: offeredNotes.filter(({ probe, id }) => probe.hasNote(id)).length, offered: offeredNotes.length }
    }
    const knee = steps.find((step) => !step.passed) ?? null
    const capacityKnee = steps.find((step) => step.deliveredShare < DELIVERY_LIMIT) ?? null
    const passed = steps.filter((step) => step.passed)
    return { steps, knee, capacityKnee, lastPassed: passed.at(-1) ?? null, converged, note: '' }
  } finally {
    for (const socket of opened) socket.close()
    for (const probe of probes) probe.destroy()
    for (const one of cluster.all) await one.stop()
    for (const one of cluster.all) await removeData(one)
  }
}

interface WriterCounts {
  commits: number
  appends: number
  seconds: number
  updates: number
}

/** The writer thread's totals from the server's /metrics; null when it has none (PostgreSQL, an older checkout). */
async function writerCounts(server: RunningServer): Promise<WriterCounts | null> {
  const text = await (await fetch(`${server.httpUrl}/metrics`)).text()
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN)
  const counts = {
    commits: read('samskap_sqlite_commits_total'),
    appends: read('samskap_sqlite_commit_appends_total'),
    seconds: read('samskap_sqlite_commit_seconds_total'),
    updates: read('samskap_updates_written_total'),
  }
  return Number.isNaN(counts.commits) ? null : counts
}

function commitsOver(start: WriterCounts | null, end: WriterCounts | null, windowMs: number): StepCommits | null {
  if (!start || !end) return null
  const commits = end.commits - start.commits
  const per = (value: number) => (commits === 0 ? 0 : value / commits)
  return {
    perSecond: commits / (windowMs / 1000),
    updatesPerCommit: per(end.updates - start.updates),
    roomBatchesPerCommit: per(end.appends - start.appends),
    msPerCommit: per((end.seconds - start.seconds) * 1000),
  }
}

interface OpenedSocket {
  socket: LoadSocket
  room: string
  index: number
}

/** `perRoom` load sockets in every room, interleaved by room so message i % n spreads over rooms. */
async function openSockets(server: RunningServer, rooms: string[], perRoom: number, opened: LoadSocket[]): Promise<OpenedSocket[]> {
  const plan: { room: string; index: number }[] = []
  for (let k = 0; k < perRoom; k++) for (const room of rooms) plan.push({ room, index: opened.length + plan.length })
  return inBatches(plan, 50, async ({ room, index }) => {
    const socket = await LoadSocket.open(server, room)
    opened.push(socket)
    return { socket, room, index }
  })
}
