import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardTemplate } from '../../../shared/schema/records/board'
import { boardChoices, type BoardChoice } from '../../../shared/logic/templates'
import { PlusIcon } from '../ui/icons'
import { useDismiss } from '../ui/useDismiss'

interface AddBoardMenuProps {
  onAdd(choice: BoardChoice): void
  /** Show the label next to the icon (hidden on narrow screens by CSS). */
  className?: string
}

/** "Add board": offers the templates and the workshop kit, each with one line on what it is for. */
export function AddBoardMenu({ onAdd, className = 'button add-board' }: AddBoardMenuProps) {
  const { t } = useTranslation('boards')
  const titles = useTemplateTitles()
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const close = useCallback(() => setOpen(false), [])
  useDismiss(open, rootRef, close, buttonRef)
  return (
    <div className="add-board-menu popover-anchor" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={className}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <PlusIcon />
        <span className="add-board__label">{t('add.menuLabel')}</span>
      </button>
      {open && (
        <div className="add-board-menu__popover popover" id={menuId} role="group" aria-label={t('add.heading')}>
          <h2 className="add-board-menu__heading">{t('add.heading')}</h2>
          <ul>
            {boardChoices.map((choice) => (
              <li key={choice}>
                <button
                  type="button"
                  className="add-board-menu__choice"
                  onClick={() => {
                    setOpen(false)
                    onAdd(choice)
                  }}
                >
                  {/* The name a board of this template gets as its tab, so the menu and the tabs agree. */}
                  <strong>{t(`templates.${choice}.title`)}</strong>
                  <span>{t(`templates.${choice}.description`, titles)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

/** Translated default titles for new boards of each template. */
export function useTemplateTitles(): Record<BoardTemplate, string> {
  const { t } = useTranslation('boards')
  return {
    canvas: t('templates.canvas.title'),
    stakeholderMap: t('templates.stakeholderMap.title'),
    involvementMatrix: t('templates.involvementMatrix.title'),
    challengeBoard: t('templates.challengeBoard.title'),
  }
}
