import { JOIN_DEVICE_HEADER, roles, type JoinResult, type Role } from '../../../shared/access'
import { WORKSHOP_ID_PATTERN } from '../../../shared/protocol'
import { loadStoredList, parseStoredList, saveStoredList } from '../lib/storedList'

/**
 * The token each workshop was opened with, kept in this browser (localStorage) so the workshop
 * opens again from the recent list, the home screen or offline without the link. A token in the
 * address is moved here at once and taken out of the address: a facilitator who copies the address
 * bar then shares the plain workshop address, never their own key.
 */
export interface StoredAccess {
  workshopId: string
  token: string
  /** null until the server has said (the link was opened offline). */
  role: Role | null
  /** A participant's id, for telling their own things apart; '' until known. */
  participantId: string
}

const STORAGE_KEY = 'samskap.access'
const MAX_STORED = 200

function isStoredAccess(value: unknown): value is StoredAccess {
  const v = value as Partial<StoredAccess> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.workshopId === 'string' &&
    WORKSHOP_ID_PATTERN.test(v.workshopId) &&
    typeof v.token === 'string' &&
    v.token.length > 0 &&
    v.token.length <= 200 &&
    (v.role === null || roles.includes(v.role as Role)) &&
    typeof v.participantId === 'string'
  )
}

function loadAll(): StoredAccess[] {
  return loadStoredList(STORAGE_KEY, (raw) => parseStoredList(raw, isStoredAccess))
}

export function loadAccess(workshopId: string): StoredAccess | null {
  return loadAll().find((entry) => entry.workshopId === workshopId) ?? null
}

export function saveAccess(entry: StoredAccess): void {
  saveStoredList(STORAGE_KEY, [entry, ...loadAll().filter((e) => e.workshopId !== entry.workshopId)].slice(0, MAX_STORED))
}

export function forgetAccess(workshopId: string): void {
  saveStoredList(STORAGE_KEY, loadAll().filter((e) => e.workshopId !== workshopId))
}

/** A workshop path with its id: `/w/<id>`, `/w/<id>/capture`, `/w/<id>/phone`. */
const WORKSHOP_PATH = /^\/w\/([^/]+)(?:\/[a-z]+)?\/?$/

/**
 * Moves a `?token=` from the address into storage (role unknown until asked) and rewrites the
 * address without it. Runs once at start-up, before the first render reads the address.
 */
export function takeTokenFromAddress(): StoredAccess | null {
  const url = new URL(location.href)
  const token = url.searchParams.get('token')
  const workshopId = WORKSHOP_PATH.exec(url.pathname)?.[1]
  if (!token) return null
  url.searchParams.delete('token')
  history.replaceState(history.state, '', url.pathname + url.search + url.hash)
  if (!workshopId || !WORKSHOP_ID_PATTERN.test(workshopId) || token.length > 200) return null
  const previous = loadAccess(workshopId)
  // The same link again keeps what the server said about it; a new link is asked about afresh.
  const entry: StoredAccess = previous?.token === token ? previous : { workshopId, token, role: null, participantId: '' }
  saveAccess(entry)
  return entry
}

export type JoinOutcome =
  | { ok: true; result: JoinResult }
  | { ok: false; kind: 'notFound' | 'invalid' | 'network' }
  | { ok: false; kind: 'tooMany'; retryAfterSeconds: number }
  | { ok: false; kind: 'server'; status: number }

/**
 * This tab's random id, sent with every join: wrong codes are counted per device as well as per
 * address, so one person's typos on a venue's Wi-Fi do not lock out the phones beside it.
 */
function deviceId(): string {
  const key = 'samskap.device'
  try {
    const stored = sessionStorage.getItem(key)
    if (stored) return stored
    const made = randomId()
    sessionStorage.setItem(key, made)
    return made
  } catch {
    return (fallbackDevice ??= randomId())
  }
}
let fallbackDevice: string | undefined

/** 128 random bits as hex (`crypto.randomUUID` exists only on https, and a venue may serve http). */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** `POST /api/join`: with a code, or to learn what a link's token is (and exchange a participant link). */
export async function requestJoin(body: { code: string } | { workshopId: string; token: string }, signal?: AbortSignal): Promise<JoinOutcome> {
  let response: Response
  try {
    response = await fetch('/api/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [JOIN_DEVICE_HEADER]: deviceId() },
      body: JSON.stringify(body),
      signal,
    })
  } catch {
    return { ok: false, kind: 'network' }
  }
  const data: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const result = data as Partial<JoinResult> | null
    if (result && typeof result.token === 'string' && typeof result.workshopId === 'string' && roles.includes(result.role as Role)) {
      return { ok: true, result: result as JoinResult }
    }
    return { ok: false, kind: 'server', status: response.status }
  }
  if (response.status === 429) {
    const seconds = Number((data as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds ?? response.headers.get('retry-after'))
    return { ok: false, kind: 'tooMany', retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60 }
  }
  if (response.status === 404) return { ok: false, kind: 'notFound' }
  if (response.status === 403 || response.status === 400) return { ok: false, kind: 'invalid' }
  return { ok: false, kind: 'server', status: response.status }
}

/** Stores what the server answered about a workshop's token. */
export function rememberJoin(result: JoinResult): StoredAccess {
  const entry: StoredAccess = { workshopId: result.workshopId, token: result.token, role: result.role, participantId: result.participantId }
  saveAccess(entry)
  return entry
}

/** The header that proves this browser's role to the API (history, links), when it has a token. */
export function authHeaders(workshopId: string): Record<string, string> {
  const token = loadAccess(workshopId)?.token
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** Remembers the facilitator token of a workshop this browser just created (or imported). */
export function rememberCreated(created: { id: string; token: string }): void {
  saveAccess({ workshopId: created.id, token: created.token, role: 'facilitator', participantId: 'facilitator' })
}
