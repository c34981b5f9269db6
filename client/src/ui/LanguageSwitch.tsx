import { useTranslation } from 'react-i18next'
import { matchLanguage, setLanguage, supportedLanguages, type SupportedLanguage } from '../i18n/i18n'

/** Each language is named in itself, so someone who cannot read the current one still finds theirs. */
const languageNames: Record<SupportedLanguage, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  da: 'Dansk',
  sv: 'Svenska',
  en: 'English',
}

/**
 * The language select. `compact` (the workshop's top bar) shows a globe and the language's code
 * ("NB") instead of its name, so the language fits in the bar's one row; the list still names each
 * language in itself, and screen readers hear the name.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation('app')
  const current = matchLanguage(i18n.resolvedLanguage ?? i18n.language) ?? 'nb'
  return (
    <label className={compact ? 'language-switch language-switch--compact' : 'language-switch'} title={compact ? `${t('language.label')}: ${languageNames[current]}` : undefined}>
      <span className="visually-hidden">{t('language.label')}</span>
      <span aria-hidden="true" className="language-switch__icon">
        <GlobeIcon />
      </span>
      {compact && (
        <span aria-hidden="true" className="language-switch__code">
          {current}
        </span>
      )}
      <select
        value={current}
        onChange={(e) => setLanguage(e.target.value as SupportedLanguage)}
        data-testid="language-switch"
      >
        {supportedLanguages.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {languageNames[lng]}
          </option>
        ))}
      </select>
    </label>
  )
}

function GlobeIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  )
}
