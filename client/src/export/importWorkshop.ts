import { rememberCreated } from '../access/workshopAccess'
import { retryAfter } from '../lib/retryAfter'
import { creationHeaders } from '../staff/createKey'

/** `POST /api/workshops/import`; failures come back as values with the server's message. */
export type ImportWorkshopResult =
  | { ok: true; id: string }
  | { ok: false; kind: 'notJson' }
  | { ok: false; kind: 'network' }
  /** This address has started its quota of imports for the hour (server/limits). */
  | { ok: false; kind: 'tooMany'; retryAfterSeconds: number }
  | { ok: false; kind: 'server'; message: string }

export async function importWorkshop(text: string): Promise<ImportWorkshopResult> {
  try {
    JSON.parse(text)
  } catch {
    return { ok: false, kind: 'notJson' }
  }
  let response: Response
  try {
    response = await fetch('/api/workshops/import', { method: 'POST', headers: { 'content-type': 'application/json', ...creationHeaders() }, body: text })
  } catch {
    return { ok: false, kind: 'network' }
  }
  const body = (await response.json().catch(() => null)) as { id?: unknown; token?: unknown; error?: unknown } | null
  if (response.status === 201 && typeof body?.id === 'string' && typeof body.token === 'string') {
    // Whoever imports a workshop runs it: keep its facilitator token like a newly created one's.
    rememberCreated({ id: body.id, token: body.token })
    return { ok: true, id: body.id }
  }
  if (response.status === 429) return { ok: false, kind: 'tooMany', retryAfterSeconds: retryAfter(body, response) }
  return { ok: false, kind: 'server', message: typeof body?.error === 'string' ? body.error : `HTTP ${response.status}` }
}
