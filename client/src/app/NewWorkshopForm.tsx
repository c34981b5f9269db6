import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { WORKSHOP_TITLE_MAX } from '../../../shared/schema/records/workshopMeta'
import { rememberCreated } from '../access/workshopAccess'
import { CreateKeyField } from '../staff/CreateKeyField'
import { forgetCreateKey, loadCreateKey, saveCreateKey } from '../staff/createKey'
import { createWorkshop } from './api'
import { navigate } from '../lib/navigation'
import { parseWorkshopLink } from '../lib/route'
import { kitOfChoice, kitTitles, TemplatePicker } from '../templates/TemplatePicker'
import { templateRefusalText } from '../templates/templateRefusal'

type Failure = { kind: 'network' } | { kind: 'tooMany'; minutes: number } | { kind: 'server'; message: string | null } | { kind: 'template'; text: string }

/**
 * `askCreateKey`: this server wants its creation key (CREATE_KEY); asked once, then kept on the device.
 * Everyone may start from the empty board or a built-in kit; `withTemplates`: a signed-in staff
 * member, who may start from a template of one's own too.
 */
export function NewWorkshopForm({ askCreateKey = false, withTemplates = false }: { askCreateKey?: boolean; withTemplates?: boolean }) {
  const { t, i18n } = useTranslation('app')
  const { t: tTemplates } = useTranslation('templates')
  const { t: tBoards } = useTranslation('boards')
  // '' the empty board, `kit:<kit>` a built-in kit, else a template of one's own (TemplatePicker).
  const [startFrom, setStartFrom] = useState('')
  const [createKey, setCreateKey] = useState<{ value: string; error: 'missing' | 'wrong' | null } | null>(null)
  const needsKey = askCreateKey && (createKey !== null || loadCreateKey() === null)
  const [title, setTitle] = useState('')
  const [showEmptyError, setShowEmptyError] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const errorId = useId()
  const failureId = useId()

  const trimmed = title.trim()
  const tooLong = trimmed.length > WORKSHOP_TITLE_MAX
  const error = tooLong
    ? t('home.new.errorTooLong', { max: WORKSHOP_TITLE_MAX, length: trimmed.length })
    : showEmptyError && trimmed === ''
      ? t('home.new.errorRequired')
      : null

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (busy) return
    if (trimmed === '' || tooLong) {
      setShowEmptyError(true)
      inputRef.current?.focus()
      return
    }
    if (needsKey) {
      const key = createKey?.value.trim() ?? ''
      if (key === '') return setCreateKey({ value: '', error: 'missing' })
      saveCreateKey(key)
    }
    setBusy(true)
    setFailure(null)
    const language = i18n.resolvedLanguage ?? 'nb'
    const kit = kitOfChoice(startFrom)
    const start = kit ? { kit, kitTitles: kitTitles(tBoards) } : startFrom ? { templateId: startFrom } : {}
    const result = await createWorkshop({ title: trimmed, language, boardTitle: t('boards.defaultTitle', { number: 1 }), ...start })
    setBusy(false)
    if (!result.ok && result.kind === 'server' && askCreateKey && (result.status === 401 || result.status === 403)) {
      forgetCreateKey()
      setCreateKey({ value: createKey?.value ?? '', error: 'wrong' })
      return
    }
    if (result.ok) {
      setCreateKey(null)
      rememberCreated(result)
      const route = parseWorkshopLink(result.url) ?? parseWorkshopLink(result.id)
      if (route) {
        navigate(route)
        return
      }
      setFailure({ kind: 'server', message: null })
      return
    }
    // The typed title stays in the field so nothing is lost when the network hiccups.
    setFailure(
      result.kind === 'server' && result.code && i18n.exists(`templates:refusals.${result.code}`)
        ? { kind: 'template', text: templateRefusalText(tTemplates, (key) => i18n.exists(key), { status: result.status, code: result.code }) }
        : result.kind === 'network'
        ? { kind: 'network' }
        : result.kind === 'tooMany'
          ? { kind: 'tooMany', minutes: Math.ceil(result.retryAfterSeconds / 60) }
          : { kind: 'server', message: result.message },
    )
  }

  return (
    <form className="card new-workshop" onSubmit={submit} noValidate aria-busy={busy}>
      <label className="field">
        <span className="field__label">{t('home.new.titleLabel')}</span>
        <input
          ref={inputRef}
          name="title"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value)
            setFailure(null)
          }}
          placeholder={t('home.new.titlePlaceholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          aria-required="true"
          autoComplete="off"
        />
      </label>
      {/* Near the limit a counter warns before the error does. */}
      {!tooLong && trimmed.length >= WORKSHOP_TITLE_MAX - 20 && (
        <p className="field__hint">{t('home.new.counter', { length: trimmed.length, max: WORKSHOP_TITLE_MAX })}</p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <TemplatePicker value={startFrom} onChange={setStartFrom} withOwn={withTemplates} />
      {needsKey && (
        <CreateKeyField
          value={createKey?.value ?? ''}
          error={createKey?.error ?? null}
          onChange={(value) => setCreateKey({ value, error: null })}
        />
      )}
      <button type="submit" className="button button--primary button--large" disabled={busy}>
        {busy ? t('home.new.creating') : t('home.new.submit')}
      </button>
      <div role="alert" id={failureId}>
        {failure && (
          <p className="notice notice--error">
            {failure.kind === 'template'
              ? failure.text
              : failure.kind === 'network'
              ? t('home.new.errorNetwork')
              : failure.kind === 'tooMany'
                ? t('home.new.errorTooMany', { count: failure.minutes })
                : failure.message
                ? t('home.new.errorServerWithMessage', { message: failure.message })
                : t('home.new.errorServer')}
          </p>
        )}
      </div>
    </form>
  )
}
