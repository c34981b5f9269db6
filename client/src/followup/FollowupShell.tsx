import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../shared/staff'
import { AccessibilityLink } from '../a11y/AccessibilityLink'
import { onLinkClick } from '../lib/navigation'
import type { Route } from '../lib/route'
import { signedIn, signInHref, useSession } from '../staff/sessionClient'
import { StaffPageHeader } from '../staff/StaffPageHeader'
import '../staff/staff.css'
import './followup.css'

/**
 * The frame of the staff pages across workshops (the action register, the knowledge bank): the
 * home page's header, a row of links between them, and the page itself only for someone signed
 * in; the server decides what they see (401 without a session), the page explains.
 */
export function FollowupShell({ current, title, heading, intro, children }: { current: 'register' | 'search'; title: string; heading: string; intro: string; children: (staff: NonNullable<SessionInfo['staff']>) => ReactNode }) {
  const { t } = useTranslation('followup')
  const session = useSession()
  const staff = signedIn(session)
  useEffect(() => {
    document.title = title
  }, [title])
  const links: { key: 'home' | 'register' | 'search'; href: string; route: Route }[] = [
    { key: 'home', href: '/', route: { page: 'home' } },
    { key: 'register', href: '/actions', route: { page: 'actions' } },
    { key: 'search', href: '/search', route: { page: 'search', query: '' } },
  ]
  return (
    <div className="followup-page">
      <StaffPageHeader />
      <main className="followup">
        <nav className="followup__nav" aria-label={t('nav.label')}>
          {links.map((link) => (
            <a key={link.key} href={link.href} onClick={onLinkClick(link.route)} aria-current={link.key === current ? 'page' : undefined}>
              {t(`nav.${link.key}`)}
            </a>
          ))}
        </nav>
        <h1>{heading}</h1>
        {session.status === 'loading' && <p role="status">{t('signIn.loading')}</p>}
        {session.status === 'offline' && <p className="notice notice--error">{t('signIn.offline')}</p>}
        {session.status === 'ready' && !staff && (
          <div className="card followup__sign-in">
            <p>{session.info.signInAvailable ? t('signIn.notSignedIn') : t('signIn.noSignIn')}</p>
            {session.info.signInAvailable && (
              <a className="button button--primary" href={signInHref()}>
                {t('signIn.button')}
              </a>
            )}
          </div>
        )}
        {staff && (
          <>
            <p className="followup__intro">{intro}</p>
            {children(staff)}
          </>
        )}
      </main>
      <footer className="home-footer">
        <AccessibilityLink />
      </footer>
    </div>
  )
}
