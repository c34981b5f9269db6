import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WorkshopStore } from '../store/WorkshopStore'
import { ExportDialog } from './ExportDialog'

/** "Eksporter" in the top bar; opens the export dialog with the shown board preselected. */
export function ExportButton({ store, workshopId, boardId }: { store: WorkshopStore; workshopId: string; boardId: string | null }) {
  const { t } = useTranslation('export')
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="button button--icon-label export-button" aria-label={t('buttonLabel')} title={t('buttonLabel')} onClick={() => setOpen(true)}>
        <ExportIcon />
        <span className="export-button__label">{t('button')}</span>
      </button>
      {open && <ExportDialog store={store} workshopId={workshopId} boardId={boardId} onClose={() => setOpen(false)} />}
    </>
  )
}

function ExportIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 15V3M7 8l5-5 5 5M4 13v7h16v-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
