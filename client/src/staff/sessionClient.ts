import { useSyncExternalStore } from 'react'
import type { SessionInfo } from '../../../shared/staff'

/**
 * Who is signed in on this browser and how this server lets people create workshops
 * (`GET /api/me`), asked once per page load and shared by every component through a small
 * external store. The session itself is an HttpOnly cookie no script can read.
 */
export type SessionState = { status: 'loading' } | { status: 'ready'; info: SessionInfo } | { status: 'offline' }

let state: SessionState = { status: 'loading' }
let started = false
const listeners = new Set<() => void>()

function set(next: SessionState): void {
  state = next
  for (const listener of listeners) listener()
}

/** Asks the server again (after signing out, or when a call answered 401). */
export async function refreshSession(): Promise<void> {
  started = true
  try {
    const response = await fetch('/api/me', { headers: { accept: 'application/json' } })
    if (!response.ok) return set({ status: 'offline' })
    set({ status: 'ready', info: (await response.json()) as SessionInfo })
  } catch {
    // Offline: the home page works as it does without sign-in (the device's own list).
    set({ status: 'offline' })
  }
}

export function useSession(): SessionState {
  if (!started) void refreshSession()
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => state,
  )
}

/** The signed-in staff member, or null (not signed in, no sign-in here, or not known yet). */
export function signedIn(session: SessionState) {
  return session.status === 'ready' ? session.info.staff : null
}

/** Where the "Sign in" link goes: the provider, then back to this page. */
export function signInHref(returnTo: string = location.pathname + location.search): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`
}

/** Ends the session here and, when the provider offers it, there too (the browser goes there and comes back). */
export async function signOut(): Promise<void> {
  let redirect = '/'
  try {
    const response = await fetch('/auth/logout', { method: 'POST' })
    const body = (await response.json().catch(() => null)) as { redirect?: unknown } | null
    if (typeof body?.redirect === 'string') redirect = body.redirect
  } catch {
    // Offline: the cookie stays until it expires; the page still forgets who was signed in.
  }
  set({ status: 'loading' })
  location.assign(redirect)
}
