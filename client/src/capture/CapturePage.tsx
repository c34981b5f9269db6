import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkshopAccess } from '../access/useWorkshopAccess'
import { syncUrl } from '../app/WorkshopPage'
import { guestNumber, loadUserName } from '../app/userName'
import { WorkshopStore } from '../store/WorkshopStore'
import { CaptureView } from './CaptureView'

/** Quick capture owns its own store, like the workshop page: the phone may open it straight from the home screen. */
export function CapturePage({ workshopId }: { workshopId: string }) {
  const access = useWorkshopAccess(workshopId)
  if (access.status === 'checking') return null
  return <CaptureStore workshopId={workshopId} token={access.access?.token ?? null} />
}

function CaptureStore({ workshopId, token }: { workshopId: string; token: string | null }) {
  const { t } = useTranslation('app')
  const [guestName] = useState(() => t('name.guest', { number: guestNumber() }))
  const [store, setStore] = useState<WorkshopStore | null>(null)
  useEffect(() => {
    const created = new WorkshopStore({ workshopId, serverUrl: syncUrl(), userName: loadUserName() ?? guestName, token })
    setStore(created)
    return () => {
      created.destroy()
      setStore(null)
    }
  }, [workshopId, guestName, token])
  return store ? <CaptureView store={store} workshopId={workshopId} /> : null
}
