import { useTranslation } from 'react-i18next'
import { onLinkClick } from '../lib/navigation'

/** The logo, always a way back home. */
export function Brand({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('app')
  return (
    <a href="/" className="brand" onClick={onLinkClick({ page: 'home' })} aria-label={compact ? t('brand.home') : undefined}>
      <img src="/favicon.svg" alt="" width="28" height="28" />
      <span className={compact ? 'brand__name brand__name--compact' : 'brand__name'}>Samskap</span>
    </a>
  )
}
