import type { IncomingMessage, ServerResponse } from 'node:http'
import { PlanRejectedError } from '../../shared/doc/applyPlan'
import { parseWorkshopExport, WORKSHOP_IMPORT_MAX_BYTES } from '../../shared/export/workshopJson'
import { createStoredWorkshop } from './createStoredWorkshop'
import type { HttpDeps } from './HttpDeps'
import { readJsonBody, sendJson } from './httpResponses'

/**
 * `POST /api/workshops/import` with a JSON export (shared/export/workshopJson.ts): restores it as a
 * new workshop. Every record is migrated and validated first; the first bad one is named in a 400.
 * Record ids are kept (unique within a workshop), the workshop gets a new id and `createdAt`.
 */
export async function importWorkshop(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  // Checked before up to 20 MB are read.
  const allowed = await deps.staff.mayCreate(request)
  if (!allowed.ok) {
    response.setHeader('connection', 'close')
    return sendJson(response, allowed.status, { error: allowed.error })
  }
  const body = await readJsonBody(request, response, WORKSHOP_IMPORT_MAX_BYTES)
  if (!body.ok) return
  const parsed = parseWorkshopExport(body.value, Date.now())
  if (!parsed.ok) return sendJson(response, 400, { error: parsed.error })

  let created
  try {
    created = await createStoredWorkshop(deps, deps.requests.baseUrl(request), parsed, allowed.staff?.id ?? null)
  } catch (error) {
    // Records were validated while parsing; the write path checks them again and names the first bad one.
    if (error instanceof PlanRejectedError) return sendJson(response, 400, { error: error.message })
    throw error
  }
  deps.log.info({ workshopId: created.id, staffId: allowed.staff?.id, boards: parsed.boards.length, items: parsed.items.length }, 'workshop imported')
  sendJson(response, 201, created)
}
