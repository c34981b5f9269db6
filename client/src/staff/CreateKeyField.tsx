import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/** The creation key's field in "New workshop" (a server with CREATE_KEY and no sign-in). */
export function CreateKeyField({ value, error, onChange }: { value: string; error: 'missing' | 'wrong' | null; onChange: (value: string) => void }) {
  const { t } = useTranslation('staff')
  const hintId = useId()
  const errorId = useId()
  return (
    <label className="field">
      <span className="field__label">{t('create.keyLabel')}</span>
      <input
        name="createKey"
        type="password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        data-testid="create-key"
      />
      <span id={hintId} className="field__hint">
        {t('create.keyHint')}
      </span>
      {error && (
        <span id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {t(error === 'wrong' ? 'create.keyWrong' : 'create.keyMissing')}
        </span>
      )}
    </label>
  )
}
