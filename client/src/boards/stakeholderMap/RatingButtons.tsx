import { useId } from 'react'
import { useTranslation } from 'react-i18next'

interface RatingButtonsProps {
  label: string
  value: number
  onChange(value: number): void
  testId?: string
}

/** 1–5 as a row of large radio buttons: easy on a tablet, the number is always written. */
export function RatingButtons({ label, value, onChange, testId }: RatingButtonsProps) {
  const { t } = useTranslation('stakeholderMap')
  const labelId = useId()
  const hintId = useId()
  return (
    <div className="sm-field">
      <span className="sm-field__label" id={labelId}>
        {label}
      </span>
      <div className="sm-segmented" role="radiogroup" aria-labelledby={labelId} aria-describedby={hintId} data-testid={testId}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={n === value}
            aria-label={t('panel.ratingValue', { label, value: n })}
            className="sm-segmented__option"
            tabIndex={n === value ? 0 : -1}
            onClick={() => onChange(n)}
            onKeyDown={(e) => {
              const next = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? n + 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? n - 1 : null
              if (next === null || next < 1 || next > 5) return
              e.preventDefault()
              onChange(next)
              const group = e.currentTarget.parentElement
              ;(group?.querySelectorAll('button')[next - 1] as HTMLButtonElement | undefined)?.focus()
            }}
          >
            {n}
          </button>
        ))}
      </div>
      <span className="sm-field__hint" id={hintId}>
        {t('panel.ratingHint')}
      </span>
    </div>
  )
}
