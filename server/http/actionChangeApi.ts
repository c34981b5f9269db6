import type { IncomingMessage, ServerResponse } from 'node:http'
import * as v from 'valibot'
import { applyPlan, PlanRejectedError } from '../../shared/doc/applyPlan'
import { readItemMap } from '../../shared/doc/readItemMap'
import { getWorkshopMaps } from '../../shared/doc/workshopDoc'
import { planActionChange, type ActionChange } from '../../shared/followup/actionChange'
import { isCalendarDay } from '../../shared/schema/calendarDay'
import { actionStatuses } from '../../shared/schema/records/card'
import { recordAudit } from '../staff/auditLog'
import { decodeParam, type HttpDeps } from './HttpDeps'
import { readJsonBody, sendJson } from './httpResponses'

const CHANGE_BODY_LIMIT = 1024

/** Transaction origin of a change made from the action register: stored and broadcast like facilitation's. */
export const registerOrigin = Symbol('actionRegister')

const changeBody = v.strictObject({
  status: v.optional(v.picklist(actionStatuses)),
  // The card validator's own check (shared/schema/calendarDay.ts): refused here with a 400 before the room is touched.
  dueDate: v.optional(v.pipe(v.string(), v.check((day) => day === '' || isCalendarDay(day)))),
})

/**
 * `POST /api/actions/<workshopId>/<cardId>` {status?, dueDate?}: the action register's write-back.
 * Only staff of that workshop (its owner, a co-facilitator, an administrator) may; the change goes
 * through the room, through the one validated write path (shared/doc/applyPlan), so everyone with
 * the workshop open sees it at once, and it is audited under the person's name.
 */
export async function changeAction(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawWorkshop, rawCard]: readonly string[]): Promise<void> {
  const visible = await deps.workshopsVisibleTo(request)
  if (!visible) return sendJson(response, 401, { error: 'Sign in to change actions', code: 'signInRequired' })
  const workshopId = decodeParam(rawWorkshop)
  const cardId = decodeParam(rawCard)
  if (workshopId === null || cardId === null || !(await deps.persistence.getWorkshop(workshopId))) {
    return sendJson(response, 404, { error: 'Workshop not found', code: 'workshopNotFound' })
  }
  if (!visible.workshopIds.includes(workshopId)) {
    return sendJson(response, 403, { error: 'Only the staff of this workshop can change its actions', code: 'notYourWorkshop' })
  }
  const body = await readJsonBody(request, response, CHANGE_BODY_LIMIT)
  if (!body.ok) return
  const parsed = v.safeParse(changeBody, body.value)
  if (!parsed.success || (parsed.output.status === undefined && parsed.output.dueDate === undefined)) {
    return sendJson(response, 400, { error: 'Send a status (open, inProgress, done) and/or a due date YYYY-MM-DD (empty for none)', code: 'badChange' })
  }
  const change: ActionChange = parsed.output
  const outcome = await deps.registry.withRoom(workshopId, async (room) => {
    const maps = getWorkshopMaps(room.doc)
    const map = maps.items.get(cardId)
    const read = map ? readItemMap(cardId, map) : null
    const plan = read?.ok ? planActionChange(read.value, change) : null
    if (!plan) return { status: 404, body: { error: 'That action is not in the workshop', code: 'actionNotFound' } } as const
    try {
      applyPlan(room.doc, plan.plan, registerOrigin)
    } catch (error) {
      if (error instanceof PlanRejectedError) return { status: 400, body: { error: error.message, code: 'invalid' } } as const
      throw error
    }
    await room.flush()
    return { status: 200, body: { workshopId, cardId, ...plan.after }, detail: plan.detail } as const
  })
  if (outcome.status === 200) {
    await recordAudit(deps.staff.storage, deps.log, {
      workshopId,
      action: 'actionChanged',
      actor: { kind: 'staff', id: visible.staffId, name: visible.name },
      detail: outcome.detail,
    })
  }
  sendJson(response, outcome.status, outcome.body)
}
