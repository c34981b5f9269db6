import { useId, type ReactNode } from 'react'
import type { WorkshopStore } from '../store/WorkshopStore'

interface PanelSectionProps {
  title: string
  /** A few words on what is going on ("4:32", "3 venter"), shown beside the title even when closed. */
  status?: string
  open: boolean
  onToggle: () => void
  children: ReactNode
  testId?: string
}

/**
 * One part of the facilitation panel as a disclosure (heading with a button, APG accordion): the
 * facilitator keeps open what this session needs and reads the rest from the one-line status.
 * The body is only rendered while open, so closed sections cost nothing.
 */
export function PanelSection({ title, status, open, onToggle, children, testId }: PanelSectionProps) {
  const id = useId()
  return (
    <div className={`panel-section${open ? ' panel-section--open' : ''}`} data-testid={testId}>
      <h3 className="panel-section__heading">
        <button type="button" className="panel-section__toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={onToggle}>
          <span className="panel-section__title">{title}</span>
          {status ? <span className="panel-section__status">{status}</span> : null}
          <svg className="panel-section__chevron" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </h3>
      <div id={`${id}-body`} className="panel-section__body" hidden={!open}>
        {open && children}
      </div>
    </div>
  )
}

/** What every section of the panel gets. */
export interface SectionProps {
  store: WorkshopStore
  /** The board on screen. */
  boardId: string | null
  open: boolean
  onToggle: () => void
}
