import { useEffect, useState } from 'react'
import { loadAccess, rememberJoin, requestJoin, type StoredAccess } from './workshopAccess'

/** How long opening a link waits to learn its role before going on with the token as it is (offline). */
const ASK_TIMEOUT_MS = 5000

export type WorkshopAccessState = { status: 'checking' } | { status: 'ready'; access: StoredAccess | null }

/**
 * The token to open a workshop with. A link opened for the first time is shown to the server once
 * (`POST /api/join`): a participant link becomes this person's own participant token, any other
 * token gets its role. Without network the token is used as it is and asked about next time.
 */
export function useWorkshopAccess(workshopId: string): WorkshopAccessState {
  const [state, setState] = useState<WorkshopAccessState>(() => {
    const stored = loadAccess(workshopId)
    return stored === null || stored.role !== null ? { status: 'ready', access: stored } : { status: 'checking' }
  })

  useEffect(() => {
    if (state.status !== 'checking') return
    const stored = loadAccess(workshopId)
    if (!stored) {
      setState({ status: 'ready', access: null })
      return
    }
    const controller = new AbortController()
    const timer = window.setTimeout(() => controller.abort(), ASK_TIMEOUT_MS)
    let cancelled = false
    void requestJoin({ workshopId, token: stored.token }, controller.signal).then((outcome) => {
      window.clearTimeout(timer)
      if (cancelled) return
      setState({ status: 'ready', access: outcome.ok ? rememberJoin(outcome.result) : stored })
    })
    return () => {
      cancelled = true
      window.clearTimeout(timer)
      controller.abort()
    }
  }, [state.status, workshopId])

  return state
}
