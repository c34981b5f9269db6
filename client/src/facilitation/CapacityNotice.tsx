import { useTranslation } from 'react-i18next'
import { formatNumber, formatPercent } from '../i18n/format'
import { useCapacity } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'

function megabytes(bytes: number, language: string): string {
  return `${formatNumber(bytes / 1_000_000, language, { maximumFractionDigits: 1 })} MB`
}

/**
 * The workshop nears or has reached its size cap (server/limits): the facilitator sees it coming,
 * at 80 %, before participants' new notes are refused.
 */
export function CapacityNotice({ store }: { store: WorkshopStore }) {
  const { t, i18n } = useTranslation('facilitation')
  const capacity = useCapacity(store)
  if (!capacity || capacity.level === 'ok') return null
  const language = i18n.resolvedLanguage ?? i18n.language
  const values = {
    percent: formatPercent(Math.floor((100 * capacity.storedBytes) / capacity.maxBytes), language),
    used: megabytes(capacity.storedBytes, language),
    max: megabytes(capacity.maxBytes, language),
  }
  return (
    <p className="notice facilitation__notice facilitation__notice--warning" role="status" data-testid="capacity-notice">
      {capacity.level === 'full' ? t('capacity.full', values) : t('capacity.warning', values)}
    </p>
  )
}
