import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TEMPLATE_NAME_MAX, type TemplateSummary } from '../../../shared/followup/workshopTemplate'
import { templateRefusalText } from './templateRefusal'
import { saveTemplate } from './templatesApi'
import './templates.css'

/**
 * "Save as template" in Share, for the workshop's staff: its boards for colleagues to start from
 * (server/http/templatesApi.ts). Says plainly what is left out before anything is saved.
 */
export function SaveTemplateForm({ workshopId }: { workshopId: string }) {
  const { t, i18n } = useTranslation('templates')
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState<TemplateSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const hintId = useId()
  const errorId = useId()
  const trimmed = name.trim()
  const tooLong = trimmed.length > TEMPLATE_NAME_MAX

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (busy) return
    if (trimmed === '' || tooLong) return setError(tooLong ? t('save.tooLong', { max: TEMPLATE_NAME_MAX }) : t('save.nameRequired'))
    setBusy(true)
    setError(null)
    const result = await saveTemplate(workshopId, trimmed)
    setBusy(false)
    if (result.ok) {
      setSaved(result.value)
      setOpen(false)
      setName('')
      return
    }
    setError(templateRefusalText(t, (key) => i18n.exists(key), result))
  }

  if (!open) {
    return (
      <div className="save-template">
        <button type="button" className="button" onClick={() => { setOpen(true); setSaved(null) }} data-testid="save-template-open">
          {t('save.open')}
        </button>
        <div role="status">{saved && <p className="notice">{t('save.saved', { name: saved.name })}</p>}</div>
      </div>
    )
  }
  return (
    <form className="save-template save-template--open" onSubmit={submit} noValidate aria-busy={busy}>
      <label className="field">
        <span className="field__label">{t('save.nameLabel')}</span>
        <input
          value={name}
          onChange={(e) => { setName(e.target.value); setError(null) }}
          placeholder={t('save.namePlaceholder')}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          data-testid="save-template-name"
          // Opened by the button just pressed: typing the name is the next step.
          autoFocus
        />
      </label>
      <p id={hintId} className="field__hint">{t('save.hint')}</p>
      <div role="alert" id={errorId}>{error && <p className="field__error">{error}</p>}</div>
      <div className="save-template__buttons">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="save-template-submit">
          {busy ? t('save.saving') : t('save.submit')}
        </button>
        <button type="button" className="button" onClick={() => { setOpen(false); setError(null) }} disabled={busy}>
          {t('save.cancel')}
        </button>
      </div>
    </form>
  )
}
