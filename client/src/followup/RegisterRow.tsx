import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ActionRow, LinkedCard } from '../../../shared/followup/actionRegister'
import { isOverdue } from '../../../shared/logic/challengeBoard'
import { actionStatuses, type ActionStatus } from '../../../shared/schema/records/card'
import { formatCalendarDate } from '../i18n/format'

/** Where a row's card is on its board: the board opens with the card selected and in view. */
export function itemHref(workshopId: string, boardId: string, itemId: string): string {
  return `/w/${encodeURIComponent(workshopId)}?board=${encodeURIComponent(boardId)}&item=${encodeURIComponent(itemId)}`
}

interface RegisterRowProps {
  row: ActionRow
  today: string
  /** Sends a change; resolves when the server answered (the page says how it went). */
  onChange: (row: ActionRow, change: { status?: ActionStatus; dueDate?: string }) => Promise<boolean>
}

/**
 * One action of the register: what, who, by when, its status (both changeable), and what it serves
 * with the dots each got. A list item rather than a table row, so it reads the same on a phone.
 */
export function RegisterRow({ row, today, onChange }: RegisterRowProps) {
  const { t, i18n } = useTranslation('followup')
  const { t: tc } = useTranslation('challenges')
  const [due, setDue] = useState(row.dueDate)
  const [busy, setBusy] = useState(false)
  const dueId = useId()
  const statusId = useId()
  useEffect(() => setDue(row.dueDate), [row.dueDate])
  const text = row.text || t('register.row.empty')
  const overdue = isOverdue(row.dueDate, today, row.status)

  async function send(change: { status?: ActionStatus; dueDate?: string }) {
    setBusy(true)
    const saved = await onChange(row, change)
    setBusy(false)
    if (!saved) setDue(row.dueDate)
  }

  return (
    <li className={`register-row register-row--${row.status}`} data-testid="register-row" data-card-id={row.cardId}>
      <div className="register-row__main">
        <a className="register-row__text" href={itemHref(row.workshopId, row.boardId, row.cardId)} title={t('register.row.open')}>
          {text}
          {row.dots > 0 && <Dots count={row.dots} />}
        </a>
        <span className="register-row__where">
          {t('register.row.where', { workshop: row.workshopTitle, board: row.boardTitle })}
          {row.origin && <span className="register-row__origin"> · {t('register.row.followedFrom')}</span>}
        </span>
        <dl className="register-row__serves">
          {row.solution ? (
            <Served label={t('register.row.solution')} card={row.solution} href={itemHref(row.workshopId, row.boardId, row.solution.id)} />
          ) : (
            <div className="register-row__served register-row__served--none">{t('register.row.notLinked')}</div>
          )}
          {row.challenge && <Served label={t('register.row.challenge')} card={row.challenge} href={itemHref(row.workshopId, row.boardId, row.challenge.id)} />}
        </dl>
      </div>
      <div className="register-row__fields">
        <div className="register-row__field">
          <span className="register-row__label">{t('register.row.owner')}</span>
          <span className={row.owner ? 'register-row__owner' : 'register-row__owner muted'}>{row.owner || t('register.row.noOwner')}</span>
        </div>
        <div className="register-row__field">
          <label className="register-row__label" htmlFor={dueId}>
            {t('register.row.due')}
            {overdue && <span className="register-row__overdue"> · {t('register.row.overdue')}</span>}
          </label>
          <input
            id={dueId}
            type="date"
            value={due}
            disabled={busy}
            aria-label={t('register.row.dueLabel', { text })}
            aria-describedby={overdue ? `${dueId}-overdue` : undefined}
            onChange={(e) => setDue(e.target.value)}
            onBlur={() => {
              if (due !== row.dueDate) void send({ dueDate: due })
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && due !== row.dueDate) void send({ dueDate: due })
            }}
          />
          {overdue && (
            <span id={`${dueId}-overdue`} className="visually-hidden">
              {t('register.row.overdue')}: {formatCalendarDate(row.dueDate, i18n.resolvedLanguage)}
            </span>
          )}
        </div>
        <div className="register-row__field">
          <label className="register-row__label" htmlFor={statusId}>
            {t('register.row.status')}
          </label>
          <select
            id={statusId}
            value={row.status}
            disabled={busy}
            aria-label={t('register.row.statusLabel', { text })}
            data-testid="register-status"
            onChange={(e) => void send({ status: e.target.value as ActionStatus })}
          >
            {actionStatuses.map((status) => (
              <option key={status} value={status}>
                {tc(`action.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </li>
  )
}

function Served({ label, card, href }: { label: string; card: LinkedCard; href: string }) {
  const { t } = useTranslation('followup')
  return (
    <div className="register-row__served">
      <dt>{label}</dt>
      <dd>
        <a href={href}>{card.text || t('register.row.empty')}</a>
        {card.dots > 0 && <Dots count={card.dots} />}
      </dd>
    </div>
  )
}

/** Dots from the last closed vote: seen as dots, read as "3 dots". */
export function Dots({ count }: { count: number }) {
  const { t } = useTranslation('followup')
  return (
    <span className="register-dots" title={t('register.row.dots', { count })}>
      <span aria-hidden="true">●&nbsp;{count}</span>
      <span className="visually-hidden">{t('register.row.dots', { count })}</span>
    </span>
  )
}
