import type { IncomingMessage, ServerResponse } from 'node:http'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import * as v from 'valibot'
import {
  JOIN_FAILURE_WINDOW_SECONDS,
  JOIN_FAILURES_PER_WINDOW,
  normalizeJoinCode,
  type JoinResult,
  type WorkshopAccessInfo,
} from '../../shared/access'
import { linksFor } from '../access/AccessStore'
import type { Logger } from '../log'
import type { AccessRow, Persistence } from '../persistence/Persistence'
import { readBody, RequestBodyError, sendJson } from './httpResponses'
import { grantOf, type RequestContext } from './requestContext'

export const JOIN_PATH = '/api/join'
const ACCESS_PATH = /^\/api\/workshops\/([^/]+)\/access(?:\/(rotate|close-legacy))?\/?$/
const JOIN_BODY_LIMIT = 2 * 1024

export function isAccessPath(pathname: string): boolean {
  return pathname === JOIN_PATH || ACCESS_PATH.test(pathname)
}

const joinBody = v.union([
  v.strictObject({ code: v.pipe(v.string(), v.maxLength(40)) }),
  v.strictObject({ workshopId: v.pipe(v.string(), v.maxLength(64)), token: v.pipe(v.string(), v.maxLength(200)) }),
])

/**
 * Failed join attempts per client address. Only failures count: a town hall's three hundred phones
 * behind one address join freely, while guessing codes stops after a handful per minute.
 */
export function createJoinLimiter(): RateLimiterMemory {
  return new RateLimiterMemory({ points: JOIN_FAILURES_PER_WINDOW, duration: JOIN_FAILURE_WINDOW_SECONDS })
}

export interface AccessApiOptions {
  persistence: Persistence
  context: RequestContext
  joinLimiter: RateLimiterMemory
  log: Logger
}

/**
 * POST /api/join                                 { code } or { workshopId, token }: a participant's personal token
 * GET  /api/workshops/<id>/access                facilitator: code, links, join address (the join screen)
 * POST /api/workshops/<id>/access/rotate         facilitator: new participant link and code
 * POST /api/workshops/<id>/access/close-legacy   facilitator: the token-less old address stops working
 */
export async function handleAccessRequest(request: IncomingMessage, response: ServerResponse, pathname: string, options: AccessApiOptions): Promise<void> {
  if (pathname === JOIN_PATH) return join(request, response, options)
  const match = ACCESS_PATH.exec(pathname)
  if (!match) return sendJson(response, 404, { error: 'Not found' })
  let workshopId: string
  try {
    workshopId = decodeURIComponent(match[1]!)
  } catch {
    return sendJson(response, 404, { error: 'Workshop not found' })
  }
  const action = match[2]
  const expected = action ? 'POST' : 'GET'
  if (request.method !== expected && !(expected === 'GET' && request.method === 'HEAD')) {
    return sendJson(response, 405, { error: `Use ${expected} here` })
  }
  const found = await options.context.access.findWorkshop(workshopId)
  if (!found) return sendJson(response, 404, { error: 'Workshop not found' })
  let access = found.access
  const grant = grantOf(options.context, access, request)
  if (!grant) return sendJson(response, 401, { error: 'A facilitator link is needed for this' })
  if (grant.role !== 'facilitator') return sendJson(response, 403, { error: 'Only the facilitator can see or change the links' })
  if (action === 'rotate') {
    access = await options.context.access.rotateParticipantLink(access)
    options.log.info({ workshopId }, 'participant link and code rotated')
  } else if (action === 'close-legacy') {
    access = await options.context.access.closeLegacyAddress(access)
    options.log.info({ workshopId }, 'legacy address closed')
  }
  sendJson(response, 200, accessInfo(access, options.context.baseUrl(request)))
}

export function accessInfo(access: AccessRow, baseUrl: string): WorkshopAccessInfo & { legacyOpen: boolean } {
  return {
    id: access.workshopId,
    code: access.code,
    links: linksFor(access, baseUrl),
    joinUrl: `${baseUrl}/join`,
    joinCodeUrl: `${baseUrl}/join/${access.code}`,
    legacyOpen: access.legacyOpen,
  }
}

async function join(request: IncomingMessage, response: ServerResponse, options: AccessApiOptions): Promise<void> {
  if (request.method !== 'POST') return sendJson(response, 405, { error: 'Use POST to join a workshop' })
  const address = options.context.clientAddress(request)
  const limited = await options.joinLimiter.get(address)
  if (limited && limited.consumedPoints >= JOIN_FAILURES_PER_WINDOW) return tooMany(response, limited)

  let input: unknown
  try {
    const body = await readBody(request, JOIN_BODY_LIMIT)
    input = JSON.parse(body.toString('utf8'))
  } catch (error) {
    if (error instanceof RequestBodyError) return sendJson(response, error.status, { error: error.message })
    return sendJson(response, 400, { error: 'Request body must be JSON' })
  }
  const parsed = v.safeParse(joinBody, input)
  if (!parsed.success) return sendJson(response, 400, { error: 'Send { "code": "ABC 234" } or { "workshopId", "token" }' })

  let access: AccessRow | undefined
  let result: JoinResult | undefined
  if ('code' in parsed.output) {
    const code = normalizeJoinCode(parsed.output.code)
    access = code === null ? undefined : await options.context.access.findByCode(code)
  } else {
    const { workshopId, token } = parsed.output
    const found = await options.context.access.findWorkshop(workshopId)
    const grant = found ? options.context.access.resolve(found.access, token) : null
    if (found && grant) {
      // The participant link admits a new person; every other token is used as it is.
      if (grant.role === 'participant' && !token.includes('.')) access = found.access
      else result = { workshopId, role: grant.role, token, participantId: grant.participantId, title: found.workshop.title }
    }
  }
  if (result) return sendJson(response, 200, result)
  if (!access) {
    try {
      await options.joinLimiter.consume(address)
    } catch (rejected) {
      if (rejected instanceof RateLimiterRes) return tooMany(response, rejected)
      throw rejected
    }
    return 'code' in parsed.output
      ? sendJson(response, 404, { error: 'No workshop has that code. Check it on the big screen, or ask the facilitator.' })
      : sendJson(response, 403, { error: 'This link is not valid (any more); ask the facilitator for a new one' })
  }
  const workshop = await options.persistence.getWorkshop(access.workshopId)
  const { participantId, token } = options.context.access.issueParticipant(access)
  options.log.info({ workshopId: access.workshopId, participantId }, 'participant joined')
  const joined: JoinResult = { workshopId: access.workshopId, role: 'participant', token, participantId, title: workshop?.title ?? '' }
  sendJson(response, 200, joined)
}

function tooMany(response: ServerResponse, limited: RateLimiterRes): void {
  const seconds = Math.max(1, Math.ceil(limited.msBeforeNext / 1000))
  response.setHeader('retry-after', String(seconds))
  sendJson(response, 429, { error: `Too many wrong codes. Try again in ${seconds} seconds.`, retryAfterSeconds: seconds })
}
