import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SYNC_PATH } from '../../../shared/protocol'
import { useWorkshopAccess } from '../access/useWorkshopAccess'
import { saveAccess, type StoredAccess } from '../access/workshopAccess'
import { WorkshopStore } from '../store/WorkshopStore'
import { NameDialog } from './NameDialog'
import { guestNumber, loadUserName, saveUserName } from './userName'
import { WorkshopView } from './WorkshopView'

export function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`
}

/** Waits (briefly) to learn what the link this workshop was opened with is, then opens it. */
export function WorkshopPage({ workshopId, boardId }: { workshopId: string; boardId: string | null }) {
  const access = useWorkshopAccess(workshopId)
  if (access.status === 'checking') return null
  return <OpenWorkshop workshopId={workshopId} boardId={boardId} access={access.access} />
}

/** Owns the one store for the open workshop and the person's name; the view below only renders. */
function OpenWorkshop({ workshopId, boardId, access }: { workshopId: string; boardId: string | null; access: StoredAccess | null }) {
  const { t } = useTranslation('app')
  const [savedName, setSavedName] = useState(loadUserName)
  const [guestName] = useState(() => t('name.guest', { number: guestNumber() }))
  const [nameDialog, setNameDialog] = useState<'first' | 'change' | null>(() => (loadUserName() === null ? 'first' : null))
  const name = savedName ?? guestName
  const [store, setStore] = useState<WorkshopStore | null>(null)
  const token = access?.token ?? null

  // One store per open workshop. Created in an effect (not useMemo) so StrictMode's
  // mount-unmount-mount destroys the first one instead of leaking its socket.
  useEffect(() => {
    const identity = access?.role ? { role: access.role, participantId: access.participantId } : null
    const created = new WorkshopStore({ workshopId, serverUrl: syncUrl(), userName: loadUserName() ?? guestName, token, identity })
    setStore(created)
    return () => {
      created.destroy()
      setStore(null)
    }
    // The stored link's role is only what it was; the server's welcome is what it is.
  }, [workshopId, guestName, token]) // eslint-disable-line react-hooks/exhaustive-deps -- a new store for a new token, not a new access object

  useEffect(() => {
    if (!store || !access) return
    return store.subscribe('identity', () => {
      const identity = store.control.getIdentity()
      if (identity && (identity.role !== access.role || identity.participantId !== access.participantId)) {
        saveAccess({ ...access, role: identity.role, participantId: identity.participantId })
      }
    })
  }, [store, access])

  useEffect(() => {
    store?.setUserName(name)
  }, [store, name])

  function finishNameDialog(chosen: string | null) {
    const next = chosen ?? (nameDialog === 'first' ? guestName : null)
    if (next) {
      saveUserName(next)
      setSavedName(next)
    }
    setNameDialog(null)
  }

  return (
    <>
      {store && (
        <WorkshopView
          store={store}
          workshopId={workshopId}
          boardId={boardId}
          userName={name}
          onChangeName={() => setNameDialog('change')}
        />
      )}
      {nameDialog && (
        <NameDialog
          initialName={nameDialog === 'first' ? '' : name}
          guestName={guestName}
          firstTime={nameDialog === 'first'}
          onDone={finishNameDialog}
        />
      )}
    </>
  )
}
