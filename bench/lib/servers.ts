import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import WebSocket from 'ws'
import { currentSchema, encodeSchemaVersions } from '../../shared/schema/schema'

export type ServerKind = 'samskap' | 'samskap-base' | 'y-websocket' | 'hocuspocus' | 'relay'
/** The servers a run compares when `--servers` is not given. */
export const serverKinds: readonly ServerKind[] = ['samskap', 'y-websocket', 'hocuspocus', 'relay']
/** Every kind, in the order of the report's columns ('samskap-base' only shows when it ran). */
export const allServerKinds: readonly ServerKind[] = ['samskap', 'samskap-base', 'y-websocket', 'hocuspocus', 'relay']

/** Samskap, this checkout's or the base checkout's (BENCH_SAMSKAP_BASE_ROOT): same protocol, tokens and URLs. */
export function isSamskap(kind: ServerKind): boolean {
  return kind === 'samskap' || kind === 'samskap-base'
}

/** What the app sends as `?schema=`: the server closes a participant's socket without it (4428). */
const clientSchema = encodeURIComponent(encodeSchemaVersions(currentSchema))

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** BENCH_SAMSKAP_ROOT: benchmark the Samskap server of another checkout (e.g. a prototype) with this harness. */
const samskapRoot = process.env.BENCH_SAMSKAP_ROOT ? path.resolve(process.env.BENCH_SAMSKAP_ROOT) : repoRoot
/**
 * BENCH_SAMSKAP_BASE_ROOT: a second Samskap checkout (e.g. `git worktree add --detach /tmp/bench-base <commit>`),
 * run as the server kind 'samskap-base' beside 'samskap' in the same run, so a before/after comparison
 * shares the machine's load. Bench what both checkouts accept (rate scenarios a, b, c, r).
 */
const samskapBaseRoot = process.env.BENCH_SAMSKAP_BASE_ROOT ? path.resolve(process.env.BENCH_SAMSKAP_BASE_ROOT) : null
/**
 * What the base checkout's app sends as `?schema=`: a server closes a socket whose schema is newer
 * than its own (4427), so the base gets its own versions, read from its shared/schema.
 */
async function baseClientSchema(): Promise<string> {
  const module = (await import(pathToFileURL(path.join(samskapBaseRoot!, 'shared/schema/schema.ts')).href)) as typeof import('../../shared/schema/schema')
  return encodeURIComponent(module.encodeSchemaVersions(module.currentSchema))
}

/** The peers' servers, run under tsx (Samskap's: samskapCommand). */
const peerEntryPoints: Partial<Record<ServerKind, string>> = {
  'y-websocket': 'bench/peers/yWebsocketServer.ts',
  hocuspocus: 'bench/peers/hocuspocusServer.ts',
  relay: 'bench/peers/relay.ts',
}

/** Each Samskap checkout's server is built once per run, before its first start. */
const builtEntries = new Map<string, string | null>()

/**
 * How a Samskap checkout is started: as `npm start` runs it, the bundle of scripts/build-server.mjs
 * (built here from the checkout's current sources), so (f)'s restart is the one a deployment does.
 * A checkout from before that script has only server/main.ts, run under tsx as it was then.
 */
function samskapCommand(root: string): string[] {
  if (!builtEntries.has(root)) {
    const script = path.join(root, 'scripts/build-server.mjs')
    if (!fs.existsSync(script)) builtEntries.set(root, null)
    else {
      const outDir = path.join(root, 'dist-server')
      const build = spawnSync(process.execPath, [script, outDir], { cwd: root, encoding: 'utf8' })
      if (build.status !== 0) throw new Error(`building ${root}'s server failed: ${build.stderr}`)
      builtEntries.set(root, path.join(outDir, 'main.mjs'))
    }
  }
  const entry = builtEntries.get(root)
  return entry ? [entry] : ['--import', 'tsx', path.join(root, 'server/main.ts')]
}

export interface StartOptions {
  /** Samskap's DATA_DIR; created (temporary) when absent. Reused across restarts for durability runs. */
  dataDir?: string
  /** The reference server's LevelDB directory (YPERSISTENCE). */
  yPersistence?: string
  unloadDelayMs?: number
  /** Opens the V8 inspector so heap usage can be read from outside (no server code involved). */
  inspect?: boolean
  /** A fixed port, so clients reconnect to a restarted server; a free one when absent. */
  port?: number
  /** Extra environment, set last (scenario x: DATABASE_URL and REDIS_URL for Samskap's scale-out mode). */
  env?: Record<string, string>
  /** Extra arguments to node before the entry point (profiling: `--cpu-prof`, `--heapsnapshot-signal`). */
  nodeArgs?: readonly string[]
}

/** One server under test: its own process, pinned to core 0. */
export interface RunningServer {
  kind: ServerKind
  pid: number
  port: number
  httpUrl: string
  dataDir: string
  options: StartOptions
  /** Websocket URL of a raw socket in `room`. For Hocuspocus the room travels inside each message. */
  socketUrl(room: string): string
  /** The serverUrl a WebsocketProvider takes (room appended by the provider). */
  providerUrl: string
  stop(): Promise<void>
  kill(): Promise<void>
  exited: Promise<void>
  inspectorPort: number | null
}

/**
 * `--nice N` (BENCH_NICE): runs the servers and the load generator at that niceness, so work of other
 * people on a shared machine does not starve them. Negative values need root. 0: unchanged.
 */
export function niceArgs(): string[] {
  const nice = Number(process.env.BENCH_NICE ?? 0)
  return Number.isInteger(nice) && nice !== 0 ? ['nice', '-n', String(nice)] : []
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<RunningServer> {
  if (kind === 'samskap-base' && !samskapBaseRoot) throw new Error('samskap-base needs BENCH_SAMSKAP_BASE_ROOT (a checkout of the server to compare with)')
  const port = options.port ?? (await freePort())
  const dataDir = options.dataDir ?? (await fsp.mkdtemp(path.join(os.tmpdir(), `bench-${kind}-`)))
  const inspectorPort = options.inspect ? await freePort() : null
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    STATIC_DIR: path.join(dataDir, 'no-static'),
    LOG_LEVEL: 'warn',
    UNLOAD_DELAY_MS: String(options.unloadDelayMs ?? 10_000),
    // Every load socket and request comes from 127.0.0.1: the limits per address (server/limits) are
    // lifted, those per connection and per workshop stay as configured by default.
    CONNECTIONS_PER_ADDRESS: '1000000',
    WORKSHOPS_PER_ADDRESS_PER_HOUR: '1000000',
    IMPORTS_PER_ADDRESS_PER_HOUR: '1000000',
    JOIN_FAILURES_PER_ADDRESS_PER_HOUR: '1000000',
  }
  delete env.BENCH_PINNED
  // Samskap's default single-process setup: SQLite in DATA_DIR, no PostgreSQL, no Redis.
  delete env.DATABASE_URL
  delete env.REDIS_URL
  if (options.yPersistence) env.YPERSISTENCE = options.yPersistence
  // Samskap as `npm start` runs it (package.json): glibc's fixed mmap threshold unless the environment
  // sets one (docs/deploy.md). The peers run as their own docs start them, with glibc's defaults.
  if (isSamskap(kind) && env.MALLOC_MMAP_THRESHOLD_ === undefined) env.MALLOC_MMAP_THRESHOLD_ = '131072'
  Object.assign(env, options.env)
  const nodeArgs: string[] = []
  // BENCH_SAMSKAP_NODE_ARGS: extra Node flags for Samskap's servers only (both kinds), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  if (isSamskap(kind) && process.env.BENCH_SAMSKAP_NODE_ARGS) nodeArgs.push(...process.env.BENCH_SAMSKAP_NODE_ARGS.split(' ').filter(Boolean))
  if (inspectorPort !== null) nodeArgs.push(`--inspect=127.0.0.1:${inspectorPort}`)
  nodeArgs.push(...(options.nodeArgs ?? []))
  const command = isSamskap(kind) ? samskapCommand(kind === 'samskap' ? samskapRoot : samskapBaseRoot!) : ['--import', 'tsx', peerEntryPoints[kind]!]
  const child: ChildProcess = spawn('taskset', ['-c', '0', ...niceArgs(), process.execPath, ...nodeArgs, ...command], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let dead = false
  void exited.then(() => (dead = true))
  // Generous: under 99 % CPU pressure Samskap's start (then under tsx, compiling the server) took over
  // 30 s and (f) reported "did not start" instead of a figure.
  const deadline = Date.now() + 120_000
  for (;;) {
    if (dead) throw new Error(`${kind} exited during start: ${stderr}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${kind} did not start: ${stderr}`)
    }
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) })
      break
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  // `taskset` execs node, so the child's pid is the server's.
  const pid = child.pid!
  const base = `ws://127.0.0.1:${port}`
  const schema = kind === 'samskap-base' ? await baseClientSchema() : clientSchema
  return {
    kind,
    pid,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    dataDir,
    options,
    socketUrl: (room) =>
      isSamskap(kind)
        ? `${base}/sync/${room}?token=${roomToken(room, 'participant')}&schema=${schema}`
        : kind === 'hocuspocus'
          ? `${base}/`
          : `${base}/${room}`,
    providerUrl: isSamskap(kind) ? `${base}/sync` : base,
    inspectorPort,
    exited,
    async stop() {
      if (dead) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
    async kill() {
      if (dead) return
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** Starts the same kind again on the same data (a restart). */
export function restartServer(server: RunningServer): Promise<RunningServer> {
  return startServer(server.kind, { ...server.options, dataDir: server.dataDir, port: server.port })
}

export async function removeData(server: RunningServer): Promise<void> {
  await fsp.rm(server.dataDir, { recursive: true, force: true })
  if (server.options.yPersistence) await fsp.rm(server.options.yPersistence, { recursive: true, force: true })
}

/**
 * Tokens of the Samskap workshops `createRooms` made (Samskap refuses a socket without one). Load
 * sockets are participants (the participant link: each socket a new anonymous resident, so every
 * update goes through the participant rules); probes and seeding clients are the facilitator.
 */
const roomTokens = new Map<string, { facilitator: string; participant: string }>()

function roomToken(room: string, role: 'facilitator' | 'participant'): string {
  const tokens = roomTokens.get(room)
  if (!tokens) throw new Error(`no token for room ${room}: make rooms with createRooms`)
  return tokens[role]
}

/** The provider params a client of `room` needs: Samskap's facilitator token; nothing for the peers. */
export function roomParams(server: RunningServer, room: string): Record<string, string> {
  return isSamskap(server.kind) ? { token: roomToken(room, 'facilitator') } : {}
}

/** Room names: Samskap ids come from POST /api/workshops (it refuses unknown ids); peers take any name. */
export async function createRooms(server: RunningServer, count: number): Promise<string[]> {
  const ids: string[] = []
  if (!isSamskap(server.kind)) {
    for (let i = 0; i < count; i++) ids.push(`bench-room-${String(i).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`)
    return ids
  }
  const concurrency = 16
  let next = 0
  async function worker(): Promise<void> {
    while (next < count) {
      next++
      const response = await fetch(`${server.httpUrl}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Bench workshop' }),
      })
      if (response.status !== 201) throw new Error(`create workshop: ${response.status} ${await response.text()}`)
      const created = (await response.json()) as { id: string; token: string; links: { participant: string } }
      roomTokens.set(created.id, { facilitator: created.token, participant: new URL(created.links.participant).searchParams.get('token') ?? '' })
      ids.push(created.id)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return ids
}

/** Resident set size in KiB from /proc/<pid>/status. */
export function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmRSS:\s+(\d+) kB/.exec(status)
  return match ? Number(match[1]) : NaN
}

/** CPU time (user + system) of a process in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1000) / 100 // CLK_TCK is 100 on Linux
}

/**
 * The server's V8 heap after a full GC, through the Node inspector (started with --inspect). This is
 * a Node debug hook, not server code: it works the same for every server under test.
 */
export async function heapUsedBytes(server: RunningServer): Promise<number | null> {
  if (server.inspectorPort === null) return null
  const list = (await (await fetch(`http://127.0.0.1:${server.inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[]
  const target = list[0]?.webSocketDebuggerUrl
  if (!target) return null
  const ws = new WebSocket(target)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  let id = 0
  const call = (method: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const callId = ++id
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: unknown }
        if (message.id !== callId) return
        ws.off('message', onMessage)
        if (message.error) reject(new Error(JSON.stringify(message.error)))
        else resolve(message.result ?? {})
      }
      ws.on('message', onMessage)
      ws.send(JSON.stringify({ id: callId, method }))
    })
  try {
    await call('HeapProfiler.collectGarbage')
    const usage = await call('Runtime.getHeapUsage')
    return Number(usage.usedSize)
  } finally {
    ws.close()
  }
}

/**
 * Per core, from /proc/stat, in ms: time spent by processes and hard interrupts (everything but idle,
 * iowait and softirq) and time in softirq (loopback TCP is processed there and charged to no process).
 */
export function coreTimesMs(): { busy: number; softirq: number }[] {
  const lines = fs.readFileSync('/proc/stat', 'utf8').split('\n').filter((line) => /^cpu\d/.test(line))
  return lines.map((line) => {
    const ticks = line.split(/\s+/).slice(1).map(Number)
    const total = ticks.reduce((sum, t) => sum + t, 0)
    return { busy: ((total - ticks[3]! - ticks[4]! - ticks[6]!) * 1000) / 100, softirq: (ticks[6]! * 1000) / 100 }
  })
}
