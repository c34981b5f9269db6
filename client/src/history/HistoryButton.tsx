import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WorkshopStore } from '../store/WorkshopStore'
import { HistoryDialog } from './HistoryDialog'

/** "Historikk" in the top bar; opens the history dialog. Facilitator-only once roles exist (issue 5). */
export function HistoryButton({ store, workshopId }: { store: WorkshopStore; workshopId: string }) {
  const { t } = useTranslation('history')
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button button--icon-label history-button" aria-label={t('openLabel')} title={t('openLabel')} onClick={() => setOpen(true)}>
        <HistoryIcon />
        <span className="history-button__label">{t('open')}</span>
      </button>
      {open && <HistoryDialog store={store} workshopId={workshopId} onClose={() => setOpen(false)} />}
    </>
  )
}

function HistoryIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M3 12a9 9 0 1 0 3-6.7M3 4v4h4M12 7v5l3 2"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
