import { useState } from 'react'
import { useTranslation } from 'react-i18next'

const reasons = ['unavailable', 'expired', 'cancelled', 'failed', 'notStaff'] as const
type Reason = (typeof reasons)[number]

/** Takes `?signIn=<reason>` (where the server sends a sign-in that did not succeed) out of the address. */
function takeReason(): Reason | null {
  const url = new URL(location.href)
  const raw = url.searchParams.get('signIn')
  if (raw === null) return null
  url.searchParams.delete('signIn')
  history.replaceState(history.state, '', url.pathname + url.search + url.hash)
  return (reasons as readonly string[]).includes(raw) ? (raw as Reason) : 'failed'
}

/** Why signing in did not work, in the person's language, until they close it. */
export function SignInNotice() {
  const { t } = useTranslation('staff')
  const [reason, setReason] = useState(takeReason)
  if (!reason) return null
  return (
    <div className="notice notice--error staff-notice" role="alert">
      <p>{t(`signInResult.${reason}`)}</p>
      <button type="button" className="button button--quiet" onClick={() => setReason(null)}>
        {t('signInResult.dismiss')}
      </button>
    </div>
  )
}
