import { useTranslation } from 'react-i18next'
import { NewWorkshopForm } from './NewWorkshopForm'
import { signedIn, signInHref, useSession } from '../staff/sessionClient'

/**
 * "New workshop" as this server allows it: the form; on a server with sign-in, a sign-in button
 * for staff who are not signed in (and a word that residents need no account); with a creation
 * key, the form asks for the key once.
 */
export function CreateWorkshopSection() {
  const { t } = useTranslation('staff')
  const session = useSession()
  if (session.status === 'ready' && session.info.creation === 'signIn' && !signedIn(session)) {
    return (
      <div className="card staff-create" data-testid="sign-in-to-create">
        <p>{t('create.signInNeeded')}</p>
        <a className="button button--primary button--large" href={signInHref()}>
          {t('create.signIn')}
        </a>
      </div>
    )
  }
  return <NewWorkshopForm askCreateKey={session.status === 'ready' && session.info.creation === 'createKey'} withTemplates={signedIn(session) !== null} />
}
