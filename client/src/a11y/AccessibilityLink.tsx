import { useTranslation } from 'react-i18next'
import { onLinkClick } from '../lib/navigation'

/** The way to the accessibility statement, from the home page footer and the workshop view. */
export function AccessibilityLink({ className }: { className?: string }) {
  const { t } = useTranslation('a11y')
  return (
    <a href="/accessibility" className={className ?? 'a11y-link'} onClick={onLinkClick({ page: 'accessibility' })}>
      {t('link')}
    </a>
  )
}
