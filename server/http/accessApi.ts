import type { IncomingMessage, ServerResponse } from 'node:http'
import * as v from 'valibot'
import { JOIN_DEVICE_HEADER, normalizeJoinCode, type AccessRefusal, type JoinResult, type WorkshopAccessInfo } from '../../shared/access'
import { linksFor, type WorkshopAccess } from '../access/AccessStore'
import { deviceOf } from '../limits/JoinThrottle'
import { decodeParam, type HttpDeps } from './HttpDeps'
import { readJsonBody, sendJson } from './httpResponses'
import { grantOf, sendRefusal } from './requestContext'

const JOIN_BODY_LIMIT = 2 * 1024

const joinBody = v.union([
  v.strictObject({ code: v.pipe(v.string(), v.maxLength(40)) }),
  v.strictObject({ workshopId: v.pipe(v.string(), v.maxLength(64)), token: v.pipe(v.string(), v.maxLength(200)) }),
])

/**
 * The facilitator's view of a workshop's access, and what they may change:
 *   GET  /api/workshops/<id>/access                code, links, join address (the join screen)
 *   POST /api/workshops/<id>/access/rotate         new participant link and code
 *   POST /api/workshops/<id>/access/close-legacy   the token-less old address stops working
 */
export function getAccess(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [id]: readonly string[]): Promise<void> {
  return answerAccess(request, response, deps, id, null)
}

export function rotateAccess(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [id]: readonly string[]): Promise<void> {
  return answerAccess(request, response, deps, id, 'rotate')
}

export function closeLegacyAccess(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [id]: readonly string[]): Promise<void> {
  return answerAccess(request, response, deps, id, 'close-legacy')
}

async function answerAccess(
  request: IncomingMessage,
  response: ServerResponse,
  deps: HttpDeps,
  rawId: string | undefined,
  action: 'rotate' | 'close-legacy' | null,
): Promise<void> {
  const workshopId = decodeParam(rawId)
  const found = workshopId === null ? undefined : await deps.access.findWorkshop(workshopId)
  if (!found) return sendJson(response, 404, { error: 'Workshop not found' })
  let access = found.access
  const { grant, refusal } = await grantOf(deps, access, request)
  if (!grant) return sendRefusal(response, refusal, 'A facilitator link is needed for this')
  if (grant.role !== 'facilitator') return sendJson(response, 403, { error: 'Only the facilitator can see or change the links' })
  if (action === 'rotate') {
    access = await deps.access.rotateParticipantLink(access)
    deps.log.info({ workshopId }, 'participant link and code rotated')
  } else if (action === 'close-legacy') {
    access = await deps.access.closeLegacyAddress(access)
    deps.log.info({ workshopId }, 'legacy address closed')
  }
  sendJson(response, 200, accessInfo(access, deps.requests.baseUrl(request)))
}

export function accessInfo(access: WorkshopAccess, baseUrl: string): WorkshopAccessInfo & { legacyOpen: boolean } {
  return {
    id: access.workshopId,
    code: access.code,
    links: linksFor(access, baseUrl),
    joinUrl: `${baseUrl}/join`,
    joinCodeUrl: `${baseUrl}/join/${access.code}`,
    legacyOpen: access.legacyOpen,
  }
}

/** `POST /api/join` { code } or { workshopId, token }: a participant's personal token, or what a link's token is. */
export async function join(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const { access: accessStore, joinThrottle } = deps
  const address = deps.requests.clientAddress(request)
  const device = deviceOf(request.headers[JOIN_DEVICE_HEADER])
  const blocked = await joinThrottle.blocked(address, device)
  if (blocked) {
    deps.metrics.limitsHit.inc({ limit: blocked.limit === 'device' ? 'join_failures_device' : 'join_failures_address' })
    return tooMany(response, blocked.retryAfterMs)
  }

  const body = await readJsonBody(request, response, JOIN_BODY_LIMIT)
  if (!body.ok) return
  const parsed = v.safeParse(joinBody, body.value)
  if (!parsed.success) return sendJson(response, 400, { error: 'Send { "code": "ABC 234" } or { "workshopId", "token" }' })

  let access: WorkshopAccess | undefined
  let result: JoinResult | undefined
  let refusal: AccessRefusal = 'invalidLink'
  if ('code' in parsed.output) {
    const code = normalizeJoinCode(parsed.output.code)
    access = code === null ? undefined : await accessStore.findByCode(code)
  } else {
    const { workshopId, token } = parsed.output
    const found = await accessStore.findWorkshop(workshopId)
    const grant = found ? accessStore.resolve(found.access, token) : null
    if (found && grant) {
      // The participant link admits a new person; every other token is used as it is.
      if (grant.role === 'participant' && !token.includes('.')) access = found.access
      else result = { workshopId, role: grant.role, token, participantId: grant.participantId, title: found.workshop.title }
    } else if (found) refusal = accessStore.whyRefused(found.access, token)
  }
  if (result) return sendJson(response, 200, result)
  if (!access) {
    await joinThrottle.failed(address, device)
    return 'code' in parsed.output
      ? sendJson(response, 404, { error: 'No workshop has that code. Check it on the big screen, or ask the facilitator.' })
      : sendRefusal(response, refusal, 'Send the token of a link')
  }
  const workshop = await deps.persistence.getWorkshop(access.workshopId)
  const { participantId, token } = accessStore.issueParticipant(access)
  await deps.staff.storage.countParticipant(access.workshopId)
  deps.log.info({ workshopId: access.workshopId, participantId }, 'participant joined')
  const joined: JoinResult = { workshopId: access.workshopId, role: 'participant', token, participantId, title: workshop?.title ?? '' }
  sendJson(response, 200, joined)
}

function tooMany(response: ServerResponse, retryAfterMs: number): void {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  response.setHeader('retry-after', String(seconds))
  sendJson(response, 429, { error: `Too many wrong codes. Try again in ${seconds} seconds.`, retryAfterSeconds: seconds })
}
