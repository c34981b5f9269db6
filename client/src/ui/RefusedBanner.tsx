import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CloseCode } from '../../../shared/protocol'
import { ModalDialog } from './ModalDialog'
import { onLinkClick } from '../lib/navigation'

/** The server turned this client away for good: say why and offer the one thing that helps. */
export function RefusedBanner({ code, reason }: { code: number; reason: string }) {
  const { t } = useTranslation('app')
  const titleId = useId()
  const bodyId = useId()
  // A client without ?schema= is an old or odd one: the cure is the same as for another version.
  const versionMismatch = code === CloseCode.ClientTooOld || code === CloseCode.ClientTooNew || code === CloseCode.SchemaMissing
  const notFound = code === CloseCode.WorkshopNotFound
  const clientIdTaken = code === CloseCode.ClientIdTaken
  const title = versionMismatch
    ? t('refused.newVersionTitle')
    : notFound
      ? t('refused.notFoundTitle')
      : clientIdTaken
        ? t('refused.clientIdTitle')
        : t('refused.otherTitle')
  const body = versionMismatch
    ? t('refused.newVersionBody')
    : notFound
      ? t('refused.notFoundBody')
      : clientIdTaken
        ? t('refused.clientIdBody')
        : reason || t('refused.otherBody', { code })
  return (
    <ModalDialog role="alertdialog" labelledBy={titleId} describedBy={bodyId} className="refused">
      <h2 id={titleId}>{title}</h2>
      <p id={bodyId}>{body}</p>
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
