import { useTranslation } from 'react-i18next'
import { onLinkClick } from '../lib/navigation'

/** The way to the privacy statement, from the join and phone pages (beside the accessibility link). */
export function PrivacyLink({ className }: { className?: string }) {
  const { t } = useTranslation('privacy')
  return (
    <a href="/privacy" className={className ?? 'a11y-link'} onClick={onLinkClick({ page: 'privacy' })}>
      {t('link')}
    </a>
  )
}
