import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CloseCode } from '../../../shared/protocol'
import { ModalDialog } from './ModalDialog'
import { onLinkClick } from '../lib/navigation'

/** Refusals of a token, the same at every route and socket (shared/access.ts `AccessRefusal`), in the app's words. */
const tokenRefusals: Partial<Record<number, 'noAccess' | 'badLink' | 'removed'>> = {
  [CloseCode.Unauthorized]: 'noAccess',
  [CloseCode.Forbidden]: 'badLink',
  [CloseCode.Removed]: 'removed',
}

/** The server turned this client away for good: say why and offer the one thing that helps. */
export function RefusedBanner({ code, reason }: { code: number; reason: string }) {
  const { t } = useTranslation('app')
  const titleId = useId()
  const bodyId = useId()
  // A client without ?schema= is an old or odd one: the cure is the same as for another version.
  const versionMismatch = code === CloseCode.ClientTooOld || code === CloseCode.ClientTooNew || code === CloseCode.SchemaMissing
  const notFound = code === CloseCode.WorkshopNotFound
  const token = tokenRefusals[code]
  const clientIdTaken = code === CloseCode.ClientIdTaken
  const title = versionMismatch
    ? t('refused.newVersionTitle')
    : notFound
      ? t('refused.notFoundTitle')
      : token
        ? t(`refused.${token}Title`)
        : clientIdTaken
          ? t('refused.clientIdTitle')
          : t('refused.otherTitle')
  const body = versionMismatch
    ? t('refused.newVersionBody')
    : notFound
      ? t('refused.notFoundBody')
      : token
        ? t(`refused.${token}Body`)
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
