import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDismiss } from '../ui/useDismiss'
import { outlineShortcut } from '../outline/boardMode'

interface BoardHelpProps {
  boardId: string
  text: string
  /** The facilitator has the how-to opened for everyone (the board record's `showHelp`). */
  shownForEveryone: boolean
  /** Opens it for everyone or stops doing so; null for people who may not (only the facilitator changes board records). */
  onShowForEveryone: ((shown: boolean) => void) | null
}

const CLOSED_KEY = 'samskap.helpClosed.'

/**
 * How to use the board, behind "?" at the end of the board's row: one or two sentences and the
 * outline shortcut, over the board instead of a band above it. Everyone can open it; when the
 * facilitator opens it for everyone it opens by itself, until each person closes it (remembered
 * for the tab).
 */
export function BoardHelp({ boardId, text, shownForEveryone, onShowForEveryone }: BoardHelpProps) {
  const { t } = useTranslation('boards')
  const [open, setOpen] = useState(() => shownForEveryone && !closedInTab(boardId))
  // The facilitator switching it on opens it again, also for those who had closed it.
  const [wasShown, setWasShown] = useState(shownForEveryone)
  if (wasShown !== shownForEveryone) {
    setWasShown(shownForEveryone)
    if (shownForEveryone) setOpen(true)
  }
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const headingId = useId()
  const close = useCallback(() => {
    setOpen(false)
    rememberClosed(boardId)
  }, [boardId])
  useDismiss(open, container, close, button)

  return (
    <div className="popover-anchor board-help" ref={container}>
      <button
        ref={button}
        type="button"
        className={`board-help__button${shownForEveryone ? ' board-help__button--on' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('help.button')}
        title={t('help.button')}
        data-testid="board-help-button"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span aria-hidden="true">?</span>
      </button>
      <section id={panelId} className="popover board-help__panel" hidden={!open} aria-labelledby={headingId} data-testid="board-help">
        <div className="board-help__head">
          <h2 id={headingId} className="board-help__title">
            {t('help.label')}
          </h2>
          <button type="button" className="button button--icon board-help__close" aria-label={t('help.close')} onClick={close}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        <p>{text}</p>
        <p className="board-help__shortcut">{t('help.shortcut', { shortcut: outlineShortcut.label })}</p>
        {onShowForEveryone && (
          <label className="board-help__everyone">
            <input type="checkbox" checked={shownForEveryone} onChange={(e) => onShowForEveryone(e.target.checked)} />
            {t('help.forEveryone')}
          </label>
        )}
      </section>
    </div>
  )
}

function closedInTab(boardId: string): boolean {
  try {
    return sessionStorage.getItem(CLOSED_KEY + boardId) === '1'
  } catch {
    return false
  }
}

function rememberClosed(boardId: string): void {
  try {
    sessionStorage.setItem(CLOSED_KEY + boardId, '1')
  } catch {
    // No storage: it opens again on the next visit, which is harmless.
  }
}
