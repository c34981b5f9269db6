import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WorkshopStore } from '../store/WorkshopStore'
import { sessionBus, type SessionToast } from './sessionBus'
import { sessionIcons } from './sessionIcons'

const SHOW_MS = { info: 6000, error: 9000 } as const

/**
 * Short messages over the board: an edit the server undid (with why), a dot that could not be
 * given, a note that could not be sent. One at a time, the newest wins; a burst of the same refusal
 * (a drag of ten notes on a locked board) shows once. The live region is always in the page, so
 * screen readers hear each message; it hides by itself and can be closed.
 */
export function SessionToasts({ store }: { store: WorkshopStore }) {
  const { t } = useTranslation('session')
  const [toast, setToast] = useState<SessionToast | null>(null)
  const [spoken, setSpoken] = useState<SessionToast | null>(null)

  useEffect(() => {
    const bus = sessionBus(store)
    const show = (next: SessionToast) => setToast((current) => (current && current.text === next.text ? { ...current, serial: next.serial } : next))
    const offToast = bus.onToast(show)
    const offSpoken = bus.onAnnounce(setSpoken)
    const offRefused = store.control.onRefused((refusal) => bus.toast(t(`refused.${refusal.reason}`)))
    return () => {
      offToast()
      offSpoken()
      offRefused()
    }
  }, [store, t])

  useEffect(() => {
    if (!toast) return
    const id = window.setTimeout(() => setToast(null), SHOW_MS[toast.tone])
    return () => window.clearTimeout(id)
  }, [toast])

  return (
    <>
      <div className="session-toasts" role="status" aria-live="polite" data-testid="session-toasts">
        {toast && (
          <div key={toast.text} className={`session-toast session-toast--${toast.tone}`} data-testid="session-toast">
            <span className="session-toast__text">{toast.text}</span>
            <button type="button" className="session-toast__close" aria-label={t('dismiss')} title={t('dismiss')} onClick={() => setToast(null)}>
              {sessionIcons.close}
            </button>
          </div>
        )}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="session-announcer">
        {spoken && <p key={spoken.serial}>{spoken.text}</p>}
      </div>
    </>
  )
}
