import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SYNC_PATH } from '../../../shared/protocol'
import { useWorkshopAccess } from '../access/useWorkshopAccess'
import { saveAccess, type StoredAccess } from '../access/workshopAccess'
import { NameDialog } from '../app/NameDialog'
import { guestNumber, loadUserName, saveUserName } from '../app/userName'
import { WorkshopStore } from '../store/WorkshopStore'
import { PhoneView } from './PhoneView'

/**
 * The resident's page (`/w/<id>/phone`). It owns its own store like the workshop and capture
 * pages, but loads none of the board: no canvas, no board views, no exports (its chunk and what it
 * shares stay within the phone budget, tests/e2e/phoneBudget.test.ts).
 */
export function PhonePage({ workshopId }: { workshopId: string }) {
  const access = useWorkshopAccess(workshopId)
  if (access.status === 'checking') return <PhoneLoading />
  return <PhoneStore workshopId={workshopId} access={access.access} />
}

/** The same address as the workshop page's (app/WorkshopPage.tsx), which the phone must not import. */
function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`
}

function PhoneStore({ workshopId, access }: { workshopId: string; access: StoredAccess | null }) {
  const { t } = useTranslation('app')
  const [guestName] = useState(() => t('name.guest', { number: guestNumber() }))
  const [savedName, setSavedName] = useState(loadUserName)
  const [changingName, setChangingName] = useState(false)
  const [store, setStore] = useState<WorkshopStore | null>(null)
  const name = savedName ?? guestName
  const token = access?.token ?? null

  // Created in an effect so StrictMode's second mount destroys the first store's socket.
  useEffect(() => {
    const identity = access?.role ? { role: access.role, participantId: access.participantId } : null
    const created = new WorkshopStore({ workshopId, serverUrl: syncUrl(), userName: loadUserName() ?? guestName, token, identity })
    setStore(created)
    return () => {
      created.destroy()
      setStore(null)
    }
    // A new store for a new token, not for a new access object (as on the workshop page).
  }, [workshopId, guestName, token]) // eslint-disable-line react-hooks/exhaustive-deps

  // The server's word on who this is replaces what the stored link said.
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

  return (
    <>
      {store ? <PhoneView store={store} workshopId={workshopId} userName={name} onChangeName={() => setChangingName(true)} /> : <PhoneLoading />}
      {changingName && (
        <NameDialog
          initialName={name}
          guestName={guestName}
          firstTime={false}
          onDone={(chosen) => {
            if (chosen) {
              saveUserName(chosen)
              setSavedName(chosen)
            }
            setChangingName(false)
          }}
        />
      )}
    </>
  )
}

function PhoneLoading() {
  const { t } = useTranslation('phone')
  return (
    <div className="placeholder" style={{ minHeight: '100dvh' }} role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">{t('loading')}</span>
    </div>
  )
}
