import { useTranslation } from 'react-i18next'
import type { Tagged } from '../../../shared/schema/tags'
import { useBoardAccess } from '../session/BoardAccessContext'
import { TagPicker } from '../tags/TagPicker'

/** The record's SDG and dimension tags behind a disclosure, so a card's form stays short. */
export function OutlineTags({ value, onChange, itemName }: { value: Tagged; onChange(next: Tagged): void; itemName: string }) {
  const { t } = useTranslation('outline')
  const { t: tt } = useTranslation('tags')
  const parts = [...value.sdgs.map((n) => t('tags.sdg', { number: n })), ...(value.dimension ? [tt(`dimension.${value.dimension}`)] : [])]
  const { canEdit } = useBoardAccess()
  if (!canEdit) {
    return (
      <p className="ol-tags ol-note">
        {t('tags.summary', { name: itemName })}: {parts.length > 0 ? parts.join(', ') : t('tags.none')}
      </p>
    )
  }
  return (
    <details className="ol-tags">
      <summary>
        {t('tags.summary', { name: itemName })}: {parts.length > 0 ? parts.join(', ') : t('tags.none')}
      </summary>
      <TagPicker value={{ sdgs: value.sdgs, dimension: value.dimension }} onChange={onChange} compact />
    </details>
  )
}
