import type { IncomingMessage, ServerResponse } from 'node:http'
import { auditActor, recordAudit } from '../staff/auditLog'
import { createStoredWorkshop } from './createStoredWorkshop'
import type { HttpDeps } from './HttpDeps'
import { readBody, RequestBodyError, sendJson, sendTooMany } from './httpResponses'
import { importInWorker } from './importInWorker'

/**
 * `POST /api/workshops/import` with a JSON export (shared/export/workshopJson.ts): restores it as a
 * new workshop. Every record is migrated and validated first; the first bad one is named in a 400.
 * Record ids are kept (unique within a workshop), the workshop gets a new id and `createdAt`.
 * At most IMPORT_MAX_BYTES (413 beyond), IMPORTS_PER_ADDRESS_PER_HOUR (429), and the parsing and
 * building happen in a worker thread, so a big import does not stall the rooms.
 */
export async function importWorkshop(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  // Checked before up to IMPORT_MAX_BYTES are read.
  const allowed = await deps.staff.mayCreate(request)
  if (!allowed.ok) {
    response.setHeader('connection', 'close')
    return sendJson(response, allowed.status, { error: allowed.error })
  }
  const quota = await deps.quotas.imports.take(deps.requests.clientAddress(request))
  if (quota) {
    deps.metrics.limitsHit.inc({ limit: 'imports_per_address' })
    return sendTooMany(response, quota.retryAfterSeconds, `Too many imports from this address. Try again in ${quota.retryAfterSeconds} seconds.`)
  }
  let body: Buffer
  try {
    body = await readBody(request, deps.importMaxBytes)
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error
    if (error.status === 413) deps.metrics.limitsHit.inc({ limit: 'import_bytes' })
    return sendJson(response, error.status, { error: error.message })
  }
  // A copy of its own to hand over: a small Buffer may share its memory with others.
  const built = await importInWorker({ body: new Uint8Array(body), now: Date.now() })
  if (!built.ok) return sendJson(response, 400, { error: built.error })
  const created = await createStoredWorkshop(deps, deps.requests.baseUrl(request), { meta: built.meta, updates: built.updates }, allowed.staff?.id ?? null)
  deps.log.info({ workshopId: created.id, staffId: allowed.staff?.id, boards: built.boards, items: built.items }, 'workshop imported')
  await recordAudit(deps.staff.storage, deps.log, { workshopId: created.id, action: 'created', actor: auditActor(allowed.staff), detail: 'import' })
  sendJson(response, 201, created)
}
