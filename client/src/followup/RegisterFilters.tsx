import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { actionStatuses } from '../../../shared/schema/records/card'
import { sustainabilityDimensions } from '../../../shared/schema/tags'
import { noFilters, type RegisterFilters } from './followupApi'

const views = ['all', 'mine', 'workshops', 'overdue'] as const
const goals = Array.from({ length: 17 }, (_, i) => i + 1)

/** The register's views (one of four) and its filters; every change asks the server again. */
export function RegisterFilterForm({ filters, onChange }: { filters: RegisterFilters; onChange: (next: RegisterFilters) => void }) {
  const { t } = useTranslation('followup')
  const { t: tc } = useTranslation('challenges')
  const { t: tags } = useTranslation('tags')
  const id = useId()
  const set = <K extends keyof RegisterFilters>(key: K, value: RegisterFilters[K]) => onChange({ ...filters, [key]: value })
  const filtered = JSON.stringify({ ...filters, view: 'all' }) !== JSON.stringify(noFilters)
  return (
    <div className="register-filters">
      <fieldset className="register-views">
        <legend>{t('register.views.legend')}</legend>
        {views.map((view) => (
          <label key={view} className={filters.view === view ? 'register-views__option register-views__option--on' : 'register-views__option'}>
            <input type="radio" name={`${id}-view`} value={view} checked={filters.view === view} onChange={() => set('view', view)} />
            {t(`register.views.${view}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="register-filters__fields">
        <legend>{t('register.filters.heading')}</legend>
        <label className="field">
          <span className="field__label">{t('register.filters.status')}</span>
          <select value={filters.status} onChange={(e) => set('status', e.target.value as RegisterFilters['status'])}>
            <option value="">{t('register.filters.anyStatus')}</option>
            {actionStatuses.map((status) => (
              <option key={status} value={status}>
                {tc(`action.statuses.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('register.filters.owner')}</span>
          <input type="search" value={filters.owner} maxLength={80} autoComplete="off" onChange={(e) => set('owner', e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('register.filters.dueFrom')}</span>
          <input type="date" value={filters.dueFrom} onChange={(e) => set('dueFrom', e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('register.filters.dueTo')}</span>
          <input type="date" value={filters.dueTo} onChange={(e) => set('dueTo', e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('register.filters.sdg')}</span>
          <select value={filters.sdg} onChange={(e) => set('sdg', e.target.value)}>
            <option value="">{t('register.filters.anySdg')}</option>
            {goals.map((goal) => (
              <option key={goal} value={String(goal)}>
                {goal}. {tags(`sdg.${goal}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('register.filters.dimension')}</span>
          <select value={filters.dimension} onChange={(e) => set('dimension', e.target.value as RegisterFilters['dimension'])}>
            <option value="">{t('register.filters.anyDimension')}</option>
            {sustainabilityDimensions.map((dimension) => (
              <option key={dimension} value={dimension}>
                {tags(`dimension.${dimension}`)}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button type="button" className="button button--quiet register-filters__clear" onClick={() => onChange({ ...noFilters, view: filters.view })}>
            {t('register.filters.clear')}
          </button>
        )}
      </fieldset>
    </div>
  )
}
