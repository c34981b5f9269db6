import { spawn } from 'node:child_process'

export interface TimerJitter {
  core: number
  p50: number
  p99: number
  max: number
}

const probeScript = `
let last = performance.now(); const gaps = []
const timer = setInterval(() => { const now = performance.now(); gaps.push(now - last); last = now }, 1)
setTimeout(() => {
  clearInterval(timer); gaps.sort((a, b) => a - b)
  const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]
  console.log(JSON.stringify({ p50: at(0.5), p99: at(0.99), max: gaps.at(-1) }))
}, DURATION)
`

/**
 * How long an idle process pinned to `core` waits for a 1 ms timer: on a quiet machine the gaps stay
 * near 1 ms. Large gaps mean other work (or the hypervisor) takes the core away, and every latency
 * figure measured meanwhile carries that noise.
 */
export function timerJitter(core: number, durationMs: number): Promise<TimerJitter> {
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', String(core), process.execPath, '-e', probeScript.replace('DURATION', String(durationMs))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('error', reject)
    child.once('exit', () => {
      try {
        resolve({ core, ...(JSON.parse(out) as { p50: number; p99: number; max: number }) })
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
  })
}
