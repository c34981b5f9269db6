import { useEffect, useRef, useState } from 'react'
import { SYNC_PATH } from '../../../shared/protocol'
import type { WorkshopConnection, WorkshopStoreOptions } from '../store/WorkshopConnection'
import { saveAccess, type StoredAccess } from './workshopAccess'

/** The websocket address of this page's server. */
export function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`
}

/**
 * The one store of an open workshop (the workshop, capture and phone pages each own one), opened
 * with the token this browser keeps for it, and the stored role kept in step with the server's
 * welcome (the link's role is only what it was; the welcome is what it is, e.g. after a rotation).
 * Created in an effect, not a memo, so StrictMode's second mount destroys the first socket. A new
 * store for a new workshop or token only: a changed name is set on the store by the page.
 * `open` makes the page's kind of store (the board's `WorkshopStore`, the phone's `PhoneStore`):
 * passed in, so this file imports neither and the phone's chunk holds only its own. It must be
 * the same function on every render (a module-level one).
 */
export function useWorkshopStore<S extends WorkshopConnection>(
  workshopId: string,
  access: StoredAccess | null,
  initialName: string,
  open: (options: WorkshopStoreOptions) => S,
): S | null {
  const [store, setStore] = useState<S | null>(null)
  const token = access?.token ?? null
  const opening = useRef({ access, initialName })
  opening.current = { access, initialName }

  useEffect(() => {
    const { access: opened, initialName: name } = opening.current
    const identity = opened?.role ? { role: opened.role, participantId: opened.participantId } : null
    const created = open({ workshopId, serverUrl: syncUrl(), userName: name, token, identity })
    setStore(created)
    return () => {
      created.destroy()
      setStore(null)
    }
  }, [workshopId, token, open])

  useEffect(() => {
    if (!store || !access) return
    return store.subscribe('identity', () => {
      const identity = store.control.getIdentity()
      if (identity && (identity.role !== access.role || identity.participantId !== access.participantId)) {
        saveAccess({ ...access, role: identity.role, participantId: identity.participantId })
      }
    })
  }, [store, access])

  return store
}
