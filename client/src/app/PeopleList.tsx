import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../../shared/access'
import type { Peer } from '../store/types'
import { PeopleIcon } from '../ui/icons'
import { useDismiss } from '../ui/useDismiss'
import './peopleList.css'

interface PeopleListProps {
  peers: readonly Peer[]
  /** This person; `role` as the server said (for their own badge). */
  self: { name: string; color: string; role?: Role | null }
}

const MAX_DOTS = 4

/** Who is here: a count with colour dots in the bar, and the names one press away. */
export function PeopleList({ peers, self }: PeopleListProps) {
  const { t } = useTranslation('app')
  const { t: ts } = useTranslation('session')
  const [open, setOpen] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const listId = useId()
  const close = useCallback(() => setOpen(false), [])
  useDismiss(open, container, close, button)
  const people: { key: string; name: string; color: string; isSelf: boolean; role: Role | null }[] = [
    { key: 'self', name: self.name, color: self.color, isSelf: true, role: self.role ?? null },
    ...peers.map((p) => ({ key: String(p.clientId), name: p.name || t('people.unnamed'), color: p.color, isSelf: false, role: p.role })),
  ]
  const count = people.length
  return (
    <div className="popover-anchor people" ref={container}>
      <button
        ref={button}
        type="button"
        className="button people__button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        data-testid="people-button"
      >
        <PeopleIcon />
        <span className="people__dots" aria-hidden="true">
          {people.slice(0, MAX_DOTS).map((p) => (
            <span key={p.key} className="people__dot" style={{ background: p.color }} />
          ))}
        </span>
        {/* The name starts with the visible words and adds hidden ones ("2 her: 2 personer, vis hvem"),
            so what a voice-control user reads off the button is its name (WCAG 2.5.3). */}
        <span className="people__count">{count}</span>{' '}
        <span className="people__label">{t('people.here')}</span>
        <span className="visually-hidden">
          : {t('people.noun', { count })}, {t('people.showWho')}
        </span>
      </button>
      {/* The list stays in the page when closed so tests and screen readers can find it by name. */}
      <div id={listId} className="popover people__panel" hidden={!open}>
        <h2 className="popover__title">{t('people.heading', { count })}</h2>
        <ul className="people__list" aria-label={t('people.listLabel')}>
          {people.map((p) => (
            <li key={p.key} className="people__item">
              <span className="people__dot" style={{ background: p.color }} aria-hidden="true" />
              <span className="people__name">{p.name}</span>
              {p.isSelf && <span className="muted"> {t('people.you')}</span>}
              {/* Stamped by the server from each person's link, so nobody can claim to be the facilitator. */}
              {(p.role === 'facilitator' || p.role === 'observer') && (
                <span className={`people__role people__role--${p.role}`} data-testid="people-role">
                  {ts(`roles.${p.role}`)}
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
