import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkshopAccess } from '../access/useWorkshopAccess'
import type { StoredAccess } from '../access/workshopAccess'
import { useWorkshopStore } from '../access/useWorkshopStore'
import { openPhoneStore } from '../store/PhoneStore'
import { NameDialog } from '../ui/NameDialog'
import { clearUserName, guestNumber, loadUserName, saveUserName } from '../lib/userName'
import { PhoneView } from './PhoneView'

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
  const [savedName, setSavedName] = useState(loadUserName)
  const [changingName, setChangingName] = useState(false)
  const name = savedName ?? guestName

  const store = useWorkshopStore(workshopId, access, loadUserName() ?? guestName, openPhoneStore)

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
            clearUserName()
            setSavedName(null)
          }}
        />
      ) : (
        <PhoneLoading />
      )}
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
