import { useTranslation } from 'react-i18next'
import type { CardRecord } from '../../../../shared/schema/records/card'
import type { ConnectorRecord } from '../../../../shared/schema/records/connector'
import { isOverdue, linksOf, sortActions } from '../../../../shared/logic/challengeBoard'
import { matchesTagFilter, type TagFilter } from '../../../../shared/logic/tags'
import { TagBadges } from './CardTags'
import { DueDateInput, OwnerInput, StatusControl } from './actionFields'

interface ActionListProps {
  cards: readonly CardRecord[]
  connectors: readonly ConnectorRecord[]
  /** Rows that do not match are left out (the board's count says how many are shown). */
  filter: TagFilter
  today: string
  suggestionsId: string
  onChange(id: string, patch: Partial<Pick<CardRecord, 'owner' | 'dueDate' | 'status'>>): void
}

/**
 * The outcome that goes into the minutes: every action with who does it, by when, how far it has
 * come, and which solution (and challenge) it serves. Owner, date and status are edited in place.
 */
export function ActionList({ cards, connectors, filter, today, suggestionsId, onChange }: ActionListProps) {
  const { t } = useTranslation('challenges')
  const byId = new Map(cards.map((c) => [c.id, c]))
  const textOf = (id: string) => {
    const text = byId.get(id)?.text.trim()
    return text ? text : t('card.empty')
  }
  const all = cards.filter((c) => c.lane === 'action')
  if (all.length === 0) return <p className="csa-list__empty">{t('list.empty')}</p>
  const actions = sortActions(all.filter((c) => matchesTagFilter(c, filter)))
  if (actions.length === 0) return <p className="csa-list__empty" data-testid="action-list-none-match">{t('list.noneMatch')}</p>

  return (
    <table className="csa-list" data-testid="action-list">
      <caption>{t('list.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('list.text')}</th>
          <th scope="col">{t('list.owner')}</th>
          <th scope="col">{t('list.due')}</th>
          <th scope="col">{t('list.status')}</th>
          <th scope="col">{t('list.serves')}</th>
        </tr>
      </thead>
      <tbody>
        {actions.map((action) => {
          const solutions = linksOf(action.id, connectors).filter((l) => l.role === 'carriesOut')
          const overdue = isOverdue(action.dueDate, today, action.status)
          const done = action.status === 'done'
          return (
            <tr key={action.id} className={done ? 'csa-list__row csa-list__row--done' : 'csa-list__row'} data-testid="action-row" data-card-id={action.id}>
              <th scope="row" className="csa-list__text">
                {textOf(action.id)}
                <TagBadges value={action} />
                {done ? (
                  <span className="csa-badge csa-badge--done">
                    <span aria-hidden="true">✓ </span>
                    {t('action.statuses.done')}
                  </span>
                ) : null}
              </th>
              <td data-label={t('list.owner')}>
                <OwnerInput value={action.owner} label={`${t('list.owner')}: ${textOf(action.id)}`} suggestionsId={suggestionsId} onCommit={(owner) => onChange(action.id, { owner })} />
              </td>
              <td data-label={t('list.due')}>
                <DueDateInput value={action.dueDate} label={`${t('list.due')}: ${textOf(action.id)}`} onCommit={(dueDate) => onChange(action.id, { dueDate })} />
                {overdue ? <span className="csa-badge csa-badge--overdue">{t('action.overdue')}</span> : null}
              </td>
              <td data-label={t('list.status')}>
                <StatusControl value={action.status} name={`list-status-${action.id}`} label={`${t('list.status')}: ${textOf(action.id)}`} onCommit={(status) => onChange(action.id, { status })} />
              </td>
              <td data-label={t('list.serves')}>
                {solutions.length === 0 ? (
                  <span className="muted">{t('list.none')}</span>
                ) : (
                  <ul className="csa-list__serves">
                    {solutions.map((s) => {
                      const challenges = linksOf(s.otherId, connectors).filter((l) => l.role === 'answers')
                      return (
                        <li key={s.connectorId}>
                          {textOf(s.otherId)}
                          {challenges.length > 0 ? (
                            <span className="csa-list__via">
                              {' '}
                              ({t('list.via')} {challenges.map((c) => t('list.quoted', { text: textOf(c.otherId) })).join(', ')})
                            </span>
                          ) : null}
                        </li>
                      )
                    })}
                  </ul>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
