import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatJoinCode } from '../../../shared/access'
import { useAccessInfo } from '../facilitation/accessClient'
import { CopyField } from '../facilitation/CopyField'
import { displayAddress } from '../facilitation/displayAddress'
import { WorkshopStaffSection } from '../staff/WorkshopStaffSection'
import { StudyTripShare } from '../facilitation/StudyTripShare'
import { useDismiss } from '../ui/useDismiss'
import '../facilitation/facilitation.css'

/**
 * "Del" (facilitators): the join code and where to type it, the participant link (copied at once
 * on opening, selected for Ctrl+C where the clipboard is not allowed), the observer link, and the
 * study-trip link and QR code that open quick capture. The
 * workshop's own address admits nobody without a token, so it is not offered.
 */
export function ShareButton({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation(['app', 'facilitation'])
  const [open, setOpen] = useState(false)
  const [copyRequest, setCopyRequest] = useState(0)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const close = useCallback(() => setOpen(false), [])
  useDismiss(open, container, close, button)
  const access = useAccessInfo(workshopId, open)
  const info = access.info

  return (
    <div className="popover-anchor share" ref={container}>
      <button
        ref={button}
        type="button"
        className="button share__button"
        title={t('share.button')}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen(true)
          setCopyRequest((n) => n + 1)
        }}
      >
        <ShareIcon />
        <span className="share__label">{t('share.button')}</span>
      </button>
      <div id={panelId} className="popover share__panel" hidden={!open}>
        {!info && access.state.status === 'loading' && <p className="share__note">{t('facilitation:join.loading')}</p>}
        {access.state.status === 'failed' && (
          <div className="notice notice--error facilitation__notice" role="alert">
            <p>{t(`facilitation:join.failed.${access.state.kind}`)}</p>
            <button type="button" className="button" onClick={access.reload}>
              {t('facilitation:join.retry')}
            </button>
          </div>
        )}
        {info && (
          <>
            <p className="share__code">
              <span>{t('facilitation:share.codeLabel')}</span>{' '}
              <strong className="share__code-value" data-testid="share-join-code">
                {formatJoinCode(info.code)}
              </strong>
            </p>
            <p className="share__where">{t('facilitation:share.where', { address: displayAddress(info.joinUrl) })}</p>
            <CopyField label={t('facilitation:join.participantLink')} value={info.links.participant} copyRequest={open ? copyRequest : 0} />
            <CopyField className="share__observer" label={t('facilitation:join.observerLink')} value={info.links.observer} hint={t('facilitation:join.observerHint')} />
            <p className="share__note">{t('facilitation:share.note')}</p>
            <StudyTripShare participantLink={info.links.participant} />
          </>
        )}
        <WorkshopStaffSection workshopId={workshopId} open={open} />
      </div>
    </div>
  )
}

function ShareIcon() {
  return (
    <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </svg>
  )
}
