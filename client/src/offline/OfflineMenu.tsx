import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { onLinkClick } from '../lib/navigation'
import { useDismiss } from '../ui/useDismiss'
import type { WorkshopStore } from '../store/WorkshopStore'
import './offline.css'
import { useKeepOffline, type KeepState } from './useKeepOffline'

/**
 * The workshop's offline corner in the top bar: keep it available with no network (all photos
 * cached) and the way into quick capture for a phone on a study trip.
 */
export function OfflineMenu({ store, workshopId }: { store: WorkshopStore; workshopId: string }) {
  const { t } = useTranslation('offline')
  const { kept, state, setKept } = useKeepOffline(store, workshopId)
  const [open, setOpen] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const checkboxId = useId()
  const close = useCallback(() => setOpen(false), [])
  useDismiss(open, container, close, button)
  const captureRoute = { page: 'capture', workshopId } as const

  return (
    <div className="popover-anchor offline-menu" ref={container}>
      <button
        ref={button}
        type="button"
        className={`button offline-menu__button${kept ? ' offline-menu__button--kept' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        title={t('menu.title')}
        // The label is hidden on narrow screens; the name must not be the icon alone.
        aria-label={t('menu.title')}
        onClick={() => setOpen((o) => !o)}
        data-testid="offline-menu"
      >
        <span aria-hidden="true">{kept ? '✓' : '⤓'}</span>
        <span className="offline-menu__label">{t('menu.button')}</span>
      </button>
      <div id={panelId} className="popover offline-menu__panel" hidden={!open}>
        <h2 className="popover__title">{t('menu.title')}</h2>
        <label className="offline-menu__keep" htmlFor={checkboxId}>
          <input id={checkboxId} type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} data-testid="keep-offline" />
          <span>{t('keep.label')}</span>
        </label>
        <p className="muted offline-menu__help">{t('keep.help')}</p>
        <p className="offline-menu__status" role="status" aria-live="polite" data-testid="keep-offline-status">
          {keepStatusText(state, t)}
        </p>
        <a className="button button--primary offline-menu__capture" href={`/w/${workshopId}/capture`} onClick={onLinkClick(captureRoute)}>
          {t('capture.open')}
        </a>
      </div>
    </div>
  )
}

function keepStatusText(state: KeepState, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (state.phase) {
    case 'off':
      return ''
    case 'unsupported':
      return t('keep.unsupported')
    case 'caching':
      return t('keep.caching', { done: state.done, total: state.total })
    case 'ready': {
      const ready = state.available === 0 ? t('keep.readyNoImages') : t('keep.ready', { count: state.available })
      return state.missing > 0 ? `${ready} ${t('keep.missing', { count: state.missing })}` : ready
    }
    default: {
      const never: never = state
      return never
    }
  }
}
