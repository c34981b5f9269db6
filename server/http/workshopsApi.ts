import type { IncomingMessage, ServerResponse } from 'node:http'
import { nanoid } from 'nanoid'
import * as v from 'valibot'
import { orderAtEnd } from '../../shared/logic/boardOrder'
import { validateBoard } from '../../shared/schema/schema'
import { validateWorkshopMeta } from '../../shared/schema/records/workshopMeta'
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import { auditActor, recordAudit } from '../staff/auditLog'
import { createStoredWorkshop } from './createStoredWorkshop'
import type { HttpDeps } from './HttpDeps'
import { templateForNewWorkshop } from './templatesApi'
import { readJsonBody, sendJson, sendTooMany } from './httpResponses'

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
  /** Start from a template of one's own (server/http/templatesApi.ts) instead of one free canvas. */
  templateId: v.optional(v.string('templateId must be a string')),
})

/**
 * `POST /api/workshops` {title?, language?, boardTitle?, templateId?}: a new workshop with one free
 * canvas, or a template's boards in the template's language, and how to get in.
 */
export async function createWorkshop(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const allowed = await deps.staff.mayCreate(request)
  if (!allowed.ok) return sendJson(response, allowed.status, { error: allowed.error })
  const body = await readJsonBody(request, response, CREATE_BODY_LIMIT, {})
  if (!body.ok) return
  const input = body.value
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
  const template = parsed.output.templateId === undefined ? null : await templateForNewWorkshop(request, response, deps, parsed.output.templateId)
  if (parsed.output.templateId !== undefined && !template) return
  const meta = validateWorkshopMeta({
    title: parsed.output.title?.trim() ?? '',
    language: template?.language ?? parsed.output.language ?? DEFAULT_LANGUAGE,
    createdAt: Date.now(),
  })
  if (!meta.ok) return sendJson(response, 400, { error: meta.error })
  const board = template
    ? null
    : validateBoard({
        id: nanoid(),
        title: parsed.output.boardTitle?.trim() || defaultBoardTitle(meta.value.language),
        order: orderAtEnd([]),
        template: 'canvas',
        showHelp: false,
        linkedBoardId: '',
      })
  if (board && !board.ok) return sendJson(response, 400, { error: board.error.replace(/^board\.title/, 'boardTitle') })
  // Counted only now: a request refused above (a bad body, an unknown or invalid template) made nothing.
  const quota = await deps.quotas.workshops.take(deps.requests.clientAddress(request))
  if (quota) {
    deps.metrics.limitsHit.inc({ limit: 'workshops_per_address' })
    return sendTooMany(response, quota.retryAfterSeconds, `Too many new workshops from this address. Try again in ${quota.retryAfterSeconds} seconds.`)
  }
  if (template) {
    const created = await createStoredWorkshop(deps, deps.requests.baseUrl(request), { meta: meta.value, ...template.content }, allowed.staff?.id ?? null)
    deps.log.info({ workshopId: created.id, staffId: allowed.staff?.id, templateId: parsed.output.templateId }, 'workshop created from a template')
    await recordAudit(deps.staff.storage, deps.log, { workshopId: created.id, action: 'created', actor: auditActor(allowed.staff), detail: `template ${parsed.output.templateId}` })
    return sendJson(response, 201, created)
  }
  if (!board?.ok) throw new Error('a workshop without a template has its board')
  const created = await createStoredWorkshop(deps, deps.requests.baseUrl(request), { meta: meta.value, boards: [board.value], items: [] }, allowed.staff?.id ?? null)
  deps.log.info({ workshopId: created.id, staffId: allowed.staff?.id }, 'workshop created')
  await recordAudit(deps.staff.storage, deps.log, { workshopId: created.id, action: 'created', actor: auditActor(allowed.staff) })
  sendJson(response, 201, created)
}

/** `GET /api/workshops/<id>`: its id and title. */
export async function getWorkshop(_request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [id]: readonly string[]): Promise<void> {
  const row = id !== undefined && WORKSHOP_ID_PATTERN.test(id) ? await deps.persistence.getWorkshop(id) : undefined
  if (!row) return sendJson(response, 404, { error: 'Workshop not found' })
  sendJson(response, 200, { id: row.id, title: row.title })
}
