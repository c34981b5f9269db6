import { useTranslation } from 'react-i18next'
import { isTagFilterActive, sdgList, toggleSdg, type TagFilter } from '../../../shared/logic/tags'
import { sustainabilityDimensions } from '../../../shared/schema/tags'
import { SdgBadge } from './TagPicker'
import './tags.css'

interface TagFilterBarProps {
  value: TagFilter
  onChange(next: TagFilter): void
  /** "Showing 4 of 12"; left out when the board does not count. */
  count?: { shown: number; total: number }
}

/** Toggle buttons for SDGs (any of) and a dimension choice; the board dims what does not match. */
export function TagFilterBar({ value, onChange, count }: TagFilterBarProps) {
  const { t } = useTranslation('tags')
  return (
    <div className="sk-tag-filter" role="group" aria-label={t('filter.label')}>
      <div className="sk-tag-filter-goals" role="group" aria-label={t('filter.sdgs')}>
        {sdgList.map((sdg) => {
          const label = t('sdgLabel', { number: sdg.number, name: t(`sdg.${sdg.number}`) })
          return (
            <button
              key={sdg.number}
              type="button"
              className="sk-tag-filter-goal"
              aria-pressed={value.sdgs.includes(sdg.number)}
              aria-label={label}
              title={label}
              onClick={() => onChange({ ...value, sdgs: toggleSdg(value.sdgs, sdg.number) })}
            >
              <SdgBadge number={sdg.number} />
            </button>
          )
        })}
      </div>
      <label className="sk-tag-filter-dimension">
        <span>{t('dimensionLegend')}</span>
        <select value={value.dimension} onChange={(e) => onChange({ ...value, dimension: e.target.value as TagFilter['dimension'] })}>
          <option value="">{t('dimension.any')}</option>
          {sustainabilityDimensions.map((d) => (
            <option key={d} value={d}>
              {t(`dimension.${d}`)}
            </option>
          ))}
        </select>
      </label>
      {count && (
        <span className="sk-tag-filter-count" role="status" data-testid="tag-filter-count">
          {t('filter.count', { shown: count.shown, total: count.total })}
        </span>
      )}
      {isTagFilterActive(value) && (
        <button type="button" className="sk-tag-clear" onClick={() => onChange({ sdgs: [], dimension: '' })}>
          {t('filter.clear')}
        </button>
      )}
    </div>
  )
}
