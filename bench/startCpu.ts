/**
 * The CPU a server's start costs: user + system time (/proc) of the process from spawn to its first
 * answered HTTP request, each command pinned to core 0, the commands alternated run by run so the
 * machine's load falls on all of them alike. Each command keeps one DATA_DIR across its runs (the
 * first run creates the schema and is not counted), so the figure is a restart's, as in (f).
 *
 *   npm run build:server && node --import tsx bench/startCpu.ts [--runs 9] [--base /tmp/bench-base]
 *
 * Compares this checkout's dist-server/main.mjs, a base checkout's (built with its own
 * `npm run build:server`) and a bare Node HTTP server (what any server's start costs at least).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { cpuMs } from './lib/servers'
import { median } from './lib/stats'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, base: { type: 'string' } } })
const runs = Number(values.runs)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const commands: [string, string[]][] = [
  ['samskap', [path.join(root, 'dist-server/main.mjs')]],
  ...(values.base ? [['samskap-base', [path.join(path.resolve(values.base), 'dist-server/main.mjs')]] as [string, string[]]] : []),
  ['bare node', ['-e', "require('node:http').createServer((q, s) => s.end()).listen(process.env.PORT, process.env.HOST)"]],
]
for (const [label, args] of commands) {
  if (args[0]!.endsWith('.mjs') && !fs.existsSync(args[0]!)) throw new Error(`${label}: ${args[0]} is missing (npm run build:server in that checkout)`)
}

const dataDirs = new Map(commands.map(([label]) => [label, fs.mkdtempSync(path.join(os.tmpdir(), 'start-cpu-'))]))

/** One start: the CPU the process had used when its first HTTP answer came. */
async function startOnce(label: string, args: string[]): Promise<number> {
  const port = 20_000 + Math.floor(Math.random() * 30_000)
  const dataDir = dataDirs.get(label)!
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: path.join(dataDir, 'no-static'), LOG_LEVEL: 'error' }
  const child = spawn('taskset', ['-c', '0', process.execPath, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  let exited = false
  child.once('exit', () => (exited = true))
  try {
    for (;;) {
      if (exited) throw new Error(`${label} exited during its start`)
      try {
        await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) })
        return cpuMs(child.pid!)
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }
  } finally {
    if (!exited) {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
    }
  }
}

const results = new Map<string, number[]>(commands.map(([label]) => [label, []]))
try {
  for (const [label, args] of commands) await startOnce(label, args)
  for (let run = 0; run < runs; run++) {
    for (const [label, args] of run % 2 === 0 ? commands : [...commands].reverse()) results.get(label)!.push(await startOnce(label, args))
  }
} finally {
  for (const dir of dataDirs.values()) fs.rmSync(dir, { recursive: true, force: true })
}
for (const [label, samples] of results) {
  console.log(`${label}: CPU to the first HTTP answer, median ${median(samples)} ms (${Math.min(...samples)}–${Math.max(...samples)}; ${samples.join(' ')})`)
}
