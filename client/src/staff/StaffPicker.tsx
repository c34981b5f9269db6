import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffMember } from '../../../shared/staff'
import { searchStaff } from './staffApi'

/**
 * Finds a colleague by name or e-mail among staff who have signed in at least once (the server
 * knows nobody else), for adding a co-facilitator or handing a workshop over.
 */
export function StaffPicker({
  label,
  hint,
  actionLabel,
  exclude,
  disabled,
  onPick,
}: {
  label: string
  hint: string
  actionLabel: (person: StaffMember) => string
  exclude: readonly string[]
  disabled?: boolean
  onPick: (person: StaffMember) => void
}) {
  const { t } = useTranslation('staff')
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<{ query: string; people: StaffMember[] } | null>(null)
  const hintId = useId()
  const resultsId = useId()
  const trimmed = query.trim()

  useEffect(() => {
    if (trimmed.length < 2) return
    let cancelled = false
    // A short pause while typing, so a name is not looked up letter by letter.
    const timer = window.setTimeout(() => {
      void searchStaff(trimmed).then((result) => {
        if (!cancelled) setFound({ query: trimmed, people: result.ok ? result.value : [] })
      })
    }, 200)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
    }
  }, [trimmed])

  const people = trimmed.length >= 2 && found?.query === trimmed ? found.people.filter((p) => !exclude.includes(p.id)) : null
  return (
    <div className="staff-picker">
      <label className="field">
        <span className="field__label">{label}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={hintId} autoComplete="off" data-testid="staff-search" />
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      </label>
      <div id={resultsId} aria-live="polite">
        {people && people.length === 0 && <p className="muted">{t('people.noMatches')}</p>}
        {people && people.length > 0 && (
          <ul className="staff-picker__results">
            {people.map((person) => (
              <li key={person.id}>
                <span>
                  <strong>{person.name}</strong>
                  {person.email && <span className="muted"> · {person.email}</span>}
                </span>
                <button
                  type="button"
                  className="button"
                  disabled={disabled}
                  onClick={() => {
                    onPick(person)
                    setQuery('')
                  }}
                >
                  {actionLabel(person)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
