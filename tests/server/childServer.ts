import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { withTimeout, type TestResources } from './helpers'

export interface ChildServer {
  child: ChildProcess
  url: string
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
}

export const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Starts a Samskap server in its own process (`node <args>`) on a free port of 127.0.0.1 with its data
 * in `dataDir`, and resolves once it has logged the port it listens on. Killed with SIGKILL at the
 * test's end if it is still running.
 */
export async function spawnServerProcess(resources: TestResources, args: readonly string[], dataDir: string): Promise<ChildServer> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: path.join(dataDir, 'no-static'), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  resources.defer(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  const lines = readline.createInterface({ input: child.stdout! })
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      lines.on('line', (line) => {
        try {
          const entry = JSON.parse(line) as { port?: number }
          if (typeof entry.port === 'number') resolve(entry.port)
        } catch {
          // Not a log line.
        }
      })
      child.once('exit', (code) => reject(new Error(`the server exited early with ${code}`)))
    }),
    20_000,
    'the server printed its port',
  )
  return { child, url: `http://127.0.0.1:${port}`, exited }
}
