import { useCallback, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { PresentationButton } from '../presentation/PresentationButton'
import { useHeld } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { useAccessInfo } from './accessClient'
import { FacilitationPanel } from './FacilitationPanel'
import { JoinScreen } from './JoinScreen'
import './facilitation.css'

/**
 * The facilitator's entry to running the session: a top-bar button opening the facilitation panel
 * (join screen, timer, private writing, voting, moderation, locks, bring everyone here, people).
 * Rendered for facilitators only. The panel and the join screen are portalled to the body: on a
 * phone this button sits in the "Mer" menu, which closes while the panel stays open.
 */
export function FacilitationButton({ store, workshopId, boardId }: { store: WorkshopStore; workshopId: string; boardId: string | null }) {
  const { t } = useTranslation('facilitation')
  const [open, setOpenState] = useState(() => wasOpen(workshopId))
  const setOpen = useCallback(
    (next: boolean) => {
      setOpenState(next)
      rememberOpen(workshopId, next)
    },
    [workshopId],
  )
  const [joinScreen, setJoinScreen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const access = useAccessInfo(workshopId, open || joinScreen)
  const held = useHeld(store)
  const waiting = held.notes.filter((n) => n.status === 'queued').length

  const close = useCallback(() => {
    setOpen(false)
    requestAnimationFrame(() => {
      // In a closed "Mer" menu the button is hidden: focus goes to the menu's button instead.
      const own = button.current
      const target = own && own.getClientRects().length > 0 ? own : document.querySelector<HTMLElement>('[data-testid="more-menu-button"]')
      target?.focus()
    })
  }, [setOpen])

  return (
    <>
      <button
        ref={button}
        type="button"
        className={`button facilitation-button${open ? ' facilitation-button--open' : ''}`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
        data-testid="facilitation-button"
        title={t('button.label')}
      >
        <ConsoleIcon />
        <span className="facilitation-button__label">{t('button.label')}</span>
        {waiting > 0 && (
          <>
            <span className="facilitation-button__badge" aria-hidden="true">
              {waiting}
            </span>
            <span className="visually-hidden">, {t('button.waiting', { count: waiting })}</span>
          </>
        )}
      </button>
      {/* Presenting is the facilitator's too, and found where the rest of running the session is. */}
      <PresentationButton store={store} boardId={boardId} />
      {open &&
        createPortal(
          <FacilitationPanel id={panelId} store={store} boardId={boardId} access={access} onShowJoinScreen={() => setJoinScreen(true)} onClose={close} />,
          document.body,
        )}
      {joinScreen && access.info && createPortal(<JoinScreen store={store} info={access.info} onClose={() => setJoinScreen(false)} />, document.body)}
    </>
  )
}

/**
 * The panel stays open across this button being mounted anew: the top bar moves it into "Mer" when
 * a phone turns or a window narrows, and a reload mid-session should not hide the console.
 */
const OPEN_KEY = 'samskap.facilitation.panel'

function wasOpen(workshopId: string): boolean {
  try {
    return sessionStorage.getItem(OPEN_KEY) === workshopId
  } catch {
    return false
  }
}

function rememberOpen(workshopId: string, open: boolean): void {
  try {
    if (open) sessionStorage.setItem(OPEN_KEY, workshopId)
    else sessionStorage.removeItem(OPEN_KEY)
  } catch {
    // No storage: the panel just starts closed next time.
  }
}

function ConsoleIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <circle cx="16" cy="6" r="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="10" cy="12" r="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="18" cy="18" r="2" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  )
}
