import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { OfflineNotice } from '../offline/OfflineNotice'
import { AccessibilityLink } from '../a11y/AccessibilityLink'
import { JoinByCodeForm } from '../join/JoinByCodeForm'
import { CreateWorkshopSection } from './CreateWorkshopSection'
import { MyWorkshops } from './MyWorkshops'
import { signedIn, useSession } from '../staff/sessionClient'
import { SignInNotice } from '../staff/SignInNotice'
import { StaffPageHeader } from '../staff/StaffPageHeader'
import { OpenByLinkForm } from './OpenByLinkForm'
import { onLinkClick } from '../lib/navigation'

export function HomePage() {
  const { t } = useTranslation('app')
  const { t: tPhone } = useTranslation('phone')
  const joinId = useId()
  const newId = useId()
  const openId = useId()
  const recentId = useId()
  const staff = signedIn(useSession())
  useEffect(() => {
    document.title = t('home.documentTitle')
  }, [t])
  return (
    <div className="home-page">
      <StaffPageHeader />
      <main className="home">
        <section className="hero">
          <h1>{t('home.heading')}</h1>
          <p className="hero__tagline">{t('home.tagline')}</p>
        </section>
        <SignInNotice />
        {/* Residents arrive with a code from the projector: the first thing they need, one tap away. */}
        <section aria-labelledby={joinId} className="home-section home-section--join">
          <h2 id={joinId}>{tPhone('home.heading')}</h2>
          <JoinByCodeForm />
        </section>
        <section aria-labelledby={newId} className="home-section home-section--new">
          <h2 id={newId}>{t('home.new.heading')}</h2>
          <CreateWorkshopSection />
        </section>
        <section aria-labelledby={recentId} className="home-section">
          <h2 id={recentId}>{staff ? t('staff:mine.heading') : t('home.recent.heading')}</h2>
          {staff && (
            <nav className="home-staff-links" aria-label={t('followup:nav.label')}>
              <a href="/actions" onClick={onLinkClick({ page: 'actions' })} data-testid="register-link">
                {t('followup:nav.register')}
              </a>
              <a href="/search" onClick={onLinkClick({ page: 'search', query: '' })}>
                {t('followup:nav.search')}
              </a>
            </nav>
          )}
          <OfflineNotice />
          <MyWorkshops headingId={recentId} />
        </section>
        <section aria-labelledby={openId} className="home-section">
          <h2 id={openId}>{t('home.open.heading')}</h2>
          <OpenByLinkForm />
        </section>
      </main>
      <footer className="home-footer">
        <AccessibilityLink />
      </footer>
    </div>
  )
}
