import type { StakeholderRegisterWorkshop } from '../../../../shared/followup/stakeholderRegister'
import { callJson, type ApiResult } from '../../staff/staffApi'

/**
 * The stakeholder register (`GET /api/stakeholders`, server/http/stakeholdersApi.ts): the
 * stakeholder maps of the workshops the signed-in person may see. Asked once per workshop page and
 * shared by the take-over dialog and the "taken over from" lines; `forget` after a take-over.
 */
const cache = new Map<string, Promise<ApiResult<StakeholderRegisterWorkshop[]>>>()

export function fetchStakeholderRegister(exceptWorkshopId: string): Promise<ApiResult<StakeholderRegisterWorkshop[]>> {
  let pending = cache.get(exceptWorkshopId)
  if (!pending) {
    pending = callJson<{ workshops: StakeholderRegisterWorkshop[] }>(`/api/stakeholders?except=${encodeURIComponent(exceptWorkshopId)}`).then((result) =>
      result.ok ? { ok: true as const, value: result.value.workshops } : result,
    )
    cache.set(exceptWorkshopId, pending)
    // A refusal or a dropped connection is asked again next time.
    void pending.then((result) => {
      if (!result.ok) cache.delete(exceptWorkshopId)
    })
  }
  return pending
}

export function forgetStakeholderRegister(): void {
  cache.clear()
}

/** The most stakeholder ids one call names (the server's TAKE_OVER_MAX_STAKEHOLDERS). */
const TAKE_OVER_MAX_STAKEHOLDERS = 1000

/**
 * Asks for the take-over's audit lines (`POST /api/workshops/<id>/stakeholders/taken-over`), one in
 * each workshop, after the plan was committed: the server writes them once it sees the named
 * stakeholders in this workshop with their origin in the other. The take-over stands whatever this
 * answers: the server logs a line it could not write, and a refusal here (signed out meanwhile)
 * changes nothing on the board.
 */
export function recordTakeOver(workshopId: string, fromWorkshopId: string, stakeholderIds: readonly string[]): Promise<ApiResult<{ recorded: boolean }>> {
  const body = { from: fromWorkshopId, stakeholderIds: stakeholderIds.slice(0, TAKE_OVER_MAX_STAKEHOLDERS) }
  return callJson(`/api/workshops/${encodeURIComponent(workshopId)}/stakeholders/taken-over`, { method: 'POST', body: JSON.stringify(body) })
}
