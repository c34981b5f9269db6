import { useCallback, useEffect, useState } from 'react'
import type { WorkshopAccessInfo } from '../../../shared/access'
import { authHeaders } from '../access/workshopAccess'

/** `GET /api/workshops/<id>/access` and its two actions (server/http/accessApi.ts). */
export interface AccessInfo extends WorkshopAccessInfo {
  /** The workshop predates roles and still opens, as facilitator, without a token. */
  legacyOpen: boolean
}

export type AccessFailure = 'network' | 'forbidden' | 'server'
export type AccessResult = { ok: true; info: AccessInfo } | { ok: false; kind: AccessFailure }

function isAccessInfo(value: unknown): value is AccessInfo {
  const v = value as Partial<AccessInfo> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.code === 'string' &&
    typeof v.joinUrl === 'string' &&
    typeof v.joinCodeUrl === 'string' &&
    typeof v.links === 'object' &&
    v.links !== null &&
    typeof v.links.participant === 'string' &&
    typeof v.links.observer === 'string' &&
    typeof v.links.facilitator === 'string'
  )
}

export async function requestAccess(workshopId: string, action: 'get' | 'rotate' | 'close-legacy', signal?: AbortSignal): Promise<AccessResult> {
  const base = `/api/workshops/${encodeURIComponent(workshopId)}/access`
  let response: Response
  try {
    response = await fetch(action === 'get' ? base : `${base}/${action}`, {
      method: action === 'get' ? 'GET' : 'POST',
      headers: authHeaders(workshopId),
      signal,
    })
  } catch {
    return { ok: false, kind: 'network' }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok && isAccessInfo(body)) return { ok: true, info: { ...body, legacyOpen: body.legacyOpen === true } }
  if (response.status === 401 || response.status === 403) return { ok: false, kind: 'forbidden' }
  return { ok: false, kind: 'server' }
}

export type AccessState =
  | { status: 'loading' }
  | { status: 'ready'; info: AccessInfo }
  | { status: 'failed'; kind: AccessFailure }

export interface AccessInfoHandle {
  state: AccessState
  /** The info as last known, also while reloading or after a failed action. */
  info: AccessInfo | null
  reload(): void
  /** Runs rotate or close-legacy; the new info replaces the old on success. */
  change(action: 'rotate' | 'close-legacy'): Promise<AccessResult>
}

/**
 * The join code and links of a workshop, fetched each time `enabled` turns true (a view that
 * shows them opens: another facilitator may have made a new code since) and kept meanwhile.
 */
export function useAccessInfo(workshopId: string, enabled = true): AccessInfoHandle {
  const [state, setState] = useState<AccessState>({ status: 'loading' })
  const [info, setInfo] = useState<AccessInfo | null>(null)
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    if (!enabled) return
    const controller = new AbortController()
    setState({ status: 'loading' })
    void requestAccess(workshopId, 'get', controller.signal).then((result) => {
      if (controller.signal.aborted) return
      if (result.ok) {
        setInfo(result.info)
        setState({ status: 'ready', info: result.info })
      } else {
        setState({ status: 'failed', kind: result.kind })
      }
    })
    return () => controller.abort()
  }, [workshopId, generation, enabled])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const change = useCallback(
    async (action: 'rotate' | 'close-legacy') => {
      const result = await requestAccess(workshopId, action)
      if (result.ok) {
        setInfo(result.info)
        setState({ status: 'ready', info: result.info })
      }
      return result
    },
    [workshopId],
  )
  return { state, info, reload, change }
}
