import type { IncomingMessage, ServerResponse } from 'node:http'
import * as v from 'valibot'
import type { AdminWorkshopRow } from '../../shared/staff'
import { isSafeMethod, isSameOrigin } from '../auth/sameOrigin'
import { decodeParam, type HttpDeps } from '../http/HttpDeps'
import { readJsonBody, sendJson } from '../http/httpResponses'
import type { StaffRow } from '../staff/StaffStorage'

/*
 * The administrator's API (the /admin page): 401 without a signed-in staff member, 403 for anyone
 * who is not an administrator (OIDC_ADMIN_GROUP, ADMIN_EMAILS, ADMIN_SUBS).
 *   GET  /api/admin/workshops[?format=csv|json]   every workshop; with format, as a download
 *   POST /api/admin/workshops/<id>/delete         deletes it and everything stored of it
 *   POST /api/admin/workshops/<id>/transfer       { staffId }: a new owner
 */

async function administrator(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<StaffRow | null> {
  if (!isSafeMethod(request) && !isSameOrigin(request, deps.requests)) {
    sendJson(response, 403, { error: 'Administration is done from Samskap’s own pages' })
    return null
  }
  const staff = await deps.staff.staffOf(request)
  if (!staff) {
    sendJson(response, 401, { error: deps.staff.oidc ? 'Sign in as an administrator' : 'Administration needs sign-in (OIDC_ISSUER)' })
    return null
  }
  if (!staff.isAdmin) {
    sendJson(response, 403, { error: 'Only administrators may see this' })
    return null
  }
  return staff
}

export async function listWorkshops(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  if (!(await administrator(request, response, deps))) return
  const workshops = await deps.admin.list()
  const format = new URL(request.url ?? '/', 'http://localhost').searchParams.get('format')
  const stamp = new Date().toISOString().slice(0, 10)
  if (format === 'csv') {
    const text = workshopsCsv(workshops)
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="samskap-workshops-${stamp}.csv"`,
      'cache-control': 'no-store',
    })
    return void response.end(text)
  }
  if (format === 'json') response.setHeader('content-disposition', `attachment; filename="samskap-workshops-${stamp}.json"`)
  sendJson(response, 200, { workshops })
}

export async function deleteWorkshop(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawId]: readonly string[]): Promise<void> {
  const admin = await administrator(request, response, deps)
  if (!admin) return
  const workshopId = decodeParam(rawId)
  if (workshopId === null || !(await deps.admin.delete(workshopId))) return sendJson(response, 404, { error: 'Workshop not found' })
  deps.log.info({ workshopId, by: admin.id }, 'workshop deleted by an administrator')
  sendJson(response, 200, { deleted: workshopId })
}

const transferBody = v.strictObject({ staffId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)) })

export async function transferWorkshop(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawId]: readonly string[]): Promise<void> {
  const admin = await administrator(request, response, deps)
  if (!admin) return
  const workshopId = decodeParam(rawId)
  const workshop = workshopId === null ? undefined : await deps.persistence.getWorkshop(workshopId)
  if (!workshop || workshopId === null) return sendJson(response, 404, { error: 'Workshop not found' })
  const body = await readJsonBody(request, response, 1024)
  if (!body.ok) return
  const parsed = v.safeParse(transferBody, body.value)
  if (!parsed.success) return sendJson(response, 400, { error: 'Send { "staffId" }' })
  const target = await deps.staff.storage.getStaff(parsed.output.staffId)
  if (!target) return sendJson(response, 404, { error: 'No staff member has that id; they must have signed in once' })
  await deps.staff.storage.transferOwnership(workshopId, target.id, Date.now())
  deps.log.info({ workshopId, to: target.id, by: admin.id }, 'workshop transferred by an administrator')
  sendJson(response, 200, { workshopId, owner: { id: target.id, name: target.name, email: target.email } })
}

const CSV_COLUMNS = ['id', 'title', 'owner', 'owner_email', 'created', 'last_activity', 'participants', 'document_bytes', 'history_bytes', 'photo_bytes', 'deletes_at']

/** The overview as CSV (RFC 4180); cells that a spreadsheet would run as a formula are quoted with a leading '. */
export function workshopsCsv(rows: readonly AdminWorkshopRow[]): string {
  const date = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString())
  const lines = rows.map((row) =>
    [
      row.id,
      row.title,
      row.owner?.name ?? '',
      row.owner?.email ?? '',
      date(row.createdAt),
      date(row.lastActivityAt),
      row.participants,
      row.size.document,
      row.size.history,
      row.size.photos,
      date(row.deletesAt),
    ]
      .map(csvCell)
      .join(','),
  )
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n'
}

function csvCell(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
