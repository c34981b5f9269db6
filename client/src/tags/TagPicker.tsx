import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { sdgList, toggleSdg } from '../../../shared/logic/tags'
import { sustainabilityDimensions, type Tagged } from '../../../shared/schema/tags'
import './tags.css'

interface TagPickerProps {
  value: Tagged
  onChange(next: Tagged): void
  /** Fewer columns for narrow popovers. */
  compact?: boolean
}

/**
 * Picks SDGs (checkboxes, each with its number, name and colour square) and one sustainability
 * dimension (radio buttons). Colour is never the only cue: the number is always written.
 */
export function TagPicker({ value, onChange, compact = false }: TagPickerProps) {
  const { t } = useTranslation('tags')
  const name = useId()
  return (
    <div className={`sk-tag-picker${compact ? ' sk-tag-picker-compact' : ''}`}>
      <fieldset className="sk-tag-fieldset">
        <legend>{t('sdgsLegend')}</legend>
        <div className="sk-sdg-grid">
          {sdgList.map((sdg) => {
            const checked = value.sdgs.includes(sdg.number)
            const label = t(`sdg.${sdg.number}`)
            return (
              <label key={sdg.number} className="sk-sdg-option" title={t('sdgLabel', { number: sdg.number, name: label })}>
                <input type="checkbox" checked={checked} onChange={() => onChange({ ...value, sdgs: toggleSdg(value.sdgs, sdg.number) })} />
                <SdgBadge number={sdg.number} />
                <span className="sk-sdg-name">{label}</span>
              </label>
            )
          })}
        </div>
      </fieldset>
      <fieldset className="sk-tag-fieldset">
        <legend>{t('dimensionLegend')}</legend>
        <div className="sk-dimension-row">
          {(['', ...sustainabilityDimensions] as const).map((dimension) => (
            <label key={dimension || 'none'} className="sk-dimension-option">
              <input type="radio" name={name} checked={value.dimension === dimension} onChange={() => onChange({ ...value, dimension })} />
              {t(`dimension.${dimension || 'none'}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {(value.sdgs.length > 0 || value.dimension !== '') && (
        <button type="button" className="sk-tag-clear" onClick={() => onChange({ sdgs: [], dimension: '' })}>
          {t('picker.clear')}
        </button>
      )}
    </div>
  )
}

/** The goal's colour square with its number in white or black, whichever has contrast ≥ 4.5:1. */
export function SdgBadge({ number }: { number: number }) {
  const sdg = sdgList[number - 1]
  if (!sdg) return null
  return (
    <span className="sk-sdg-badge" style={{ background: sdg.color, color: sdg.ink }} aria-hidden="true">
      {sdg.number}
    </span>
  )
}
