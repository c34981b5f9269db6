import { useTranslation } from 'react-i18next'
import { noteColors, type NoteColor } from '../../../shared/schema/records/note'
import { icons } from './icons'
import { notePalette } from './notePalette'

interface SelectionToolbarProps {
  count: number
  /** The colour all selected notes share, if they do. */
  currentColor: NoteColor | null
  onColor(color: NoteColor): void
  onDelete(): void
}

/** Colour and delete for the selected notes, at the top edge so fingers do not cover the notes. */
export function SelectionToolbar({ count, currentColor, onColor, onDelete }: SelectionToolbarProps) {
  const { t } = useTranslation('canvas')
  return (
    <div className="sk-selection-toolbar" role="toolbar" aria-label={t('selectionLabel')}>
      <span className="sk-visually-hidden" aria-live="polite">
        {t('selectedCount', { count })}
      </span>
      {noteColors.map((color) => {
        const label = t('colorLabel', { color: t(`colors.${color}`) })
        return (
          <button
            key={color}
            type="button"
            className="sk-tool sk-swatch-button"
            aria-label={label}
            title={label}
            aria-pressed={currentColor === color}
            onClick={() => onColor(color)}
          >
            <span className="sk-swatch" style={{ background: notePalette[color].fill, borderColor: notePalette[color].edge }} aria-hidden="true" />
          </button>
        )
      })}
      <span className="sk-toolbar-divider" aria-hidden="true" />
      <button type="button" className="sk-tool" aria-label={t('delete')} title={t('delete')} onClick={onDelete}>
        {icons.trash}
      </button>
    </div>
  )
}
