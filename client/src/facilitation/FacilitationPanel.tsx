import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseStoredList, saveStoredList } from '../lib/storedList'
import { useNarrowScreen } from '../ui/useNarrowScreen'
import { useConnection } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { AccessInfoHandle } from './accessClient'
import { BoardSection } from './BoardSection'
import { CapacityNotice } from './CapacityNotice'
import { JoinSection } from './JoinSection'
import { ModerationSection } from './ModerationSection'
import { PeopleSection } from './PeopleSection'
import { PromptSection } from './PromptSection'
import { TimerSection } from './TimerSection'
import { VoteSection } from './VoteSection'
import { WritingSection } from './WritingSection'
import { ThemeSection } from '../themes/ThemeSection'

export const panelSections = ['join', 'timer', 'writing', 'vote', 'themes', 'moderation', 'board', 'prompt', 'people'] as const
export type PanelSectionId = (typeof panelSections)[number]

const OPEN_KEY = 'samskap.facilitation.open'
const DEFAULT_OPEN: PanelSectionId[] = ['join', 'timer']

/** Which sections are open, kept in this browser: a facilitator sets up the panel once for a session. */
function useOpenSections(): [ReadonlySet<PanelSectionId>, (id: PanelSectionId) => void] {
  const [open, setOpen] = useState<ReadonlySet<PanelSectionId>>(() => {
    let raw: string | null = null
    try {
      raw = localStorage.getItem(OPEN_KEY)
    } catch {
      // No storage (private mode): the defaults.
    }
    if (raw === null) return new Set(DEFAULT_OPEN)
    return new Set(parseStoredList(raw, (id): id is PanelSectionId => panelSections.includes(id as PanelSectionId)))
  })
  const toggle = useCallback((id: PanelSectionId) => {
    setOpen((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      saveStoredList(OPEN_KEY, [...next])
      return next
    })
  }, [])
  return [open, toggle]
}

/** Where the top bar ends, so the side panel starts below it and leaves the tools usable. */
function useTopBarBottom(): number {
  const [bottom, setBottom] = useState(0)
  useLayoutEffect(() => {
    const bar = document.querySelector('.topbar')
    if (!bar) return
    const measure = () => setBottom(Math.max(0, Math.round(bar.getBoundingClientRect().bottom)))
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(bar)
    window.addEventListener('resize', measure)
    return () => {
      observer.disconnect()
      window.removeEventListener('resize', measure)
    }
  }, [])
  return bottom
}

interface FacilitationPanelProps {
  store: WorkshopStore
  boardId: string | null
  access: AccessInfoHandle
  onShowJoinScreen: () => void
  onClose: () => void
  id: string
}

/**
 * The facilitator's console. On a desktop a side panel beside the board (non-modal: the board
 * stays usable, its centre uncovered); on a phone a full-height sheet (modal: there is no room for
 * both). Escape closes it from anywhere inside.
 */
export function FacilitationPanel({ store, boardId, access, onShowJoinScreen, onClose, id }: FacilitationPanelProps) {
  const { t } = useTranslation('facilitation')
  const narrow = useNarrowScreen()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [open, toggle] = useOpenSections()
  const connection = useConnection(store)
  const top = useTopBarBottom()

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (element.open) element.close()
    if (narrow) element.showModal()
    else element.show()
    element.querySelector<HTMLElement>('.facilitation-panel__close')?.focus()
    return () => element.close()
  }, [narrow])

  // On a wide screen the board makes room for the panel instead of sliding under it (facilitation.css).
  useEffect(() => {
    if (narrow) return
    document.body.classList.add('facilitation-docked')
    return () => document.body.classList.remove('facilitation-docked')
  }, [narrow])

  const section = (sectionId: PanelSectionId) => ({ store, boardId, open: open.has(sectionId), onToggle: () => toggle(sectionId) })

  return (
    <dialog
      ref={dialog}
      id={id}
      className={`facilitation-panel ${narrow ? 'facilitation-panel--sheet' : 'facilitation-panel--side'}`}
      style={narrow ? undefined : { top }}
      aria-labelledby={titleId}
      data-testid="facilitation-panel"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
      onKeyDown={(e) => {
        // A non-modal dialog gets no cancel event; Escape anywhere inside closes it all the same.
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault()
          onClose()
        }
      }}
    >
      <div className="facilitation-panel__header">
        <h2 id={titleId} className="facilitation-panel__title">
          {t('panel.title')}
        </h2>
        <button type="button" className="button button--icon button--quiet facilitation-panel__close" onClick={onClose} aria-label={t('panel.close')}>
          <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="facilitation-panel__body">
        {connection.status !== 'connected' && (
          <p className="notice facilitation__notice facilitation__notice--warning" role="status">
            {connection.status === 'refused' ? t('panel.refused') : t('panel.offline')}
          </p>
        )}
        <CapacityNotice store={store} />
        <JoinSection {...section('join')} access={access} onShowJoinScreen={onShowJoinScreen} />
        <TimerSection {...section('timer')} />
        <WritingSection {...section('writing')} />
        <VoteSection {...section('vote')} />
        <ThemeSection {...section('themes')} />
        <ModerationSection {...section('moderation')} />
        <BoardSection {...section('board')} />
        <PromptSection {...section('prompt')} />
        <PeopleSection {...section('people')} />
      </div>
    </dialog>
  )
}
