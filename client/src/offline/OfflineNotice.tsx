import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import './offline.css'

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener)
  window.addEventListener('offline', listener)
  return () => {
    window.removeEventListener('online', listener)
    window.removeEventListener('offline', listener)
  }
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true)
}

/** On the home page with no network: says what still works (the workshops kept on this device). */
export function OfflineNotice() {
  const { t } = useTranslation('offline')
  const online = useOnline()
  if (online) return null
  return (
    <p className="offline-notice" role="status" data-testid="offline-notice">
      {t('home.offline')}
    </p>
  )
}
