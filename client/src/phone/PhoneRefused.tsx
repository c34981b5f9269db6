import { useTranslation } from 'react-i18next'
import { CloseCode } from '../../../shared/protocol'
import { onLinkClick } from '../lib/navigation'
import { RefusedBanner } from '../ui/RefusedBanner'

/**
 * The server turned this phone away. For what a resident can meet here (no token, a link that no
 * longer works, removed by the facilitator, no such workshop) the page says so in plain words and
 * offers the way back in; anything else (a new version) gets the app's own dialog.
 */
export function PhoneRefused({ code, reason, removed }: { code: number; reason: string; removed: boolean }) {
  const { t } = useTranslation('phone')
  if (code !== CloseCode.Unauthorized && code !== CloseCode.Forbidden && code !== CloseCode.Removed && code !== CloseCode.WorkshopNotFound) {
    return <RefusedBanner code={code} reason={reason} />
  }
  const kind = removed || code === CloseCode.Removed ? 'removed' : code === CloseCode.Unauthorized ? 'noAccess' : code === CloseCode.Forbidden ? 'badLink' : 'notFound'
  return (
    <section className="phone-card phone-refused" role="alert" data-testid="phone-refused">
      <h2 className="phone-card__heading">{t(`refused.${kind}Title`)}</h2>
      <p>{t(`refused.${kind}Body`)}</p>
      {kind !== 'removed' && (
        <a href="/join" className="button button--primary button--large" onClick={onLinkClick({ page: 'join', code: '' })}>
          {t('refused.join')}
        </a>
      )}
    </section>
  )
}
