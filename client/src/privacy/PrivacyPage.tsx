import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parsePrivacyInfo, type PrivacyInfo } from '../../../shared/privacy'
import { parseAccessibilityContact } from '../a11y/accessibilityContact'
import { formatCalendarDate } from '../i18n/format'
import { ContactValue, StatementPage } from '../ui/StatementPage'

/** When the statement was last checked against what the app stores; update it with every revision. */
export const PRIVACY_STATEMENT_DATE = '2026-12-06'

/** What is stored about a resident, in the order the page lists it (privacy.json `stored.*`). */
const storedKeys = ['nickname', 'notes', 'votes', 'memory', 'device', 'logs'] as const

type Settings = { status: 'loading' } | { status: 'loaded'; info: PrivacyInfo } | { status: 'failed' }

/**
 * The privacy statement (personvernerklæring) for residents, beside the accessibility statement:
 * who is responsible (the operator's settings, GET /api/privacy), what is stored about a person who
 * takes part and where, for how long, their rights and where to complain. Keep it true: when what
 * Samskap stores changes, edit privacy.json (all languages) and PRIVACY_STATEMENT_DATE.
 */
export function PrivacyPage() {
  const { t, i18n } = useTranslation('privacy')
  const settings = usePrivacySettings()
  const date = formatCalendarDate(PRIVACY_STATEMENT_DATE, i18n.language, { dateStyle: 'long' })
  const info = settings.status === 'loaded' ? settings.info : null
  const contact = parseAccessibilityContact(info?.contact)
  return (
    <StatementPage documentTitle={t('documentTitle')} back={t('back')} heading={t('heading')} busy={settings.status === 'loading'}>
      <p>{t('intro')}</p>

      <h2>{t('controllerHeading')}</h2>
      {settings.status === 'failed' && <p role="status">{t('settingsUnavailable')}</p>}
      <p data-testid="privacy-controller">{info?.controller ? t('controller', { controller: info.controller }) : t('controllerMissing')}</p>
      {contact ? (
        <p data-testid="privacy-contact">
          {t('contact')} <ContactValue contact={contact} />
        </p>
      ) : (
        <p data-testid="privacy-contact">{t('contactMissing')}</p>
      )}

      <h2>{t('storedHeading')}</h2>
      <ul>
        {storedKeys.map((key) => (
          <li key={key}>{t(`stored.${key}`)}</li>
        ))}
      </ul>
      <h2>{t('nothingElseHeading')}</h2>
      <p>{t('nothingElse')}</p>

      <h2>{t('retentionHeading')}</h2>
      <p data-testid="privacy-retention">{info ? t('retention', { count: info.retentionDays }) : t('retentionUnknown')}</p>
      <p>{t('retentionHistory')}</p>

      <h2>{t('rightsHeading')}</h2>
      <p>{t('rights')}</p>
      <p>{t('rightsSelf')}</p>
      <p>{t('rightsContact')}</p>

      <h2>{t('complaintHeading')}</h2>
      <p>
        {t('complaint')} <a href={t('complaintUrl')}>{t('complaintAuthority')}</a>.
      </p>

      <h2>{t('dateHeading')}</h2>
      <p>{t('date', { date })}</p>
    </StatementPage>
  )
}

/** The operator's settings, fetched once per visit; offline or a broken answer is `failed`, shown as such. */
function usePrivacySettings(): Settings {
  const [settings, setSettings] = useState<Settings>({ status: 'loading' })
  useEffect(() => {
    const abort = new AbortController()
    fetch('/api/privacy', { signal: abort.signal })
      .then(async (response) => {
        const info = response.ok ? parsePrivacyInfo(await response.json()) : null
        setSettings(info ? { status: 'loaded', info } : { status: 'failed' })
      })
      .catch(() => {
        if (!abort.signal.aborted) setSettings({ status: 'failed' })
      })
    return () => abort.abort()
  }, [])
  return settings
}
