import { useTranslation } from 'react-i18next'
import { onLinkClick } from '../lib/navigation'
import { signedIn, signInHref, signOut, useSession } from './sessionClient'
import './staff.css'

/**
 * The home page's corner for staff: "Sign in" when the server has an identity provider, else who
 * is signed in, the administration link for administrators, and "Sign out". Nothing at all on a
 * server without sign-in, so the embedded mode looks as it always did.
 */
export function StaffBar() {
  const { t } = useTranslation('staff')
  const session = useSession()
  if (session.status !== 'ready' || !session.info.signInAvailable) return null
  const staff = signedIn(session)
  if (!staff) {
    return (
      <a className="button staff-bar__sign-in" href={signInHref()} title={t('bar.signInHint')} data-testid="sign-in">
        {t('bar.signIn')}
      </a>
    )
  }
  return (
    <div className="staff-bar" data-testid="staff-bar">
      <span className="staff-bar__name" title={staff.email || undefined}>
        <span className="visually-hidden">{t('bar.signedInAs')} </span>
        {staff.name}
      </span>
      {staff.isAdmin && (
        <a className="staff-bar__link" href="/admin" onClick={onLinkClick({ page: 'admin' })}>
          {t('bar.admin')}
        </a>
      )}
      <button type="button" className="button button--quiet" onClick={() => void signOut()}>
        {t('bar.signOut')}
      </button>
    </div>
  )
}
