import type { StarterKit } from '../../../shared/logic/templates'
import { retryAfter } from '../lib/retryAfter'
import { creationHeaders } from '../staff/createKey'

/** Calls to the Samskap server's HTTP API. Expected failures come back as values, not throws. */
export type CreateWorkshopResult =
  | { ok: true; id: string; url: string; token: string }
  | { ok: false; kind: 'network' }
  /** This address has created its quota of workshops for the hour (server/limits). */
  | { ok: false; kind: 'tooMany'; retryAfterSeconds: number }
  | { ok: false; kind: 'server'; status: number; message: string | null; code?: string }

export interface NewWorkshop {
  title: string
  language: string
  boardTitle: string
  /** A template of one's own to start from (signed-in staff; client/src/templates). */
  templateId?: string
  /** Or a built-in kit (shared/logic/templates.ts), its boards titled in the person's language. */
  kit?: StarterKit
  kitTitles?: { stakeholderMap: string; involvementMatrix: string; challengeBoard: string }
}

export async function createWorkshop(input: NewWorkshop, signal?: AbortSignal): Promise<CreateWorkshopResult> {
  let response: Response
  try {
    response = await fetch('/api/workshops', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...creationHeaders() },
      body: JSON.stringify(input),
      signal,
    })
  } catch {
    return { ok: false, kind: 'network' }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.status === 201 || response.ok) {
    const b = body as { id?: unknown; url?: unknown; token?: unknown } | null
    if (b && typeof b.id === 'string' && typeof b.url === 'string' && typeof b.token === 'string') {
      return { ok: true, id: b.id, url: b.url, token: b.token }
    }
    return { ok: false, kind: 'server', status: response.status, message: null }
  }
  if (response.status === 429) return { ok: false, kind: 'tooMany', retryAfterSeconds: retryAfter(body, response) }
  const { error, code } = (body ?? {}) as { error?: unknown; code?: unknown }
  return { ok: false, kind: 'server', status: response.status, message: typeof error === 'string' ? error : null, ...(typeof code === 'string' ? { code } : {}) }
}
