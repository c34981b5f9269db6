import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AuditEntry } from '../../shared/staff'
import { decodeParam, type HttpDeps } from '../http/HttpDeps'
import { sendJson } from '../http/httpResponses'
import { AUDIT_READ_LIMIT } from './auditLog'

/*
 * GET /api/workshops/<id>/audit   the workshop's audit log, newest first: for its owner and for
 *                                 administrators (401 signed out, 403 anyone else, co-facilitators
 *                                 and link holders included: the log names the people who ran it)
 */
export async function workshopAudit(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawId]: readonly string[]): Promise<void> {
  const staff = await deps.staff.staffOf(request)
  if (!staff) return sendJson(response, 401, { error: deps.staff.oidc ? 'Sign in as the owner to see the audit log' : 'The audit log needs sign-in (OIDC_ISSUER)' })
  const workshopId = decodeParam(rawId)
  const workshop = workshopId === null ? undefined : await deps.persistence.getWorkshop(workshopId)
  if (!workshop || workshopId === null) return sendJson(response, 404, { error: 'Workshop not found' })
  if (!staff.isAdmin && (await deps.staff.storage.staffRole(workshopId, staff.id)) !== 'owner') {
    return sendJson(response, 403, { error: 'Only the owner and administrators see the audit log' })
  }
  const entries: AuditEntry[] = await deps.staff.storage.auditOf(workshopId, AUDIT_READ_LIMIT)
  sendJson(response, 200, { entries })
}
