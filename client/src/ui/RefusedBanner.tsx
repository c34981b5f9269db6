import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CloseCode } from '../../../shared/protocol'
import { ModalDialog } from './ModalDialog'
import { onLinkClick } from '../lib/navigation'

/**
 * Close codes with their own explanation (shared/protocol.ts), in the app's words: the refusals of a
 * token, the same at every route and socket (shared/access.ts `AccessRefusal`), the limits, and a
 * Yjs client id that is someone else's (a page open across an upgrade: reloading gives a new one).
 */
const explained: Partial<Record<number, 'noAccess' | 'badLink' | 'removed' | 'tooLarge' | 'rateLimited' | 'tooManyConnections' | 'clientId'>> = {
  [CloseCode.Unauthorized]: 'noAccess',
  [CloseCode.Forbidden]: 'badLink',
  [CloseCode.Removed]: 'removed',
  [CloseCode.MessageTooLarge]: 'tooLarge',
  [CloseCode.RateLimited]: 'rateLimited',
  [CloseCode.TooManyConnections]: 'tooManyConnections',
  [CloseCode.ClientIdTaken]: 'clientId',
}

/** The server turned this client away for good: say why and offer the one thing that helps. */
export function RefusedBanner({ code, reason }: { code: number; reason: string }) {
  const { t } = useTranslation('app')
  const titleId = useId()
  const bodyId = useId()
  // A client without ?schema= is an old or odd one: the cure is the same as for another version.
  const versionMismatch = code === CloseCode.ClientTooOld || code === CloseCode.ClientTooNew || code === CloseCode.SchemaMissing
  const notFound = code === CloseCode.WorkshopNotFound
  const limit = explained[code]
  return (
    <ModalDialog role="alertdialog" labelledBy={titleId} describedBy={bodyId} className="refused">
      <h2 id={titleId}>
        {versionMismatch
          ? t('refused.newVersionTitle')
          : notFound
            ? t('refused.notFoundTitle')
            : limit
              ? t(`refused.${limit}Title`)
              : t('refused.otherTitle')}
      </h2>
      <p id={bodyId}>
        {versionMismatch
          ? t('refused.newVersionBody')
          : notFound
            ? t('refused.notFoundBody')
            : limit
              ? t(`refused.${limit}Body`)
              : reason || t('refused.otherBody', { code })}
      </p>
      <div className="dialog-actions">
        {versionMismatch ? (
          <button type="button" className="button button--primary" autoFocus onClick={() => location.reload()}>
            {t('refused.reload')}
          </button>
        ) : notFound ? (
          <a href="/" className="button button--primary" autoFocus onClick={onLinkClick({ page: 'home' })}>
            {t('refused.home')}
          </a>
        ) : (
          <>
            <a href="/" className="button" onClick={onLinkClick({ page: 'home' })}>
              {t('refused.home')}
            </a>
            <button type="button" className="button button--primary" autoFocus onClick={() => location.reload()}>
              {t('refused.reload')}
            </button>
          </>
        )}
      </div>
    </ModalDialog>
  )
}
