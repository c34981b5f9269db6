import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useDismiss } from '../ui/useDismiss'

/**
 * "Mer" (⋯) on narrow screens: holds the top-bar tools that do not fit beside the connection
 * status and the people count. The tools keep their own buttons, popovers and dialogs; the menu
 * only lays them out as a list. Escape closes the innermost thing that is open: a popover or
 * dialog opened from the menu first, then the menu itself (focus goes back to "Mer").
 */
export function MoreMenu({ children }: { children: (close: () => void) => ReactNode }) {
  const { t } = useTranslation('app')
  const [open, setOpen] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const panelId = useId()
  const close = useCallback(() => setOpen(false), [])

  // Dialogs opened from the menu live inside it, so a press in them counts as inside; Escape
  // closes them before the menu.
  const nestedOpen = useCallback(() => panel.current?.querySelector('[aria-expanded="true"], dialog[open]') != null, [])
  useDismiss(open, container, close, button, nestedOpen)
  useEffect(() => {
    // Focus the first tool so keyboard and screen-reader users land in the list they opened.
    if (open) panel.current?.querySelector<HTMLElement>('button, select, a[href], input')?.focus()
  }, [open])

  return (
    <div className="popover-anchor more-menu" ref={container}>
      <button
        ref={button}
        type="button"
        className="button more-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="more-menu-button"
      >
        <span aria-hidden="true" className="more-menu__dots">
          ⋯
        </span>
        <span className="more-menu__label">{t('more.button')}</span>
      </button>
      <div id={panelId} ref={panel} className="popover more-menu__panel" hidden={!open} role="group" aria-label={t('more.label')}>
        {children(close)}
      </div>
    </div>
  )
}
