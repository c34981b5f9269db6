import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Tagged } from '../../../../shared/schema/tags'
import { SdgBadge, TagPicker } from '../../tags/TagPicker'

/**
 * A card's goals and dimension as text-bearing badges: each goal's colour square carries its number,
 * and the goal's name is in the accessible name and the tooltip, so colour is never the only cue.
 */
export function TagBadges({ value }: { value: Tagged }) {
  const { t } = useTranslation('challenges')
  const { t: tt } = useTranslation('tags')
  if (value.sdgs.length === 0 && value.dimension === '') return null
  return (
    <ul className="csa-tags" aria-label={t('tags.label')} data-testid="card-tags">
      {value.sdgs.map((n) => {
        const label = tt('sdgLabel', { number: n, name: tt(`sdg.${n}`) })
        return (
          <li key={n} className="csa-tags__sdg" title={label} data-testid="card-sdg" data-sdg={n}>
            <SdgBadge number={n} />
            <span className="visually-hidden">{label}</span>
          </li>
        )
      })}
      {value.dimension !== '' ? (
        <li className="csa-tags__dimension" data-testid="card-dimension" data-dimension={value.dimension}>
          <span className="visually-hidden">{tt('dimensionLegend')}: </span>
          {tt(`dimension.${value.dimension}`)}
        </li>
      ) : null}
    </ul>
  )
}

interface TaggerProps {
  value: Tagged
  /** Names the card in the button's accessible name, since every card has one. */
  cardText: string
  onChange(next: Tagged): void
}

/** The card's "Tagger" button and its popover with the tag picker; every tick is committed at once. */
export function Tagger({ value, cardText, onChange }: TaggerProps) {
  const { t } = useTranslation('challenges')
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const popoverRef = useRef<HTMLDivElement>(null)
  const headingId = useId()
  const count = value.sdgs.length + (value.dimension === '' ? 0 : 1)

  useEffect(() => {
    if (!open) return
    const onPointer = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    // On a phone the card's bar is often near the bottom edge: bring the picker into view.
    popoverRef.current?.scrollIntoView({ block: 'nearest' })
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }

  return (
    <div
      className="csa-tagger"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation()
          close()
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="csa-small-button"
        aria-expanded={open}
        aria-label={t('tags.button', { text: cardText })}
        onClick={() => setOpen(!open)}
        data-testid="card-tagger"
      >
        <span aria-hidden="true"># </span>
        {t('tags.short')}
        {count > 0 ? <span className="csa-count">{count}</span> : null}
      </button>
      {open ? (
        <div ref={popoverRef} className="csa-tagger__popover" role="dialog" aria-labelledby={headingId} data-testid="card-tag-picker">
          <div className="csa-tagger__head">
            <h3 id={headingId}>{t('tags.title')}</h3>
            <button type="button" className="csa-small-button" onClick={close}>
              {t('tags.done')}
            </button>
          </div>
          <TagPicker compact value={value} onChange={onChange} />
        </div>
      ) : null}
    </div>
  )
}
