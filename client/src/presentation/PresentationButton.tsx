import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { WorkshopStore } from '../store/WorkshopStore'
import { isPresentationShortcut, presentationShortcut } from './presentationShortcut'
import './presentationButton.css'

// The projector's views, the word cloud's layout and the stemmers load when a facilitator first
// presents: nobody else downloads them, and the phone page never does.
const PresentationMode = lazy(async () => ({ default: (await import('./PresentationMode')).PresentationMode }))

/**
 * "Presenter": one button (and Alt+Shift+P anywhere in the workshop) that puts the session on the
 * projector in full screen. Rendered beside the facilitation button, for facilitators.
 */
export function PresentationButton({ store, boardId }: { store: WorkshopStore; boardId: string | null }) {
  const { t } = useTranslation('presentation')
  const [open, setOpen] = useState<{ fullscreenOwned: boolean } | null>(null)
  const button = useRef<HTMLButtonElement>(null)

  const start = useCallback(() => {
    // Asked for while handling the click or key (browsers allow full screen only then), for the
    // whole page: the presentation's dialog is in the top layer above it.
    const fullscreenOwned = document.fullscreenEnabled && document.fullscreenElement === null
    if (fullscreenOwned) void document.documentElement.requestFullscreen().catch(() => undefined)
    setOpen({ fullscreenOwned })
  }, [])

  useEffect(() => {
    if (open) return
    const onKey = (e: KeyboardEvent) => {
      if (!isPresentationShortcut(e) || e.defaultPrevented) return
      e.preventDefault()
      start()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [open, start])

  const close = useCallback(() => {
    setOpen(null)
    requestAnimationFrame(() => {
      // In a closed "Mer" menu the button is hidden: focus goes to the menu's button instead.
      const own = button.current
      const target = own && own.getClientRects().length > 0 ? own : document.querySelector<HTMLElement>('[data-testid="more-menu-button"]')
      target?.focus()
    })
  }, [])

  return (
    <>
      <button
        ref={button}
        type="button"
        className="button presentation-button"
        onClick={start}
        aria-keyshortcuts={presentationShortcut.aria}
        title={t('button.title', { shortcut: presentationShortcut.label })}
        data-testid="presentation-button"
      >
        <ScreenIcon />
        <span className="presentation-button__label">{t('button.label')}</span>
      </button>
      {open &&
        createPortal(
          <Suspense fallback={null}>
            <PresentationMode store={store} boardId={boardId} fullscreenOwned={open.fullscreenOwned} onClose={close} />
          </Suspense>,
          document.body,
        )}
    </>
  )
}

function ScreenIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 4h18v12H3zM8 20h8M12 16v4M10 8.5v4l3.5-2z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
