import type { ActionRow, ChallengeProgress } from '../../../shared/followup/actionRegister'
import type { SearchEntryKind } from '../../../shared/followup/searchEntries'
import type { ActionStatus } from '../../../shared/schema/records/card'
import type { SustainabilityDimension } from '../../../shared/schema/tags'
import { callJson, type ApiResult } from '../staff/staffApi'

/** What the register shows: one of the views and the filters (shared/followup/actionRegister.ts, `ActionQuery`). */
export interface RegisterFilters {
  view: 'all' | 'mine' | 'workshops' | 'overdue'
  status: ActionStatus | ''
  owner: string
  dueFrom: string
  dueTo: string
  sdg: string
  dimension: SustainabilityDimension | ''
}

export const noFilters: RegisterFilters = { view: 'all', status: '', owner: '', dueFrom: '', dueTo: '', sdg: '', dimension: '' }

/** One page of the register: the actions and progress of a page of workshops, newest first. */
export interface Register {
  today: string
  actions: ActionRow[]
  progress: ChallengeProgress[]
  /** The cursor of the next page of workshops; null after the last. */
  next: string | null
}

/** The query string of `GET /api/actions` for the filters, with the asker's own date as today. */
export function registerQuery(filters: RegisterFilters, today: string): string {
  const params = new URLSearchParams({ view: filters.view, today })
  if (filters.status) params.set('status', filters.status)
  if (filters.owner.trim()) params.set('owner', filters.owner.trim())
  if (filters.dueFrom) params.set('dueFrom', filters.dueFrom)
  if (filters.dueTo) params.set('dueTo', filters.dueTo)
  if (filters.sdg) params.set('sdg', filters.sdg)
  if (filters.dimension) params.set('dimension', filters.dimension)
  return params.toString()
}

/** A page of the register: the first, or the one `cursor` (an earlier page's `next`) starts. */
export function fetchRegister(filters: RegisterFilters, today: string, cursor: string | null = null): Promise<ApiResult<Register>> {
  const page = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
  return callJson<Register>(`/api/actions?${registerQuery(filters, today)}${page}`)
}

/** A refusal's code (`signInRequired`, `notYourWorkshop`, …) comes back as the message: the page explains it. */
export async function changeAction(workshopId: string, cardId: string, change: { status?: ActionStatus; dueDate?: string }): Promise<ApiResult<{ status: ActionStatus; dueDate: string }>> {
  let response: Response
  try {
    response = await fetch(`/api/actions/${encodeURIComponent(workshopId)}/${encodeURIComponent(cardId)}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(change),
    })
  } catch {
    return { ok: false, status: 0, message: null }
  }
  const body = (await response.json().catch(() => null)) as { code?: unknown; status?: ActionStatus; dueDate?: string } | null
  if (response.ok && body?.status) return { ok: true, value: { status: body.status, dueDate: body.dueDate ?? '' } }
  return { ok: false, status: response.status, message: typeof body?.code === 'string' ? body.code : null }
}

export interface SearchResult {
  workshopId: string
  workshopTitle: string
  /** When the workshop was created (ms), for telling last spring's meeting from this week's. */
  workshopCreatedAt: number | null
  boardId: string
  recordId: string
  kind: SearchEntryKind
  title: string
  snippet: string
  href: string
}

export async function searchBank(query: string): Promise<ApiResult<SearchResult[]>> {
  const result = await callJson<{ results: SearchResult[] }>(`/api/search?q=${encodeURIComponent(query)}&limit=100`)
  return result.ok ? { ok: true, value: result.value.results } : result
}

/** Today in the person's own calendar, as `YYYY-MM-DD` (overdue is a matter of their day, not UTC's). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
