import type { StaffMember, StaffWorkshop, WorkshopStaffInfo } from '../../../shared/staff'
import { authHeaders } from '../access/workshopAccess'

/** Calls of the staff API; failures come back as values (`status` 0: no network). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string | null }

export async function callJson<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } })
  } catch {
    return { ok: false, status: 0, message: null }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) return { ok: true, value: body as T }
  const error = (body as { error?: unknown } | null)?.error
  return { ok: false, status: response.status, message: typeof error === 'string' ? error : null }
}

export async function fetchMyWorkshops(): Promise<ApiResult<StaffWorkshop[]>> {
  const result = await callJson<{ workshops: StaffWorkshop[] }>('/api/me/workshops')
  return result.ok ? { ok: true, value: result.value.workshops } : result
}

export async function searchStaff(query: string): Promise<ApiResult<StaffMember[]>> {
  const result = await callJson<{ staff: StaffMember[] }>(`/api/staff?q=${encodeURIComponent(query)}`)
  return result.ok ? { ok: true, value: result.value.staff } : result
}

export function fetchWorkshopStaff(workshopId: string): Promise<ApiResult<WorkshopStaffInfo>> {
  return callJson<WorkshopStaffInfo>(`/api/workshops/${workshopId}/staff`, { headers: authHeaders(workshopId) })
}

export type StaffChange = { action: 'add' | 'remove' | 'transfer'; staffId: string } | { action: 'claim' | 'keep' }

export function changeWorkshopStaff(workshopId: string, change: StaffChange): Promise<ApiResult<WorkshopStaffInfo>> {
  return callJson<WorkshopStaffInfo>(`/api/workshops/${workshopId}/staff`, { method: 'POST', headers: authHeaders(workshopId), body: JSON.stringify(change) })
}
