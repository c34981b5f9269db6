import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TemplateSummary } from '../../../shared/followup/workshopTemplate'
import { formatDateTime, intlLocale } from '../i18n/format'
import { templateRefusalText } from './templateRefusal'
import { deleteTemplate, fetchTemplates } from './templatesApi'
import './templates.css'

/**
 * "Start from" in "new workshop" for signed-in staff: the built-in empty board, then the templates
 * colleagues saved (name, maker, date, language), each deletable by its maker or an administrator.
 * `value` is the chosen template's id, '' for the built-in start.
 */
export function TemplatePicker({ value, onChange }: { value: string; onChange: (templateId: string) => void }) {
  const { t, i18n } = useTranslation('templates')
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const name = useId()

  useEffect(() => {
    let cancelled = false
    void fetchTemplates().then((result) => {
      if (cancelled) return
      if (result.ok) setTemplates(result.value)
      else setError(templateRefusalText(t, (key) => i18n.exists(key), result))
    })
    return () => {
      cancelled = true
    }
  }, [t, i18n])

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
      {templates?.length === 0 && <p className="field__hint">{t('picker.none')}</p>}
      <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
    </fieldset>
  )
}
