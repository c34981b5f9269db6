import { useCallback, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDismiss } from './useDismiss'

/** Copies the workshop link at once and shows it, for when the clipboard is not allowed. */
export function ShareButton({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation('app')
  const [open, setOpen] = useState(false)
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const container = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const panelId = useId()
  const close = useCallback(() => setOpen(false), [])
  useDismiss(open, container, close, button)
  const link = `${location.origin}/w/${workshopId}`

  async function copy() {
    setCopied(null)
    try {
      // Some browsers leave the promise pending while a permission prompt waits: give up after a while.
      await Promise.race([
        navigator.clipboard.writeText(link),
        new Promise((_, reject) => setTimeout(() => reject(new Error('clipboard timeout')), 1500)),
      ])
      setCopied('yes')
    } catch {
      // Plain http on a LAN has no clipboard API: select the text so Ctrl+C works.
      input.current?.select()
      setCopied('no')
    }
  }

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
          void copy()
        }}
      >
        <ShareIcon />
        <span className="share__label">{t('share.button')}</span>
      </button>
      <div id={panelId} className="popover share__panel" hidden={!open}>
        <label className="field">
          <span className="field__label">{t('share.linkLabel')}</span>
          <input ref={input} readOnly value={link} onFocus={(e) => e.currentTarget.select()} className="share__link" />
        </label>
        <div className="share__row">
          <p role="status" className="share__status">
            {copied === 'yes' ? t('share.copied') : copied === 'no' ? t('share.copyFailed') : ''}
          </p>
          <button type="button" className="button" onClick={() => void copy()}>
            {t('share.copyAgain')}
          </button>
        </div>
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
