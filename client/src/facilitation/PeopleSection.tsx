import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../../shared/access'
import { usePeers } from '../store/hooks'
import { CommandStatus } from './CommandStatus'
import { InlineConfirm } from './InlineConfirm'
import { PanelSection, type SectionProps } from './PanelSection'
import { filterPeople, peopleInRoom } from './peopleInRoom'
import { useCommand } from './useCommand'

/** Above this many people a name filter appears: a town hall has hundreds. */
const FILTER_FROM = 10

/** "Deltakere": who is here, by role, and removing a participant who should not be. */
export function PeopleSection({ store, open, onToggle }: SectionProps) {
  const { t, i18n } = useTranslation('facilitation')
  const peers = usePeers(store)
  const command = useCommand(store)
  const [query, setQuery] = useState('')
  const id = useId()
  const { people, counts } = peopleInRoom(peers, i18n.language)
  // This browser is a facilitator too, and not among the peers.
  const facilitators = counts.facilitator + 1
  const shown = filterPeople(people, query)
  const status = t('people.statusCount', { count: counts.participant })

  return (
    <PanelSection title={t('people.title')} status={status} open={open} onToggle={onToggle} testId="facilitation-people">
      <p className="facilitation__lead" data-testid="facilitation-people-counts">
        {[
          t('people.participants', { count: counts.participant }),
          t('people.facilitators', { count: facilitators }),
          counts.observer > 0 ? t('people.observers', { count: counts.observer }) : '',
          counts.unknown > 0 ? t('people.unknown', { count: counts.unknown }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {people.length >= FILTER_FROM && (
        <div className="facilitation-field">
          <label htmlFor={`${id}-filter`}>{t('people.filter')}</label>
          <input id={`${id}-filter`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        </div>
      )}
      {people.length === 0 && <p className="facilitation__hint">{t('people.alone')}</p>}
      <ul className="people-list" aria-label={t('people.listLabel')} data-testid="facilitation-people-list">
        {query.trim() === '' && (
          <li className="people-list__item">
            <span className="people-list__dot" style={{ background: store.getSelfColor() }} aria-hidden="true" />
            <span className="people-list__name">
              {store.getSelfName() || t('people.unnamed')} <span className="facilitation__muted">{t('people.you')}</span>
            </span>
            <span className="role-badge role-badge--facilitator">{roleLabel(t, 'facilitator')}</span>
          </li>
        )}
          {shown.map((person) => {
            const name = person.name || t('people.unnamed')
            return (
              <li key={person.key} className="people-list__item">
                <span className="people-list__dot" style={{ background: person.color }} aria-hidden="true" />
                <span className="people-list__name">{name}</span>
                <span className={`role-badge role-badge--${person.role ?? 'unknown'}`}>{roleLabel(t, person.role)}</span>
                {person.role === 'participant' && person.participantId !== '' && (
                  <InlineConfirm
                    label={t('people.remove')}
                    accessibleSuffix={name}
                    question={t('people.removeQuestion', { name })}
                    confirmLabel={t('people.removeConfirm', { name })}
                    buttonClassName="button button--quiet people-list__remove"
                    onConfirm={() =>
                      void command.run({ type: 'participant.remove', participantId: person.participantId }, { key: person.participantId, done: t('people.removedDone', { name }) })
                    }
                    disabled={command.pending}
                    danger
                  />
                )}
              </li>
            )
          })}
      </ul>
      <CommandStatus state={command.state} onDismiss={command.dismiss} />
    </PanelSection>
  )
}

function roleLabel(t: (key: string) => string, role: Role | null): string {
  return t(`people.role.${role ?? 'unknown'}`)
}
