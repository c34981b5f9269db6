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
  const versionMismatch = code === CloseCode.ClientTooOld || code === CloseCode.ClientTooNew
  const notFound = code === CloseCode.WorkshopNotFound
  const token = tokenRefusals[code]
  return (
    <ModalDialog role="alertdialog" labelledBy={titleId} describedBy={bodyId} className="refused">
      <h2 id={titleId}>
        {versionMismatch
          ? t('refused.newVersionTitle')
          : notFound
            ? t('refused.notFoundTitle')
            : token
              ? t(`refused.${token}Title`)
              : t('refused.otherTitle')}
      </h2>
      <p id={bodyId}>
        {versionMismatch
          ? t('refused.newVersionBody')
          : notFound
            ? t('refused.notFoundBody')
            : token
              ? t(`refused.${token}Body`)
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
