import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatJoinCode } from '../../../shared/access'
import { useAccessInfo } from '../facilitation/accessClient'
import { copyText } from '../facilitation/copyText'
import { CopyField } from '../facilitation/CopyField'
import { displayAddress } from '../facilitation/displayAddress'
import { useDismiss } from './useDismiss'
import '../facilitation/facilitation.css'

/**
 * "Del" (facilitators): the join code and where to type it, the participant link (copied at once
 * on opening, selected for Ctrl+C where the clipboard is not allowed) and the observer link. The
 * workshop's own address admits nobody without a token, so it is not offered.
 */
export function ShareButton({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation(['app', 'facilitation'])
  const [open, setOpen] = useState(false)
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const [copyWanted, setCopyWanted] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const panelId = useId()
  const inputId = useId()
  const close = useCallback(() => setOpen(false), [])
  useDismiss(open, container, close, button)
  const access = useAccessInfo(workshopId, open)
  const info = access.info
  const link = info?.links.participant ?? ''

  const copy = useCallback(async () => {
    if (!link) return
    setCopied(null)
    if (await copyText(link)) {
      setCopied('yes')
    } else {
      // Plain http on a LAN has no clipboard API: select the text so Ctrl+C works.
      input.current?.select()
      setCopied('no')
    }
  }, [link])

  // Opening copies the participant link as soon as it is known (the first time it is fetched).
  useEffect(() => {
    if (!copyWanted || !link) return
    setCopyWanted(false)
    void copy()
  }, [copyWanted, link, copy])

  return (
    <div className="popover-anchor share" ref={container}>
      <button
        ref={button}
        type="button"
        className="button share__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen(true)
          setCopyWanted(true)
        }}
      >
        <ShareIcon />
        <span className="share__label">{t('share.button')}</span>
      </button>
      <div id={panelId} className="popover share__panel" hidden={!open}>
        {!info && access.state.status === 'loading' && <p className="share__status">{t('facilitation:join.loading')}</p>}
        {access.state.status === 'failed' && (
          <div className="notice notice--error" role="alert">
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
            <div className="field">
              <label className="field__label" htmlFor={inputId}>
                {t('facilitation:join.participantLink')}
              </label>
              <input id={inputId} ref={input} readOnly value={link} onFocus={(e) => e.currentTarget.select()} className="share__link" />
            </div>
            <div className="share__row">
              <p role="status" className="share__status">
                {copied === 'yes' ? t('share.copied') : copied === 'no' ? t('share.copyFailed') : ''}
              </p>
              <button type="button" className="button" onClick={() => void copy()}>
                {t('share.copyAgain')}
                <span className="visually-hidden"> {t('facilitation:join.participantLink')}</span>
              </button>
            </div>
            <CopyField className="share__observer" label={t('facilitation:join.observerLink')} value={info.links.observer} hint={t('facilitation:join.observerHint')} />
            <p className="share__note">{t('facilitation:share.note')}</p>
          </>
        )}
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
