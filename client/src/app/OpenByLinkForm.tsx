import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { navigate } from './navigation'
import { parseWorkshopLink } from './route'

export function OpenByLinkForm() {
  const { t } = useTranslation('app')
  const [link, setLink] = useState('')
  const [invalid, setInvalid] = useState(false)
  const errorId = useId()
  return (
    <form
      className="card open-link"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        const route = parseWorkshopLink(link)
        if (route) navigate(route)
        else setInvalid(true)
      }}
    >
      <label className="field">
        <span className="field__label">{t('home.open.label')}</span>
        <input
          name="link"
          value={link}
          onChange={(e) => {
            setLink(e.target.value)
            setInvalid(false)
          }}
          placeholder={t('home.open.placeholder')}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          autoComplete="off"
          inputMode="url"
        />
      </label>
      {invalid && (
        <p id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {t('home.open.error')}
        </p>
      )}
      <button type="submit" className="button">
        {t('home.open.submit')}
      </button>
    </form>
  )
}
