import type { StakeholderRegisterWorkshop } from '../../../../shared/followup/stakeholderRegister'
import { callJson, type ApiResult } from '../../staff/staffApi'

/** A page of the register: a page of workshops, newest first, and the cursor of the next (null after the last). */
export interface StakeholderRegisterPage {
  workshops: StakeholderRegisterWorkshop[]
  next: string | null
}

/**
 * The stakeholder register (`GET /api/stakeholders`, server/http/stakeholdersApi.ts): the
 * stakeholder maps of the workshops the signed-in person may see, a page of workshops at a time.
 * Each page is asked once per workshop page and shared (the take-over dialog, the "taken over
 * from" lines); `forget` after a take-over.
 */
const cache = new Map<string, Promise<ApiResult<StakeholderRegisterPage>>>()

function cached(key: string, url: string): Promise<ApiResult<StakeholderRegisterPage>> {
  let pending = cache.get(key)
  if (!pending) {
    pending = callJson<StakeholderRegisterPage>(url)
    cache.set(key, pending)
    // A refusal or a dropped connection is asked again next time.
    void pending.then((result) => {
      if (!result.ok) cache.delete(key)
    })
  }
  return pending
}

/** The first page of the register without this workshop, or the page `cursor` (an earlier page's `next`) starts. */
export function fetchStakeholderRegister(exceptWorkshopId: string, cursor: string | null = null): Promise<ApiResult<StakeholderRegisterPage>> {
  const page = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
  return cached(`except:${exceptWorkshopId}:${cursor ?? ''}`, `/api/stakeholders?except=${encodeURIComponent(exceptWorkshopId)}${page}`)
}

/** One workshop's stakeholder map, when the person may see it (`only=`): where a taken-over stakeholder came from. */
export async function fetchStakeholderOrigin(workshopId: string): Promise<ApiResult<StakeholderRegisterWorkshop | null>> {
  const result = await cached(`only:${workshopId}`, `/api/stakeholders?only=${encodeURIComponent(workshopId)}`)
  return result.ok ? { ok: true, value: result.value.workshops.find((w) => w.workshopId === workshopId) ?? null } : result
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
