import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ActionRow } from '../../../shared/followup/actionRegister'
import { FollowUpButton } from './FollowUpButton'

/** From the register: pick a workshop with open actions and start its follow-up. */
export function FollowUpSection({ rows }: { rows: readonly ActionRow[] }) {
  const { t } = useTranslation('followup')
  const headingId = useId()
  const selectId = useId()
  const workshops = useMemo(() => {
    const open = new Map<string, { title: string; count: number }>()
    for (const row of rows) {
      if (row.status === 'done') continue
      const entry = open.get(row.workshopId) ?? { title: row.workshopTitle, count: 0 }
      entry.count++
      open.set(row.workshopId, entry)
    }
    return [...open.entries()].map(([id, entry]) => ({ id, ...entry }))
  }, [rows])
  const [chosen, setChosen] = useState('')
  const selected = workshops.find((w) => w.id === chosen) ?? workshops[0]
  return (
    <section className="register-follow-up" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('register.followUp.heading')}</h2>
      <p className="muted">{t('register.followUp.intro')}</p>
      {selected ? (
        <div className="register-follow-up__form">
          <label className="field" htmlFor={selectId}>
            <span className="field__label">{t('register.followUp.workshop')}</span>
            <select id={selectId} value={selected.id} onChange={(e) => setChosen(e.target.value)}>
              {workshops.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.title} ({t('register.followUp.openActions', { count: w.count })})
                </option>
              ))}
            </select>
          </label>
          <FollowUpButton key={selected.id} workshopId={selected.id} title={selected.title} className="button button--primary" />
        </div>
      ) : (
        <p className="muted">{t('register.followUp.none')}</p>
      )}
    </section>
  )
}
