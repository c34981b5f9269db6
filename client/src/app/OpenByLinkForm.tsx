import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { saveAccess } from '../access/workshopAccess'
import { navigate } from '../lib/navigation'
import { parseWorkshopLink, tokenInLink } from '../lib/route'

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
        if (!route) {
          setInvalid(true)
          return
        }
        // A pasted link with a token: keep it, as if the link had been opened (its role is asked on opening).
        const token = tokenInLink(link)
        if (token) saveAccess({ workshopId: route.workshopId, token, role: null, participantId: '' })
        navigate(route)
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
