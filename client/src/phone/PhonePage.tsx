import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkshopAccess } from '../access/useWorkshopAccess'
import type { StoredAccess } from '../access/workshopAccess'
import { useWorkshopStore } from '../access/useWorkshopStore'
import { openPhoneStore } from '../store/PhoneStore'
import { clearUserName, guestNumber, loadUserName, rememberGuestName, saveUserName } from '../lib/userName'
import { PhoneView } from './PhoneView'

// Only for "change name": fetched when asked for, not before the note box (the phone budget,
// tests/e2e/phoneBudget.test.ts); the service worker precaches it with the page for offline use.
const NameDialog = lazy(() => import('../ui/NameDialog').then((module) => ({ default: module.NameDialog })))

/**
 * The resident's page (`/w/<id>/phone`). It owns its own store like the workshop and capture
 * pages, but loads none of the board: no canvas, no board views, no exports (its chunk and what it
 * shares stay within the phone budget, tests/e2e/phoneBudget.test.ts).
 */
export function PhonePage({ workshopId }: { workshopId: string }) {
  const access = useWorkshopAccess(workshopId)
  if (access.status === 'checking') return <PhoneLoading />
  return <PhoneWithStore workshopId={workshopId} access={access.access} />
}

function PhoneWithStore({ workshopId, access }: { workshopId: string; access: StoredAccess | null }) {
  const { t } = useTranslation('app')
  const [guestName] = useState(() => t('name.guest', { number: guestNumber() }))
  // A resident who gave no name writes as a guest: that guest, remembered for this workshop, is who
  // the whole board shows them as too, without asking again.
  const [savedName, setSavedName] = useState<string | null>(() => loadUserName(workshopId) ?? rememberGuestName(workshopId, guestName))
  const [changingName, setChangingName] = useState(false)
  const name = savedName ?? guestName

  const store = useWorkshopStore(workshopId, access, name, openPhoneStore)

  useEffect(() => {
    store?.setUserName(name)
  }, [store, name])

  return (
    <>
      {store ? (
        <PhoneView
          store={store}
          workshopId={workshopId}
          userName={name}
          onChangeName={() => setChangingName(true)}
          onNameErased={() => {
            clearUserName(workshopId)
            setSavedName(null)
          }}
        />
      ) : (
        <PhoneLoading />
      )}
      {changingName && (
        <Suspense fallback={null}>
          <NameDialog
            initialName={name}
            guestName={guestName}
            firstTime={false}
            onDone={(chosen) => {
              if (chosen) {
                saveUserName(chosen, workshopId)
                setSavedName(chosen)
              }
              setChangingName(false)
            }}
          />
        </Suspense>
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
