import { useEffect, useId, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { TemplateSummary } from '../../../shared/followup/workshopTemplate'
import { starterKits, type StarterKit } from '../../../shared/logic/templates'
import { formatDateTime, intlLocale } from '../i18n/format'
import { templateRefusalText } from './templateRefusal'
import { deleteTemplate, fetchTemplates } from './templatesApi'
import './templates.css'

/** The picker's value for a built-in kit; a template's id never holds a colon (nanoid). */
const KIT_PREFIX = 'kit:'

/** The built-in kit a picker value names, or null for the empty board or a template of one's own. */
export function kitOfChoice(value: string): StarterKit | null {
  const kit = value.startsWith(KIT_PREFIX) ? value.slice(KIT_PREFIX.length) : null
  return (starterKits as readonly string[]).includes(kit ?? '') ? (kit as StarterKit) : null
}

/**
 * "Start from" in "new workshop": the built-in starts (the empty board and the kits the product has,
 * shared/logic/templates.ts `starterKits`) for everyone who may create; for signed-in staff
 * (`withOwn`) then the templates colleagues saved (name, maker, date, language), each deletable by
 * its maker or an administrator. `value` is '' for the empty board, `kit:<kit>` for a kit, else the
 * chosen template's id.
 */
export function TemplatePicker({ value, onChange, withOwn = true }: { value: string; onChange: (choice: string) => void; withOwn?: boolean }) {
  const { t, i18n } = useTranslation('templates')
  const { t: tBoards } = useTranslation('boards')
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const name = useId()

  useEffect(() => {
    if (!withOwn) return
    let cancelled = false
    void fetchTemplates().then((result) => {
      if (cancelled) return
      if (result.ok) setTemplates(result.value)
      else setError(templateRefusalText(t, (key) => i18n.exists(key), result))
    })
    return () => {
      cancelled = true
    }
  }, [t, i18n, withOwn])

  async function remove(template: TemplateSummary) {
    setError(null)
    const result = await deleteTemplate(template.id)
    setConfirming(null)
    if (!result.ok && result.status !== 404) return setError(templateRefusalText(t, (key) => i18n.exists(key), result))
    setTemplates((list) => list?.filter((entry) => entry.id !== template.id) ?? null)
    if (value === template.id) onChange('')
  }

  const languageName = (language: string) => new Intl.DisplayNames([intlLocale()], { type: 'language' }).of(language) ?? language
  return (
    <fieldset className="template-picker" data-testid="template-picker">
      <legend className="field__label">{t('picker.legend')}</legend>
      <label className="template-choice">
        <input type="radio" name={name} value="" checked={value === ''} onChange={() => onChange('')} />
        <span className="template-choice__text">
          <span className="template-choice__name">{t('picker.empty')}</span>
          <span className="template-choice__meta">{t('picker.emptyHint')}</span>
        </span>
      </label>
      {starterKits.map((kit) => (
        <label key={kit} className="template-choice">
          <input type="radio" name={name} value={KIT_PREFIX + kit} checked={value === KIT_PREFIX + kit} onChange={() => onChange(KIT_PREFIX + kit)} />
          <span className="template-choice__text">
            <span className="template-choice__name">{tBoards(`templates.${kit}.title`)}</span>
            <span className="template-choice__meta">{tBoards(`templates.${kit}.description`, kitTitles(tBoards))}</span>
          </span>
        </label>
      ))}
      {templates?.map((template) => (
        <div key={template.id} className="template-choice__row">
          <label className="template-choice">
            <input type="radio" name={name} value={template.id} checked={value === template.id} onChange={() => onChange(template.id)} />
            <span className="template-choice__text">
              <span className="template-choice__name">{template.name}</span>
              <span className="template-choice__meta">
                {t('picker.meta', {
                  maker: template.createdByName ?? t('picker.formerColleague'),
                  date: formatDateTime(template.createdAt, undefined, { dateStyle: 'medium' }),
                  language: languageName(template.language),
                  count: template.boards,
                })}
              </span>
            </span>
          </label>
          {template.mayDelete &&
            (confirming === template.id ? (
              <span className="template-choice__confirm">
                <span>{t('picker.confirmDelete', { name: template.name })}</span>
                <button type="button" className="button button--danger" onClick={() => void remove(template)} data-testid="template-delete-confirm">
                  {t('picker.delete')}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(null)}>
                  {t('picker.keep')}
                </button>
              </span>
            ) : (
              <button type="button" className="button template-choice__delete" onClick={() => setConfirming(template.id)} aria-label={t('picker.deleteNamed', { name: template.name })}>
                {t('picker.delete')}
              </button>
            ))}
        </div>
      ))}
      {withOwn && templates?.length === 0 && <p className="field__hint">{t('picker.none')}</p>}
      <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
    </fieldset>
  )
}

/** A kit's board titles in the person's language: what "Add board" names new boards (boards.json). */
export function kitTitles(t: TFunction<'boards'>): { stakeholderMap: string; involvementMatrix: string; challengeBoard: string } {
  return {
    stakeholderMap: t('templates.stakeholderMap.title'),
    involvementMatrix: t('templates.involvementMatrix.title'),
    challengeBoard: t('templates.challengeBoard.title'),
  }
}
