import type { IncomingMessage, ServerResponse } from 'node:http'
import { nanoid } from 'nanoid'
import * as v from 'valibot'
import { planTakeOverActions } from '../../shared/followup/takeOver'
import { orderAtEnd, sortByOrder } from '../../shared/logic/boardOrder'
import { validateBoard } from '../../shared/schema/schema'
import { validateWorkshopMeta } from '../../shared/schema/records/workshopMeta'
import type { CardRecord } from '../../shared/schema/records/card'
import { auditActor, recordAudit } from '../staff/auditLog'
import { readWorkshop } from './actionsApi'
import { createStoredWorkshop } from './createStoredWorkshop'
import { decodeParam, type HttpDeps } from './HttpDeps'
import { readJsonBody, sendJson, sendTooMany } from './httpResponses'

const FOLLOW_UP_BODY_LIMIT = 4 * 1024

const followUpBody = v.strictObject({
  title: v.string(),
  boardTitle: v.string(),
})

/**
 * `POST /api/workshops/<id>/follow-up` {title, boardTitle}: a new workshop that starts where this
 * one stopped, "what have we done since last time": one challenge board holding the open actions
 * of every challenge board here, each linking back through `origin` (shared/followup/takeOver.ts).
 * Only the workshop's own staff may, and only someone who may create workshops; the earlier
 * workshop is not changed. The new one is in the earlier one's language, owned by the asker.
 */
export async function startFollowUp(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawId]: readonly string[]): Promise<void> {
  const visible = await deps.workshopsVisibleTo(request)
  if (!visible) return sendJson(response, 401, { error: 'Sign in to start a follow-up workshop', code: 'signInRequired' })
  const sourceId = decodeParam(rawId)
  if (sourceId === null || !(await deps.persistence.getWorkshop(sourceId))) return sendJson(response, 404, { error: 'Workshop not found', code: 'workshopNotFound' })
  if (!visible.workshopIds.includes(sourceId)) {
    return sendJson(response, 403, { error: 'Only the staff of this workshop can follow it up', code: 'notYourWorkshop' })
  }
  const allowed = await deps.staff.mayCreate(request)
  if (!allowed.ok) return sendJson(response, allowed.status, { error: allowed.error, code: 'mayNotCreate' })
  const body = await readJsonBody(request, response, FOLLOW_UP_BODY_LIMIT)
  if (!body.ok) return
  const parsed = v.safeParse(followUpBody, body.value)
  if (!parsed.success) return sendJson(response, 400, { error: 'Send the new workshop’s title and its board’s title', code: 'badFollowUp' })
  const quota = await deps.quotas.workshops.take(deps.requests.clientAddress(request))
  if (quota) {
    deps.metrics.limitsHit.inc({ limit: 'workshops_per_address' })
    return sendTooMany(response, quota.retryAfterSeconds, `Too many new workshops from this address. Try again in ${quota.retryAfterSeconds} seconds.`)
  }
  const source = await readWorkshop(deps, sourceId)
  if (!source) return sendJson(response, 409, { error: 'The workshop could not be read', code: 'unreadable' })

  const now = Date.now()
  const meta = validateWorkshopMeta({ title: parsed.output.title.trim(), language: source.snapshot.meta.language, createdAt: now })
  const board = validateBoard({
    id: nanoid(),
    title: parsed.output.boardTitle.trim() || sortByOrder(source.snapshot.boards).find((b) => b.template === 'challengeBoard')?.title || 'Tiltak',
    order: orderAtEnd([]),
    template: 'challengeBoard',
    showHelp: false,
    linkedBoardId: '',
  })
  if (!meta.ok || !board.ok) return sendJson(response, 400, { error: meta.ok ? (board.ok ? '' : board.error) : meta.error, code: 'badFollowUp' })
  const takeOver = planTakeOverActions(
    { workshopId: sourceId, snapshot: source.snapshot },
    { workshopId: 'new', snapshot: { meta: meta.value, boards: [board.value], items: [] }, boardId: board.value.id },
    { newId: () => nanoid(), now },
  )
  if (!takeOver.ok) throw new Error(`a follow-up's own board refused the take-over: ${takeOver.reason}`)
  const items = (takeOver.plan.createItems ?? []) as CardRecord[]
  const created = await createStoredWorkshop(deps, deps.requests.baseUrl(request), { meta: meta.value, boards: [board.value], items }, allowed.staff?.id ?? null)
  deps.log.info({ workshopId: created.id, sourceId, actions: items.length }, 'follow-up workshop created')
  const actor = auditActor(allowed.staff)
  await recordAudit(deps.staff.storage, deps.log, { workshopId: created.id, action: 'created', actor, detail: `follow-up of ${sourceId}` })
  await recordAudit(deps.staff.storage, deps.log, { workshopId: sourceId, action: 'followUpCreated', actor, detail: created.id })
  sendJson(response, 201, { ...created, actions: items.length })
}
