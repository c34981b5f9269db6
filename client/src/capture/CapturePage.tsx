import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkshopAccess } from '../access/useWorkshopAccess'
import { useWorkshopStore } from '../access/useWorkshopStore'
import { openWorkshopStore } from '../store/WorkshopStore'
import type { StoredAccess } from '../access/workshopAccess'
import { guestNumber, loadUserName } from '../lib/userName'
import { CaptureView } from './CaptureView'

/** Quick capture owns its own store, like the workshop page: the phone may open it straight from the home screen. */
export function CapturePage({ workshopId }: { workshopId: string }) {
  const access = useWorkshopAccess(workshopId)
  if (access.status === 'checking') return null
  return <CaptureStore workshopId={workshopId} access={access.access} />
}

function CaptureStore({ workshopId, access }: { workshopId: string; access: StoredAccess | null }) {
  const { t } = useTranslation('app')
  const [guestName] = useState(() => t('name.guest', { number: guestNumber() }))
  const store = useWorkshopStore(workshopId, access, loadUserName(workshopId) ?? guestName, openWorkshopStore)
  return store ? <CaptureView store={store} workshopId={workshopId} /> : null
}
