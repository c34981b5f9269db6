import { Worker } from 'node:worker_threads'
import type { ImportJob, ImportJobResult } from './importWorker'

const entry = new URL('./importWorkerEntry.mjs', import.meta.url)
/** A hostile import may not take the server's memory: the worker is stopped beyond this. */
const WORKER_HEAP_MB = 768

let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs an import's parsing, validation and document building in a worker thread (importWorker.ts),
 * one import at a time (the server has few cores, and the rooms come first), so no request stalls
 * the rooms. A worker per import: imports are rare (IMPORTS_PER_ADDRESS_PER_HOUR), and its memory is
 * given back when it ends.
 */
export function importInWorker(job: ImportJob): Promise<ImportJobResult> {
  const run = queue.then(() => runInWorker(job))
  queue = run.catch(() => undefined)
  return run
}

function runInWorker(job: ImportJob): Promise<ImportJobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } })
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      outcome()
      void worker.terminate()
    }
    worker.once('message', (result: ImportJobResult | { ok: false; error: 'internal'; detail: string }) => {
      if (!result.ok && result.error === 'internal') settle(() => reject(new Error(`import worker failed: ${(result as { detail: string }).detail}`)))
      else settle(() => resolve(result))
    })
    worker.once('error', (error) => settle(() => reject(error)))
    worker.once('exit', (code) => settle(() => reject(new Error(`import worker exited with code ${code}`))))
    worker.postMessage(job, [job.body.buffer as ArrayBuffer])
  })
}
