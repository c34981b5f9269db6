import type { IncomingMessage, ServerResponse } from 'node:http'
import * as Y from 'yjs'
import { getWorkshopMaps, migrateWorkshop } from '../../shared/doc/workshopDoc'
import {
  challengeProgress,
  dotsOfSession,
  queryActions,
  readActionRows,
  type ActionQuery,
  type ActionRow,
  type ChallengeProgress,
} from '../../shared/followup/actionRegister'
import { isCalendarDay } from '../../shared/schema/calendarDay'
import { actionStatuses, type ActionStatus } from '../../shared/schema/records/card'
import { readSession } from '../../shared/schema/records/sessionHistory'
import { sustainabilityDimensions, type SustainabilityDimension } from '../../shared/schema/tags'
import { workshopSnapshot } from '../search/workshopSnapshot'
import type { HttpDeps } from './HttpDeps'
import { workshopPage } from './workshopPages'
import { sendJson } from './httpResponses'

export type RegisterView = 'all' | 'mine' | 'workshops' | 'overdue'
const views: readonly RegisterView[] = ['all', 'mine', 'workshops', 'overdue']

/**
 * `GET /api/actions?view=all|mine|workshops|overdue&status=open,inProgress&owner=&dueFrom=&dueTo=&sdg=&dimension=&today=YYYY-MM-DD&limit=&cursor=`:
 * the action register across the workshops the signed-in person may see (`deps.workshopsVisibleTo`):
 * the rows the query keeps and the progress of every challenge, from a page of `limit` workshops,
 * newest first (workshopPage.ts; `next` is the cursor of the next page, null after the last), so
 * one call reads at most that many documents; rows are sorted within their page. `today` is the
 * asker's own date (overdue is a matter of their calendar); the server's UTC date when it is left out.
 */
export async function listActions(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const visible = await deps.workshopsVisibleTo(request)
  if (!visible) return sendJson(response, 401, { error: 'Sign in to see the action register', code: 'signInRequired' })
  const params = new URL(request.url ?? '/', 'http://localhost').searchParams
  const parsed = parseRegisterQuery(params, visible)
  if (!parsed.ok) return sendJson(response, 400, { error: parsed.error, code: 'badQuery' })
  const paged = await workshopPage(deps, visible.workshopIds, params)
  if (!paged.ok) return sendJson(response, 400, { error: paged.error, code: 'badQuery' })
  const rows: ActionRow[] = []
  const progress: ChallengeProgress[] = []
  for (const { workshopId } of paged.page.workshops) {
    const read = await readWorkshop(deps, workshopId)
    if (!read) continue
    rows.push(...readActionRows(workshopId, read.snapshot, read.dots))
    progress.push(...challengeProgress(workshopId, read.snapshot, read.dots))
  }
  sendJson(response, 200, { today: parsed.today, actions: queryActions(rows, parsed.query, parsed.today), progress, next: paged.page.next })
}

type ParsedQuery = { ok: true; query: ActionQuery; today: string } | { ok: false; error: string }

/** The register's query from the address; every bad parameter is named. */
export function parseRegisterQuery(params: URLSearchParams, visible: { name: string; ownWorkshopIds: readonly string[] }): ParsedQuery {
  const today = params.get('today') ?? new Date().toISOString().slice(0, 10)
  if (!isCalendarDay(today)) return { ok: false, error: 'today must be a date YYYY-MM-DD' }
  const view = params.get('view') ?? 'all'
  if (!(views as readonly string[]).includes(view)) return { ok: false, error: `view must be one of ${views.join(', ')}` }
  const query: ActionQuery = {}
  if (view === 'mine') query.mine = visible.name
  if (view === 'workshops') query.workshopIds = new Set(visible.ownWorkshopIds)
  if (view === 'overdue') query.overdue = true
  const status = params.get('status')
  if (status !== null) {
    const list = status.split(',').filter((s) => s !== '')
    if (list.length === 0 || !list.every((s) => (actionStatuses as readonly string[]).includes(s))) {
      return { ok: false, error: `status must be a comma-separated list of ${actionStatuses.join(', ')}` }
    }
    query.statuses = list as ActionStatus[]
  }
  const owner = params.get('owner')
  if (owner !== null) {
    if (owner.length > 80) return { ok: false, error: 'owner is at most 80 characters' }
    query.owner = owner
  }
  for (const key of ['dueFrom', 'dueTo'] as const) {
    const value = params.get(key)
    if (value === null) continue
    if (!isCalendarDay(value)) return { ok: false, error: `${key} must be a date YYYY-MM-DD` }
    query[key] = value
  }
  const sdg = params.get('sdg')
  if (sdg !== null) {
    const n = Number(sdg)
    if (!/^\d{1,2}$/.test(sdg) || n < 1 || n > 17) return { ok: false, error: 'sdg must be a goal number from 1 to 17' }
    query.sdg = n
  }
  const dimension = params.get('dimension')
  if (dimension !== null) {
    if (!(sustainabilityDimensions as readonly string[]).includes(dimension)) {
      return { ok: false, error: `dimension must be one of ${sustainabilityDimensions.join(', ')}` }
    }
    query.dimension = dimension as SustainabilityDimension
  }
  return { ok: true, query, today }
}

/**
 * A workshop's records and dots: from its room when it is loaded here, else from storage (every
 * committed change is there, whichever instance made it), migrated like a room would. Null when
 * it is not stored or its document is newer than this server (logged).
 */
export async function readWorkshop(deps: HttpDeps, workshopId: string) {
  const room = deps.registry.rooms().find((r) => r.workshopId === workshopId)
  const doc = room?.doc ?? new Y.Doc()
  try {
    if (!room) {
      // A room that is unloading has left the registry but may still be committing its last edits.
      await deps.registry.unloaded(workshopId)
      if (!(await deps.persistence.getWorkshop(workshopId))) return null
      const stored = await deps.persistence.loadDocument(workshopId)
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
      migrateWorkshop(doc)
    }
    const snapshot = workshopSnapshot(doc)
    if (!snapshot) return null
    const { session } = readSession(getWorkshopMaps(doc).session.toJSON() as Record<string, unknown>)
    return { snapshot, dots: dotsOfSession(session) }
  } catch (error) {
    deps.log.warn({ err: error, workshopId }, 'action register: workshop not readable')
    return null
  } finally {
    if (!room) doc.destroy()
  }
}
