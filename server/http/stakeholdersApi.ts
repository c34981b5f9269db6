import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StakeholderRegisterWorkshop } from '../../shared/followup/stakeholderRegister'
import { sortByOrder } from '../../shared/logic/boardOrder'
import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import type { AuditActor } from '../../shared/staff'
import { readWorkshop } from './actionsApi'
import * as v from 'valibot'
import { recordAudit } from '../staff/auditLog'
import { decodeParam, type HttpDeps } from './HttpDeps'
import { readJsonBody, sendJson } from './httpResponses'
import { witnessTakeOver } from './takeOverWitness'
import { workshopPage } from './workshopPages'
import { idSchema } from '../../shared/schema/validation'

/**
 * `GET /api/stakeholders?except=<workshopId>&limit=&cursor=`: the stakeholder register that grows
 * (issue 17). The stakeholder maps of the workshops the signed-in person may see
 * (`deps.workshopsVisibleTo`: owned and co-facilitated, an administrator's all), with their groups
 * and stakeholders (contact, plan row, tags), newest workshop first, a page of `limit` workshops
 * read at a time (workshopPage.ts; `next` is the cursor of the next page, null after the last);
 * `except` (the workshop asking) and workshops without a stakeholder are left out, so a page may
 * hold fewer than `limit`. `only=<workshopId>` asks for that one workshop's map (a "taken over
 * from" line). The map takes over from here with `planTakeOverStakeholders` in the browser,
 * through the validated plan path; nothing is written by this route. A workshop token opens
 * nothing here: the staff session decides.
 */
export async function listStakeholders(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const visible = await deps.workshopsVisibleTo(request)
  if (!visible) return sendJson(response, 401, { error: 'Sign in to see the stakeholders of your workshops', code: 'signInRequired' })
  const params = new URL(request.url ?? '/', 'http://localhost').searchParams
  const except = params.get('except')
  if (except !== null && !WORKSHOP_ID_PATTERN.test(except)) return sendJson(response, 400, { error: 'except must be a workshop id', code: 'badQuery' })
  const only = params.get('only')
  if (only !== null && !WORKSHOP_ID_PATTERN.test(only)) return sendJson(response, 400, { error: 'only must be a workshop id', code: 'badQuery' })
  const paged = await workshopPage(deps, only === null ? visible.workshopIds : visible.workshopIds.filter((id) => id === only), params, except)
  if (!paged.ok) return sendJson(response, 400, { error: paged.error, code: 'badQuery' })
  const workshops: StakeholderRegisterWorkshop[] = []
  for (const { workshopId, createdAt } of paged.page.workshops) {
    const read = await readWorkshop(deps, workshopId)
    if (!read) continue
    const boards = sortByOrder(read.snapshot.boards).filter((b) => b.template === 'stakeholderMap')
    const boardIds = new Set(boards.map((b) => b.id))
    const items = read.snapshot.items.filter((i) => (i.kind === 'stakeholder' || i.kind === 'stakeholderGroup') && boardIds.has(i.boardId))
    if (!items.some((i) => i.kind === 'stakeholder')) continue
    workshops.push({ workshopId, title: read.snapshot.meta.title, createdAt, snapshot: { meta: read.snapshot.meta, boards, items } })
  }
  sendJson(response, 200, { workshops, next: paged.page.next })
}

/** The most stakeholders one take-over names (a map's worth; the dialog sends no more). */
export const TAKE_OVER_MAX_STAKEHOLDERS = 1000
const TAKEN_OVER_BODY_LIMIT = 96 * 1024
const takenOverBody = v.strictObject({
  from: v.pipe(v.string(), v.regex(WORKSHOP_ID_PATTERN)),
  stakeholderIds: v.pipe(v.array(idSchema), v.minLength(1), v.maxLength(TAKE_OVER_MAX_STAKEHOLDERS)),
})

/**
 * `POST /api/workshops/<id>/stakeholders/taken-over` {from, stakeholderIds}: the map in workshop <id>
 * took over stakeholders from workshop `from` (the take-over itself is a plan the browser commits
 * through the validated path, TakeOverDialog.tsx); this writes the audit lines, one in each workshop,
 * under the signed-in person. Only someone who may see both workshops (their staff, an administrator)
 * may, so nobody can write into the audit log of a workshop that is not theirs; and the server is the
 * witness: a line is written only when every named stakeholder is in workshop <id> with its origin in
 * `from` (takeOverWitness.ts), else `takeOverNotSeen` and no line.
 */
export async function recordStakeholderTakeOver(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawId]: readonly string[]): Promise<void> {
  const visible = await deps.workshopsVisibleTo(request)
  if (!visible) return sendJson(response, 401, { error: 'Sign in to take over stakeholders', code: 'signInRequired' })
  const workshopId = decodeParam(rawId)
  if (workshopId === null || !(await deps.persistence.getWorkshop(workshopId))) return sendJson(response, 404, { error: 'Workshop not found', code: 'workshopNotFound' })
  const body = await readJsonBody(request, response, TAKEN_OVER_BODY_LIMIT)
  if (!body.ok) return
  const parsed = v.safeParse(takenOverBody, body.value)
  if (!parsed.success || parsed.output.from === workshopId) {
    return sendJson(response, 400, { error: 'Send the id of the workshop the stakeholders came from and the ids of the stakeholders taken over', code: 'badTakeOver' })
  }
  const from = parsed.output.from
  if (!(await deps.persistence.getWorkshop(from))) return sendJson(response, 404, { error: 'The workshop they came from was not found', code: 'workshopNotFound' })
  if (!visible.workshopIds.includes(workshopId) || !visible.workshopIds.includes(from)) {
    return sendJson(response, 403, { error: 'Only the staff of both workshops can take stakeholders over', code: 'notYourWorkshop' })
  }
  if (!(await witnessTakeOver(deps, workshopId, from, parsed.output.stakeholderIds))) {
    return sendJson(response, 409, { error: 'These stakeholders were not found in this workshop as taken over from that one', code: 'takeOverNotSeen' })
  }
  const actor: AuditActor = { kind: 'staff', id: visible.staffId, name: visible.name }
  await recordAudit(deps.staff.storage, deps.log, { workshopId, action: 'stakeholdersTakenOver', actor, detail: from })
  await recordAudit(deps.staff.storage, deps.log, { workshopId: from, action: 'stakeholdersReused', actor, detail: workshopId })
  sendJson(response, 201, { recorded: true })
}
