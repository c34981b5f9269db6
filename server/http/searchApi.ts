import type { IncomingMessage, ServerResponse } from 'node:http'
import { searchTerms } from '../search/SearchIndex'
import type { HttpDeps } from './HttpDeps'
import { sendJson } from './httpResponses'

export const SEARCH_LIMIT_DEFAULT = 20
export const SEARCH_LIMIT_MAX = 100
const QUERY_MAX = 200

/**
 * `GET /api/search?q=<words>&limit=<n>`: the knowledge bank. Searches the workshops the signed-in
 * person may see (`deps.workshopsVisibleTo`), best match first; each result names the workshop,
 * board and record, with a link that opens the board.
 */
export async function search(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  if (!deps.searchIndex) return sendJson(response, 501, { error: 'Search is not available with this storage', code: 'searchUnavailable' })
  const visible = await deps.workshopsVisibleTo(request)
  if (!visible) return sendJson(response, 401, { error: 'Sign in to search across workshops', code: 'signInRequired' })
  const params = new URL(request.url ?? '/', 'http://localhost').searchParams
  const text = params.get('q') ?? ''
  if (text.length > QUERY_MAX) return sendJson(response, 400, { error: `A search is at most ${QUERY_MAX} characters`, code: 'queryTooLong' })
  const terms = searchTerms(text)
  if (terms.length === 0) return sendJson(response, 400, { error: 'Type at least one word to search for', code: 'emptyQuery' })
  const rawLimit = params.get('limit')
  const limit = rawLimit === null ? SEARCH_LIMIT_DEFAULT : Number(rawLimit)
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX) {
    return sendJson(response, 400, { error: `limit must be a whole number from 1 to ${SEARCH_LIMIT_MAX}`, code: 'badLimit' })
  }
  const hits = await deps.searchIndex.search({ terms, workshopIds: visible.workshopIds, limit })
  // When each workshop was held, so last spring's meeting is told from this week's (one read per workshop found).
  const createdAt = new Map<string, number | null>()
  for (const workshopId of new Set(hits.map((hit) => hit.workshopId))) {
    createdAt.set(workshopId, (await deps.persistence.getWorkshop(workshopId))?.createdAt ?? null)
  }
  sendJson(response, 200, {
    terms,
    results: hits.map((hit) => ({
      ...hit,
      workshopCreatedAt: createdAt.get(hit.workshopId) ?? null,
      href: hit.boardId
        ? `/w/${encodeURIComponent(hit.workshopId)}?board=${encodeURIComponent(hit.boardId)}&item=${encodeURIComponent(hit.recordId)}`
        : `/w/${encodeURIComponent(hit.workshopId)}`,
    })),
  })
}
