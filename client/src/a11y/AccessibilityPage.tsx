import { useTranslation } from 'react-i18next'
import { formatCalendarDate } from '../i18n/format'
import { ContactValue, StatementPage } from '../ui/StatementPage'
import { accessibilityContact } from './accessibilityContact'

/** When the statement was last checked against the app; update it with every revision. */
export const STATEMENT_DATE = '2026-12-05'

const UUTILSYNET_URL = 'https://www.uutilsynet.no/'

const limitKeys = ['canvas', 'drawings', 'colour', 'announcements'] as const

/**
 * The accessibility statement (tilgjengelighetserklæring), in the order Norwegian public bodies
 * publish it (uutilsynet's template): the service, the requirement, the status, what is not
 * accessible and why, feedback and contact, complaints, the date.
 */
export function AccessibilityPage() {
  const { t, i18n } = useTranslation('a11y')
  const date = formatCalendarDate(STATEMENT_DATE, i18n.language, { dateStyle: 'long' })
  const contact = accessibilityContact
  return (
    <StatementPage documentTitle={t('statement.documentTitle')} back={t('statement.back')} heading={t('statement.heading')}>
      <p>{t('statement.intro')}</p>

      <h2>{t('statement.obligationHeading')}</h2>
      <p>{t('statement.obligation')}</p>

      <h2>{t('statement.statusHeading')}</h2>
      <p>{t('statement.status')}</p>

      <h2>{t('statement.limitsHeading')}</h2>
      <ul>
        {limitKeys.map((key) => (
          <li key={key}>{t(`statement.limits.${key}`)}</li>
        ))}
      </ul>

      <h2>{t('statement.feedbackHeading')}</h2>
      {contact ? (
        <p>
          {t('statement.feedback')} <ContactValue contact={contact} />
        </p>
      ) : (
        <p>{t('statement.contactMissing')}</p>
      )}

      <h2>{t('statement.complaintHeading')}</h2>
      <p>
        {t('statement.complaint')} <a href={UUTILSYNET_URL}>{t('statement.complaintLink')}</a>
      </p>

      <h2>{t('statement.dateHeading')}</h2>
      <p>
        {t('statement.date', { date })} {t('statement.source')}
      </p>
    </StatementPage>
  )
}
