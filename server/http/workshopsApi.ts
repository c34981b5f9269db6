import type { IncomingMessage, ServerResponse } from 'node:http'
import { nanoid } from 'nanoid'
import * as v from 'valibot'
import { orderAtEnd } from '../../shared/logic/boardOrder'
import { planAddBoard, starterKits } from '../../shared/logic/templates'
import type { BoardRecord } from '../../shared/schema/records/board'
import type { ItemRecord } from '../../shared/schema/schema'
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
  /** Or start from a built-in kit (shared/logic/templates.ts `starterKits`), its boards titled in the caller's words. */
  kit: v.optional(v.picklist(starterKits, `kit must be one of ${starterKits.join(', ')}`)),
  kitTitles: v.optional(
    v.strictObject({
      stakeholderMap: v.string('kitTitles.stakeholderMap must be a string'),
      involvementMatrix: v.string('kitTitles.involvementMatrix must be a string'),
      challengeBoard: v.string('kitTitles.challengeBoard must be a string'),
    }),
  ),
})

/** A kit's board titles when the caller sends none (the app always does, in the person's language). */
const DEFAULT_KIT_TITLES = { canvas: 'Canvas', stakeholderMap: 'Stakeholder map', involvementMatrix: 'Involvement matrix', challengeBoard: 'Challenges, solutions, actions' }

/** A kit's boards and their starting items (a stakeholder map's groups), each checked by the validators. */
function kitContent(kit: (typeof starterKits)[number], titles: Partial<typeof DEFAULT_KIT_TITLES> | undefined): { ok: true; boards: BoardRecord[]; items: ItemRecord[] } | { ok: false; error: string } {
  const { plan } = planAddBoard({ choice: kit, existingBoards: [], titles: { ...DEFAULT_KIT_TITLES, ...titles }, newId: () => nanoid(), now: Date.now() })
  const boards: BoardRecord[] = []
  for (const board of plan.createBoards ?? []) {
    const checked = validateBoard({ ...board, title: board.title.trim() })
    if (!checked.ok) return { ok: false, error: checked.error.replace(/^board\.title/, `kitTitles.${board.template}`) }
    boards.push(checked.value)
  }
  return { ok: true, boards, items: plan.createItems ?? [] }
}

/**
 * `POST /api/workshops` {title?, language?, boardTitle?, templateId?, kit?, kitTitles?}: a new
 * workshop with one free canvas, a built-in kit's boards (anyone who may create), or a template's
 * boards in the template's language (signed-in staff), and how to get in.
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
  if (parsed.output.kit !== undefined && parsed.output.templateId !== undefined) {
    return sendJson(response, 400, { error: 'Start from a kit or from a template, not both' })
  }
  const kit = parsed.output.kit === undefined ? null : kitContent(parsed.output.kit, parsed.output.kitTitles)
  if (kit && !kit.ok) return sendJson(response, 400, { error: kit.error })
  const template = parsed.output.templateId === undefined ? null : await templateForNewWorkshop(request, response, deps, parsed.output.templateId)
  if (parsed.output.templateId !== undefined && !template) return
  const meta = validateWorkshopMeta({
    title: parsed.output.title?.trim() ?? '',
    language: template?.language ?? parsed.output.language ?? DEFAULT_LANGUAGE,
    createdAt: Date.now(),
  })
  if (!meta.ok) return sendJson(response, 400, { error: meta.error })
  const board = template || kit
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
  if (kit?.ok) {
    const created = await createStoredWorkshop(deps, deps.requests.baseUrl(request), { meta: meta.value, boards: kit.boards, items: kit.items }, allowed.staff?.id ?? null)
    deps.log.info({ workshopId: created.id, staffId: allowed.staff?.id, kit: parsed.output.kit }, 'workshop created from a kit')
    await recordAudit(deps.staff.storage, deps.log, { workshopId: created.id, action: 'created', actor: auditActor(allowed.staff), detail: `kit ${parsed.output.kit}` })
    return sendJson(response, 201, created)
  }
  if (!board?.ok) throw new Error('a workshop without a template or kit has its board')
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
