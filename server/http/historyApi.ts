import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Grant } from '../access/AccessStore'
import { validateHistoryLabel } from '../../shared/logic/history'
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import { canUseHistory } from '../history/historyAccess'
import type { WorkshopHistory } from '../history/WorkshopHistory'
import type { HistoryEntry } from '../persistence/Persistence'
import { decodeParam, type HttpDeps } from './HttpDeps'
import { readJsonBody, sendJson } from './httpResponses'
import { grantOf, sendRefusal } from './requestContext'

const CHECKPOINT_BODY_LIMIT = 4 * 1024

function publicEntry(entry: HistoryEntry) {
  return { id: entry.id, createdAt: entry.createdAt, kind: entry.kind, label: entry.label, counts: entry.counts }
}

/*
 * GET  /api/workshops/<id>/history         the list, newest first
 * POST /api/workshops/<id>/history {label}  a checkpoint of the state now (201 with the entry)
 * GET  /api/workshops/<id>/history/<hid>   one snapshot as plain records: { entry, meta, boards, items }
 */

export async function listHistory(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [id]: readonly string[]): Promise<void> {
  const opened = await openHistory(request, response, deps, id)
  if (!opened) return
  if (!canUseHistory(opened.grant, 'list')) return sendJson(response, 403, { error: 'Only the facilitator can see the history' })
  const entries = await opened.history.list(opened.workshopId)
  sendJson(response, 200, { entries: entries.map(publicEntry) })
}

export async function makeCheckpoint(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [id]: readonly string[]): Promise<void> {
  const opened = await openHistory(request, response, deps, id)
  if (!opened) return
  if (!canUseHistory(opened.grant, 'checkpoint')) {
    return sendJson(response, 403, { error: 'Only the facilitator can make checkpoints' })
  }
  const body = await readJsonBody(request, response, CHECKPOINT_BODY_LIMIT)
  if (!body.ok) return
  const input = body.value
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return sendJson(response, 400, { error: 'Request body must be a JSON object with a label' })
  }
  const label = validateHistoryLabel((input as { label?: unknown }).label)
  if (!label.ok) return sendJson(response, 400, { error: label.error })
  const entry = await opened.history.takeSnapshot(opened.workshopId, 'checkpoint', label.value)
  deps.log.info({ workshopId: opened.workshopId, historyId: entry.id }, 'history checkpoint')
  sendJson(response, 201, publicEntry(entry))
}

export async function getHistoryEntry(
  request: IncomingMessage,
  response: ServerResponse,
  deps: HttpDeps,
  [id, rawHistoryId]: readonly string[],
): Promise<void> {
  const historyId = decodeParam(rawHistoryId)
  if (historyId === null) return sendJson(response, 404, { error: 'Workshop not found' })
  const opened = await openHistory(request, response, deps, id)
  if (!opened) return
  if (!canUseHistory(opened.grant, 'read')) return sendJson(response, 403, { error: 'Only the facilitator can see the history' })
  const found = WORKSHOP_ID_PATTERN.test(historyId) ? await opened.history.getRecords(opened.workshopId, historyId) : undefined
  if (!found) return sendJson(response, 404, { error: 'History entry not found' })
  sendJson(response, 200, { entry: publicEntry(found.entry), ...found.records })
}

/** The workshop, its history and the asker's grant; or null, having answered 404, 501, 401 or 403. */
async function openHistory(
  request: IncomingMessage,
  response: ServerResponse,
  deps: HttpDeps,
  rawId: string | undefined,
): Promise<{ workshopId: string; history: WorkshopHistory; grant: Grant } | null> {
  const workshopId = decodeParam(rawId)
  const found = workshopId === null ? undefined : await deps.access.findWorkshop(workshopId)
  if (!found || workshopId === null) {
    sendJson(response, 404, { error: 'Workshop not found' })
    return null
  }
  if (!deps.history) {
    sendJson(response, 501, { error: 'History is not available with this storage' })
    return null
  }
  const { grant, refusal } = await grantOf(deps, found.access, request)
  if (!grant) {
    sendRefusal(response, refusal, 'A facilitator link is needed for the history')
    return null
  }
  return { workshopId, history: deps.history, grant }
}
