import { WORKSHOP_ID_PATTERN } from '../../shared/protocol'
import type { HttpDeps } from './HttpDeps'

/** Workshops read per call of a register across workshops when `limit` is left out, and the most one call may ask for. */
export const WORKSHOP_PAGE_DEFAULT = 20
export const WORKSHOP_PAGE_MAX = 100

export interface WorkshopPage {
  /** The workshops of this page, newest first (ties by id), with when they were created. */
  workshops: { workshopId: string; createdAt: number }[]
  /** Where the next page starts (`cursor=`), or null after the last. */
  next: string | null
}

/**
 * One page of the workshops a person may see, for the registers across workshops
 * (`/api/stakeholders`, `/api/actions`), so that one call reads at most `limit` workshop documents
 * however many workshops there are. `limit` (1–100, default 20) and `cursor` (the `next` of the
 * page before: the creation time and id of its last workshop, so a workshop made or deleted
 * meanwhile shifts nothing) come from the address; every bad one is named.
 */
export async function workshopPage(
  deps: Pick<HttpDeps, 'persistence'>,
  workshopIds: readonly string[],
  params: URLSearchParams,
  except: string | null = null,
): Promise<{ ok: true; page: WorkshopPage } | { ok: false; error: string }> {
  const rawLimit = params.get('limit')
  const limit = rawLimit === null ? WORKSHOP_PAGE_DEFAULT : Number(rawLimit)
  if (!/^\d{1,3}$/.test(rawLimit ?? '1') || limit < 1 || limit > WORKSHOP_PAGE_MAX) return { ok: false, error: `limit must be a whole number from 1 to ${WORKSHOP_PAGE_MAX}` }
  const rawCursor = params.get('cursor')
  let after: { createdAt: number; workshopId: string } | null = null
  if (rawCursor !== null) {
    const dot = rawCursor.indexOf('.')
    const createdAt = Number(rawCursor.slice(0, dot))
    const workshopId = rawCursor.slice(dot + 1)
    if (dot < 1 || !/^\d{1,15}$/.test(rawCursor.slice(0, dot)) || !WORKSHOP_ID_PATTERN.test(workshopId)) return { ok: false, error: 'cursor must be the next of an earlier page' }
    after = { createdAt, workshopId }
  }
  // One read: on PostgreSQL a lookup per visible workshop was a round trip each.
  const ids = [...new Set(workshopIds)].filter((workshopId) => workshopId !== except)
  const known = (await deps.persistence.getWorkshops(ids)).map((row) => ({ workshopId: row.id, createdAt: row.createdAt }))
  known.sort(newestFirst)
  const rest = after ? known.filter((w) => newestFirst(w, after) > 0) : known
  const workshops = rest.slice(0, limit)
  const last = workshops.at(-1)
  return { ok: true, page: { workshops, next: rest.length > limit && last ? `${last.createdAt}.${last.workshopId}` : null } }
}

function newestFirst(a: { createdAt: number; workshopId: string }, b: { createdAt: number; workshopId: string }): number {
  return b.createdAt - a.createdAt || (a.workshopId < b.workshopId ? -1 : a.workshopId > b.workshopId ? 1 : 0)
}
