import { parentPort } from 'node:worker_threads'
import { PlanRejectedError } from '../../shared/doc/applyPlan'
import { parseWorkshopExport } from '../../shared/export/workshopJson'
import type { WorkshopMetaRecord } from '../../shared/schema/records/workshopMeta'
import { buildWorkshopUpdates } from './createStoredWorkshop'

/** What the import asks of the worker: the body as it arrived, and the time the workshop is created. */
export interface ImportJob {
  body: Uint8Array
  now: number
}

export type ImportJobResult =
  | { ok: true; meta: WorkshopMetaRecord; updates: Uint8Array[]; boards: number; items: number }
  | { ok: false; error: string }

/**
 * An import's CPU work, off the event loop (importInWorker.ts): JSON.parse of up to IMPORT_MAX_BYTES,
 * migrating and validating every record, and building the document (as updates of a few hundred records: stored one by one, see buildWorkshopUpdates). On the main thread a 20 MB
 * import stalled every room and /healthz for seconds.
 */
export function runImportJob({ body, now }: ImportJob): ImportJobResult {
  let input: unknown
  try {
    input = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
  } catch {
    return { ok: false, error: 'Request body must be JSON' }
  }
  const parsed = parseWorkshopExport(input, now)
  if (!parsed.ok) return { ok: false, error: parsed.error }
  try {
    const updates = buildWorkshopUpdates(parsed)
    return { ok: true, meta: parsed.meta, updates, boards: parsed.boards.length, items: parsed.items.length }
  } catch (error) {
    // Records were validated while parsing; the write path checks them again and names the first bad one.
    if (error instanceof PlanRejectedError) return { ok: false, error: error.message }
    throw error
  }
}

parentPort?.on('message', (job: ImportJob) => {
  try {
    const result = runImportJob(job)
    parentPort!.postMessage(result, result.ok ? result.updates.map((update) => update.buffer as ArrayBuffer) : [])
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: 'internal', detail: String(error) })
  }
})
