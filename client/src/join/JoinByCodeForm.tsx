import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { normalizeJoinCode } from '../../../shared/access'
import { navigate } from '../lib/navigation'
import { joinCodeInputProps } from './joinCodeInputProps'
import './join.css'

/** "Join with a code" on the home page: a valid code goes to `/join/<code>`, which joins at once. */
export function JoinByCodeForm() {
  const { t } = useTranslation('phone')
  const [code, setCode] = useState('')
  const [invalid, setInvalid] = useState(false)
  const inputId = useId()
  const hintId = useId()
  const errorId = useId()
  return (
    <form
      className="card join-by-code"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        const normalized = normalizeJoinCode(code)
        if (!normalized) {
          setInvalid(true)
          return
        }
        navigate({ page: 'join', code: normalized })
      }}
    >
      <p id={hintId}>{t('home.intro')}</p>
      <label htmlFor={inputId} className="field__label">
        {t('home.label')}
      </label>
      <div className="join-by-code__row">
        <input
          id={inputId}
          className="join__code"
          value={code}
          onChange={(e) => {
            setCode(e.target.value)
            setInvalid(false)
          }}
          {...joinCodeInputProps}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${errorId} ${hintId}` : hintId}
          data-testid="home-join-code"
        />
        <button type="submit" className="button button--primary button--large">
          {t('home.submit')}
        </button>
      </div>
      {invalid && (
        <p id={errorId} className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('join.errorFormat')}
        </p>
      )}
    </form>
  )
}
