import type { IncomingMessage, ServerResponse } from 'node:http'
import { validateHistoryLabel } from '../../shared/logic/history'
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import { canUseHistory } from '../history/historyAccess'
import type { WorkshopHistory } from '../history/WorkshopHistory'
import type { Logger } from '../log'
import type { HistoryEntry } from '../persistence/Persistence'
import { readBody, RequestBodyError, sendJson } from './httpResponses'
import { grantOf, type RequestContext } from './requestContext'

const HISTORY_PATH = /^\/api\/workshops\/([^/]+)\/history(?:\/([^/]+))?\/?$/
const CHECKPOINT_BODY_LIMIT = 4 * 1024

/** Whether a path is a history route (`/api/workshops/<id>/history[/<historyId>]`). */
export function isHistoryPath(pathname: string): boolean {
  return HISTORY_PATH.test(pathname)
}

function publicEntry(entry: HistoryEntry) {
  return { id: entry.id, createdAt: entry.createdAt, kind: entry.kind, label: entry.label, counts: entry.counts }
}

/**
 * GET  /api/workshops/<id>/history         the list, newest first
 * POST /api/workshops/<id>/history {label}  a checkpoint of the state now (201 with the entry)
 * GET  /api/workshops/<id>/history/<hid>   one snapshot as plain records: { entry, meta, boards, items }
 */
export async function handleHistoryRequest(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  history: WorkshopHistory | null,
  context: RequestContext,
  log: Logger,
): Promise<void> {
  const match = HISTORY_PATH.exec(pathname)
  if (!match) return sendJson(response, 404, { error: 'Not found' })
  let workshopId: string
  let historyId: string | undefined
  try {
    workshopId = decodeURIComponent(match[1]!)
    historyId = match[2] === undefined ? undefined : decodeURIComponent(match[2])
  } catch {
    return sendJson(response, 404, { error: 'Workshop not found' })
  }
  const found = await context.access.findWorkshop(workshopId)
  if (!found) return sendJson(response, 404, { error: 'Workshop not found' })
  if (!history) return sendJson(response, 501, { error: 'History is not available with this storage' })
  const grant = grantOf(context, found.access, request)
  if (!grant) return sendJson(response, 401, { error: 'A facilitator link is needed for the history' })

  if (historyId !== undefined) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'Only GET is supported here' })
    }
    if (!canUseHistory(grant, 'read')) return sendJson(response, 403, { error: 'Only the facilitator can see the history' })
    const found = WORKSHOP_ID_PATTERN.test(historyId) ? await history.getRecords(workshopId, historyId) : undefined
    if (!found) return sendJson(response, 404, { error: 'History entry not found' })
    return sendJson(response, 200, { entry: publicEntry(found.entry), ...found.records })
  }

  if (request.method === 'GET' || request.method === 'HEAD') {
    if (!canUseHistory(grant, 'list')) return sendJson(response, 403, { error: 'Only the facilitator can see the history' })
    const entries = await history.list(workshopId)
    return sendJson(response, 200, { entries: entries.map(publicEntry) })
  }
  if (request.method !== 'POST') return sendJson(response, 405, { error: 'Use GET to list or POST to make a checkpoint' })
  if (!canUseHistory(grant, 'checkpoint')) {
    return sendJson(response, 403, { error: 'Only the facilitator can make checkpoints' })
  }
  let input: unknown
  try {
    const body = await readBody(request, CHECKPOINT_BODY_LIMIT)
    input = JSON.parse(body.toString('utf8'))
  } catch (error) {
    if (error instanceof RequestBodyError) return sendJson(response, error.status, { error: error.message })
    return sendJson(response, 400, { error: 'Request body must be JSON' })
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return sendJson(response, 400, { error: 'Request body must be a JSON object with a label' })
  }
  const label = validateHistoryLabel((input as { label?: unknown }).label)
  if (!label.ok) return sendJson(response, 400, { error: label.error })
  const entry = await history.takeSnapshot(workshopId, 'checkpoint', label.value)
  log.info({ workshopId, historyId: entry.id }, 'history checkpoint')
  sendJson(response, 201, publicEntry(entry))
}
