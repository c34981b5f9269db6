import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SYNC_PATH } from '../../../shared/protocol'
import { guestNumber, loadUserName } from '../app/userName'
import { WorkshopStore } from '../store/WorkshopStore'
import { CaptureView } from './CaptureView'

function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH}`
}

/** Quick capture owns its own store, like the workshop page: the phone may open it straight from the home screen. */
export function CapturePage({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation('app')
  const [guestName] = useState(() => t('name.guest', { number: guestNumber() }))
  const [store, setStore] = useState<WorkshopStore | null>(null)
  useEffect(() => {
    const created = new WorkshopStore({ workshopId, serverUrl: syncUrl(), userName: loadUserName() ?? guestName })
    setStore(created)
    return () => {
      created.destroy()
      setStore(null)
    }
  }, [workshopId, guestName])
  return store ? <CaptureView store={store} workshopId={workshopId} /> : null
}
