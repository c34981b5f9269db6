import type { AuditAction, AuditActor } from '../../shared/staff'
import type { Grant } from '../access/AccessStore'
import type { Logger } from '../log'
import type { StaffRow, StaffStorage } from './StaffStorage'

/** The most lines `GET /api/workshops/<id>/audit` answers (newest first). */
export const AUDIT_READ_LIMIT = 500
/** A detail is a name or an id, never content: longer ones are cut. */
const DETAIL_MAX = 200

/** Who a request acts as: the signed-in staff member, or else whoever holds the facilitator link. */
export function auditActor(staff: Pick<StaffRow, 'id' | 'name'> | null | undefined): AuditActor {
  return staff ? { kind: 'staff', id: staff.id, name: staff.name } : { kind: 'link' }
}

/** Who sent a command over a socket: the staff member the grant came from, or the facilitator link. */
export function grantActor(grant: Grant): AuditActor {
  return auditActor(grant.staff)
}

/**
 * Writes one audit line after the action it records has happened. A failed write is logged, not
 * thrown: the action stands (it is stored already), and the log says the line is missing.
 */
export async function recordAudit(
  storage: Pick<StaffStorage, 'appendAudit'>,
  log: Logger,
  entry: { workshopId: string; action: AuditAction; actor: AuditActor; detail?: string; at?: number },
): Promise<void> {
  try {
    await storage.appendAudit({
      workshopId: entry.workshopId,
      at: entry.at ?? Date.now(),
      action: entry.action,
      actor: entry.actor,
      detail: (entry.detail ?? '').slice(0, DETAIL_MAX),
    })
  } catch (error) {
    log.error({ err: error, workshopId: entry.workshopId, action: entry.action }, 'could not write an audit line')
  }
}
