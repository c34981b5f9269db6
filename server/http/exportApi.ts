import type { IncomingMessage, ServerResponse } from 'node:http'
import { PlanRejectedError } from '../../shared/doc/applyPlan'
import { parseWorkshopExport, WORKSHOP_IMPORT_MAX_BYTES } from '../../shared/export/workshopJson'
import type { Logger } from '../log'
import type { Persistence } from '../persistence/Persistence'
import { readBody, RequestBodyError, sendJson } from './httpResponses'
import type { RequestContext } from './requestContext'
import { createStoredWorkshop } from './createStoredWorkshop'

export const IMPORT_PATH = '/api/workshops/import'

/**
 * `POST /api/workshops/import` with a JSON export (shared/export/workshopJson.ts): restores it as a
 * new workshop. Every record is migrated and validated first; the first bad one is named in a 400.
 * Record ids are kept (unique within a workshop), the workshop gets a new id and `createdAt`.
 */
export async function handleImportRequest(
  request: IncomingMessage,
  response: ServerResponse,
  persistence: Persistence,
  context: RequestContext,
  log: Logger,
): Promise<void> {
  if (request.method !== 'POST') return sendJson(response, 405, { error: 'Use POST to import a workshop' })
  let input: unknown
  try {
    const body = await readBody(request, WORKSHOP_IMPORT_MAX_BYTES)
    input = JSON.parse(body.toString('utf8'))
  } catch (error) {
    if (error instanceof RequestBodyError) return sendJson(response, error.status, { error: error.message })
    return sendJson(response, 400, { error: 'Request body must be JSON' })
  }
  const parsed = parseWorkshopExport(input, Date.now())
  if (!parsed.ok) return sendJson(response, 400, { error: parsed.error })

  let created
  try {
    created = await createStoredWorkshop(persistence, context.access, context.baseUrl(request), parsed)
  } catch (error) {
    // Records were validated while parsing; the write path checks them again and names the first bad one.
    if (error instanceof PlanRejectedError) return sendJson(response, 400, { error: error.message })
    throw error
  }
  log.info({ workshopId: created.id, boards: parsed.boards.length, items: parsed.items.length }, 'workshop imported')
  sendJson(response, 201, created)
}
