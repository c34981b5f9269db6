import { useTranslation } from 'react-i18next'
import './offline.css'
import { useIsKept } from './useKeepOffline'

/** Marks a workshop in the home page's list as kept for offline use on this device. */
export function KeptBadge({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation('offline')
  const kept = useIsKept(workshopId)
  if (!kept) return null
  return (
    <span className="kept-badge" title={t('home.keptTitle')} data-testid="kept-badge">
      <span aria-hidden="true">✓</span> {t('home.kept')}
      <span className="visually-hidden"> – {t('home.keptTitle')}</span>
    </span>
  )
}
