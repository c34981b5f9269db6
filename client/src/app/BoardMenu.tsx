import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ArrowIcon, PencilIcon, TrashIcon } from '../ui/icons'
import { useDismiss } from '../ui/useDismiss'

interface BoardMenuProps {
  boardTitle: string
  canMoveLeft: boolean
  canMoveRight: boolean
  onRename: () => void
  onMoveLeft: () => void
  onMoveRight: () => void
  onDelete: () => void
}

/** Every tab action without a mouse or a double-click: rename, move, delete. */
export function BoardMenu(props: BoardMenuProps) {
  const { t } = useTranslation('app')
  const [open, setOpen] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const panelId = useId()
  const close = useCallback(() => setOpen(false), [])
  useDismiss(open, container, close, button)
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus()
  }, [open])

  const act = (fn: () => void, keepOpen = false) => () => {
    fn()
    if (!keepOpen) setOpen(false)
  }

  return (
    <div className="popover-anchor board-menu" ref={container}>
      <button
        ref={button}
        type="button"
        className="button button--icon"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('boards.menu.button', { title: props.boardTitle })}
        title={t('boards.menu.button', { title: props.boardTitle })}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <div id={panelId} ref={panel} className="popover board-menu__panel" hidden={!open}>
        <button type="button" className="menu-item" onClick={act(props.onRename)}>
          <PencilIcon /> {t('boards.menu.rename')}
        </button>
        {/* Moving keeps the menu open so the board can be nudged several steps. */}
        <button type="button" className="menu-item" disabled={!props.canMoveLeft} onClick={act(props.onMoveLeft, true)}>
          <ArrowIcon direction="left" /> {t('boards.menu.moveLeft')}
        </button>
        <button type="button" className="menu-item" disabled={!props.canMoveRight} onClick={act(props.onMoveRight, true)}>
          <ArrowIcon direction="right" /> {t('boards.menu.moveRight')}
        </button>
        <button type="button" className="menu-item menu-item--danger" onClick={act(props.onDelete)}>
          <TrashIcon /> {t('boards.menu.delete')}
        </button>
      </div>
    </div>
  )
}
