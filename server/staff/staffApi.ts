import type { IncomingMessage, ServerResponse } from 'node:http'
import * as v from 'valibot'
import { STAFF_SEARCH_LIMIT, type AuditAction, type StaffMember, type StaffWorkshop, type WorkshopStaffInfo } from '../../shared/staff'
import { staffMember } from '../admin/AdminOverview'
import { decodeParam, type HttpDeps } from '../http/HttpDeps'
import { readJsonBody, sendJson } from '../http/httpResponses'
import { grantOf, sendRefusal } from '../http/requestContext'
import { auditActor, recordAudit } from './auditLog'
import type { StaffRow } from './StaffStorage'

/*
 * Workshops belong to someone (docs/facilitation.md, "Staff"):
 *   GET  /api/me/workshops          the signed-in person's workshops (owned and co-facilitated)
 *   GET  /api/staff?q=              staff who have signed in, by name or e-mail (for the pickers)
 *   GET  /api/workshops/<id>/staff  owner and co-facilitators (any facilitator of the workshop)
 *   POST /api/workshops/<id>/staff  { action: 'add' | 'remove' | 'transfer', staffId } by the owner
 *                                   or an administrator; { action: 'claim' } by a signed-in
 *                                   facilitator of a workshop nobody owns; { action: 'keep' }: retention
 *                                   counts from now (the owner, an administrator, or any facilitator
 *                                   of a workshop nobody owns)
 */

const STAFF_BODY_LIMIT = 1024

/** The audit line each change of who runs a workshop writes. */
const auditActionOf = { add: 'cofacilitatorAdded', remove: 'cofacilitatorRemoved', transfer: 'transferred' } as const satisfies Record<string, AuditAction>

const staffBody = v.variant('action', [
  v.strictObject({ action: v.picklist(['add', 'remove', 'transfer']), staffId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)) }),
  v.strictObject({ action: v.literal('claim') }),
  v.strictObject({ action: v.literal('keep') }),
])

export async function myWorkshops(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const staff = await deps.staff.staffOf(request)
  if (!staff) return sendJson(response, 401, { error: 'Sign in to see your workshops' })
  const workshops: StaffWorkshop[] = await deps.staff.storage.workshopsOf(staff.id)
  sendJson(response, 200, { workshops })
}

export async function searchStaff(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const staff = await deps.staff.staffOf(request)
  if (!staff) return sendJson(response, 401, { error: 'Sign in to look up colleagues' })
  const query = (new URL(request.url ?? '/', 'http://localhost').searchParams.get('q') ?? '').trim().slice(0, 100)
  if (query.length < 2) return sendJson(response, 200, { staff: [] })
  const found: StaffMember[] = (await deps.staff.storage.searchStaff(query, STAFF_SEARCH_LIMIT)).map(staffMember)
  sendJson(response, 200, { staff: found })
}

export async function workshopStaff(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [rawId]: readonly string[]): Promise<void> {
  const workshopId = decodeParam(rawId)
  const found = workshopId === null ? undefined : await deps.access.findWorkshop(workshopId)
  if (!found || workshopId === null) return sendJson(response, 404, { error: 'Workshop not found' })
  const { grant, refusal } = await grantOf(deps, found.access, request)
  if (!grant) return sendRefusal(response, refusal, 'A facilitator link or sign-in is needed for this')
  if (grant.role !== 'facilitator') return sendJson(response, 403, { error: 'Only facilitators see who runs the workshop' })
  const staff = await deps.staff.staffOf(request)

  if (request.method === 'POST') {
    const body = await readJsonBody(request, response, STAFF_BODY_LIMIT)
    if (!body.ok) return
    const parsed = v.safeParse(staffBody, body.value)
    if (!parsed.success) return sendJson(response, 400, { error: 'Send { "action": "add" | "remove" | "transfer", "staffId" } or { "action": "claim" | "keep" }' })
    const owner = (await deps.staff.storage.listWorkshopStaff(workshopId)).find((row) => row.role === 'owner')
    const input = parsed.output
    if (input.action === 'keep') {
      if (!deps.retention.enabled) return sendJson(response, 409, { error: 'This server keeps workshops until someone deletes them' })
      if (!mayKeep(staff, owner?.staffId ?? null)) return sendJson(response, staff ? 403 : 401, { error: 'Only the owner can keep this workshop longer' })
      await deps.staff.storage.keepWorkshop(workshopId, deps.retention.now())
      deps.log.info({ workshopId, by: staff?.id ?? 'facilitator link' }, 'workshop kept longer')
      await recordAudit(deps.staff.storage, deps.log, { workshopId, action: 'kept', actor: auditActor(staff) })
      return sendJson(response, 200, await staffInfo(deps, workshopId, staff))
    }
    if (!staff) return sendJson(response, 401, { error: 'Sign in to change who runs a workshop' })
    if (input.action === 'claim') {
      if (owner) return sendJson(response, 409, { error: 'This workshop has an owner already' })
      await deps.staff.storage.transferOwnership(workshopId, staff.id, Date.now())
      deps.log.info({ workshopId, staffId: staff.id }, 'workshop claimed')
      await recordAudit(deps.staff.storage, deps.log, { workshopId, action: 'transferred', actor: auditActor(staff), detail: staff.name })
    } else {
      if (owner?.staffId !== staff.id && !staff.isAdmin) return sendJson(response, 403, { error: 'Only the owner can change who runs the workshop' })
      const target = await deps.staff.storage.getStaff(input.staffId)
      if (!target) return sendJson(response, 404, { error: 'No staff member has that id; they must have signed in once' })
      const error = await changeStaff(deps, workshopId, input.action, target, owner?.staffId ?? null)
      if (error) return sendJson(response, 409, { error })
      deps.log.info({ workshopId, action: input.action, target: target.id, by: staff.id }, 'workshop staff changed')
      // Who did it (the actor) and whom it concerned (their name as it is now).
      await recordAudit(deps.staff.storage, deps.log, { workshopId, action: auditActionOf[input.action], actor: auditActor(staff), detail: target.name })
    }
  }
  sendJson(response, 200, await staffInfo(deps, workshopId, staff))
}

async function changeStaff(deps: HttpDeps, workshopId: string, action: 'add' | 'remove' | 'transfer', target: StaffRow, ownerId: string | null): Promise<string | null> {
  const storage = deps.staff.storage
  if (action === 'add') {
    if (target.id === ownerId) return 'The owner runs the workshop already'
    await storage.addCofacilitator(workshopId, target.id, Date.now())
  } else if (action === 'remove') {
    if (target.id === ownerId) return 'The owner cannot be removed; transfer the workshop first'
    await storage.removeCofacilitator(workshopId, target.id)
  } else {
    await storage.transferOwnership(workshopId, target.id, Date.now())
  }
  return null
}

/** Keeping a workshop longer: its owner or an administrator; any facilitator when nobody owns it (the embedded mode). */
function mayKeep(asking: StaffRow | null, ownerId: string | null): boolean {
  return ownerId === null || (asking !== null && (asking.isAdmin || asking.id === ownerId))
}

export async function staffInfo(deps: HttpDeps, workshopId: string, asking: StaffRow | null): Promise<WorkshopStaffInfo> {
  const rows = await deps.staff.storage.listWorkshopStaff(workshopId)
  const workshop = await deps.persistence.getWorkshop(workshopId)
  const activity = await deps.staff.storage.getActivity(workshopId)
  const people = new Map((await deps.staff.storage.getStaffMany(rows.map((row) => row.staffId))).map((s) => [s.id, s]))
  const ownerRow = rows.find((row) => row.role === 'owner')
  const owner = ownerRow ? people.get(ownerRow.staffId) : undefined
  return {
    owner: owner ? staffMember(owner) : null,
    cofacilitators: rows.flatMap((row) => {
      const person = row.role === 'cofacilitator' ? people.get(row.staffId) : undefined
      return person ? [staffMember(person)] : []
    }),
    canManage: asking !== null && (asking.isAdmin || ownerRow?.staffId === asking.id),
    retention: {
      deletesAt: deps.retention.deletesAt({ createdAt: workshop?.createdAt ?? 0, lastActivityAt: activity?.lastActivityAt ?? null, keptAt: activity?.keptAt ?? null }),
      days: deps.retention.days,
      canKeep: deps.retention.enabled && mayKeep(asking, ownerRow?.staffId ?? null),
    },
  }
}
