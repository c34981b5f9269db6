import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatCalendarDate } from '../../i18n/format'
import { actionStatuses, OWNER_MAX, type ActionStatus } from '../../../../shared/schema/records/card'

/**
 * The fields an action carries, used on the card and in the action list. Text fields keep a draft
 * only while focused and commit on blur or Enter, so a remote change shows as soon as the person
 * leaves the field and never overwrites what they are typing.
 */
export function OwnerInput({ value, label, suggestionsId, onCommit }: { value: string; label: string; suggestionsId: string; onCommit(owner: string): void }) {
  const { t } = useTranslation('challenges')
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft.trim() !== value) onCommit(draft.trim())
    setDraft(null)
  }
  return (
    <input
      className="csa-input"
      type="text"
      aria-label={label}
      placeholder={t('action.ownerPlaceholder')}
      list={suggestionsId}
      maxLength={OWNER_MAX}
      value={draft ?? value}
      onFocus={() => setDraft(value)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          commit()
        } else if (e.key === 'Escape') {
          setDraft(value)
        }
      }}
    />
  )
}

/**
 * The due date, shown once in the UI language's format (a button); pressing it opens the
 * browser's date field to change it. The date field alone wrote the date in the browser's own
 * locale (an English Chromium showed 03/14/2027 on a Norwegian board), next to our "14. mars 2027".
 */
export function DueDateInput({ value, label, onCommit, testId }: { value: string; label: string; onCommit(dueDate: string): void; testId?: string }) {
  const { t, i18n } = useTranslation('challenges')
  const [editing, setEditing] = useState(false)
  if (!editing) {
    const shown = value ? formatDueDate(value, i18n.language) : t('action.dueNone')
    return (
      <button type="button" className="csa-input csa-input--date csa-date-button" aria-label={`${label}: ${shown}`} onClick={() => setEditing(true)} data-testid={testId}>
        {shown}
      </button>
    )
  }
  return (
    <input
      className="csa-input csa-input--date"
      type="date"
      aria-label={label}
      value={value}
      autoFocus
      onBlur={() => setEditing(false)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'Escape') {
          e.preventDefault()
          setEditing(false)
        }
      }}
      onChange={(e) => {
        // The browser reports '' while a typed date is incomplete; only whole dates (or clearing) are stored.
        if (e.target.value !== value && (e.target.value === '' || /^\d{4}-\d{2}-\d{2}$/.test(e.target.value))) onCommit(e.target.value)
      }}
    />
  )
}

/** Open / in progress / done as a segmented control of radio buttons (arrow keys move between them). */
export function StatusControl({ value, name, label, onCommit }: { value: ActionStatus; name: string; label: string; onCommit(status: ActionStatus): void }) {
  const { t } = useTranslation('challenges')
  return (
    <fieldset className="csa-status">
      <legend className="visually-hidden">{label}</legend>
      {actionStatuses.map((status) => (
        <label key={status} className={`csa-status__option csa-status__option--${status}`}>
          <input type="radio" name={name} value={status} checked={value === status} onChange={() => onCommit(status)} />
          <span>
            {status === 'done' ? <span aria-hidden="true">✓ </span> : null}
            {t(`action.statuses.${status}`)}
          </span>
        </label>
      ))}
    </fieldset>
  )
}

/** A `YYYY-MM-DD` date in the UI language; the date is a calendar day, so it is formatted as UTC. */
export function formatDueDate(dueDate: string, language: string): string {
  return formatCalendarDate(dueDate, language)
}

/** Owner suggestions: the names on the linked stakeholder map, once each, sorted for the language. */
export function OwnerSuggestions({ id, names }: { id: string; names: readonly string[] }) {
  return (
    <datalist id={id}>
      {names.map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  )
}
