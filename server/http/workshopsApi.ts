import type { IncomingMessage, ServerResponse } from 'node:http'
import { nanoid } from 'nanoid'
import * as v from 'valibot'
import { orderAtEnd } from '../../shared/logic/boardOrder'
import { validateBoard } from '../../shared/schema/schema'
import { validateWorkshopMeta } from '../../shared/schema/records/workshopMeta'
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import type { Logger } from '../log'
import type { Persistence } from '../persistence/Persistence'
import { createStoredWorkshop } from './createStoredWorkshop'
import { readBody, RequestBodyError, sendJson } from './httpResponses'
import type { RequestContext } from './requestContext'

export const CREATE_BODY_LIMIT = 16 * 1024
const DEFAULT_LANGUAGE = 'nb'
/** First board's title when the caller gives none, in the workshop's language (the UI always sends one). */
const DEFAULT_BOARD_TITLES: Record<string, string> = { nb: 'Tavle 1', nn: 'Tavle 1', da: 'Tavle 1', sv: 'Tavla 1', en: 'Board 1' }

function defaultBoardTitle(language: string): string {
  return DEFAULT_BOARD_TITLES[language.split('-')[0] ?? ''] ?? 'Board 1'
}

/** The body shape only; lengths and formats are checked by the shared record validators. */
const createWorkshopBody = v.strictObject({
  title: v.optional(v.string('title must be a string')),
  language: v.optional(v.string('language must be a string')),
  boardTitle: v.optional(v.string('boardTitle must be a string')),
})

/** Handles /api/*. Returns after the response is sent. */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  persistence: Persistence,
  context: RequestContext,
  log: Logger,
): Promise<void> {
  if (pathname === '/api/workshops') {
    if (request.method !== 'POST') return sendJson(response, 405, { error: 'Use POST to create a workshop' })
    return createWorkshop(request, response, persistence, context, log)
  }
  const match = /^\/api\/workshops\/([^/]+)$/.exec(pathname)
  if (match) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'Only GET is supported here' })
    }
    const id = match[1]!
    const row = WORKSHOP_ID_PATTERN.test(id) ? await persistence.getWorkshop(id) : undefined
    if (!row) return sendJson(response, 404, { error: 'Workshop not found' })
    return sendJson(response, 200, { id: row.id, title: row.title })
  }
  sendJson(response, 404, { error: 'Not found' })
}

async function createWorkshop(
  request: IncomingMessage,
  response: ServerResponse,
  persistence: Persistence,
  context: RequestContext,
  log: Logger,
): Promise<void> {
  let input: unknown
  try {
    const body = await readBody(request, CREATE_BODY_LIMIT)
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
  } catch (error) {
    if (error instanceof RequestBodyError) return sendJson(response, error.status, { error: error.message })
    return sendJson(response, 400, { error: 'Request body must be JSON' })
  }
  // valibot's object schemas accept arrays (they are objects without extra keys); a body must not be one.
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return sendJson(response, 400, { error: 'Request body must be a JSON object' })
  }
  const parsed = v.safeParse(createWorkshopBody, input)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const key = issue?.path?.map((p) => String(p.key)).join('.')
    return sendJson(response, 400, { error: key ? `${key}: ${issue?.message}` : 'Request body must be a JSON object' })
  }
  const meta = validateWorkshopMeta({
    title: parsed.output.title?.trim() ?? '',
    language: parsed.output.language ?? DEFAULT_LANGUAGE,
    createdAt: Date.now(),
  })
  if (!meta.ok) return sendJson(response, 400, { error: meta.error })
  const board = validateBoard({
    id: nanoid(),
    title: parsed.output.boardTitle?.trim() || defaultBoardTitle(meta.value.language),
    order: orderAtEnd([]),
    template: 'canvas',
    showHelp: false,
    linkedBoardId: '',
  })
  if (!board.ok) return sendJson(response, 400, { error: board.error.replace(/^board\.title/, 'boardTitle') })

  const created = await createStoredWorkshop(persistence, context.access, context.baseUrl(request), { meta: meta.value, boards: [board.value], items: [] })
  log.info({ workshopId: created.id }, 'workshop created')
  sendJson(response, 201, created)
}
