import type { IncomingMessage, ServerResponse } from 'node:http'
import { nanoid } from 'nanoid'
import * as Y from 'yjs'
import { createRecordMap, getWorkshopMaps, SCHEMA_KEY } from '../../shared/doc/workshopDoc'
import { parseWorkshopExport, WORKSHOP_IMPORT_MAX_BYTES } from '../../shared/export/workshopJson'
import { currentSchema } from '../../shared/schema/schema'
import type { Logger } from '../log'
import type { Persistence } from '../persistence/Persistence'
import { readBody, RequestBodyError, sendJson } from './httpResponses'
import type { RequestContext } from './requestContext'
import { storeNewWorkshop } from './workshopsApi'

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

  const id = nanoid(21)
  const doc = new Y.Doc()
  const { meta, boards, items } = getWorkshopMaps(doc)
  doc.transact(() => {
    meta.set(SCHEMA_KEY, { ...currentSchema })
    meta.set('title', parsed.meta.title)
    meta.set('language', parsed.meta.language)
    meta.set('createdAt', parsed.meta.createdAt)
    for (const board of parsed.boards) boards.set(board.id, createRecordMap(board))
    for (const item of parsed.items) items.set(item.id, createRecordMap(item))
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  const created = await storeNewWorkshop(
    persistence,
    context,
    request,
    { id, title: parsed.meta.title, language: parsed.meta.language, createdAt: parsed.meta.createdAt },
    state,
  )
  log.info({ workshopId: id, boards: parsed.boards.length, items: parsed.items.length }, 'workshop imported')
  sendJson(response, 201, created)
}
