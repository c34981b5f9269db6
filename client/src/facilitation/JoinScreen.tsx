import { Fragment, useEffect, useId, useRef, useState, type CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { formatJoinCode } from '../../../shared/access'
import { usePeers, useSession, useWorkshopMeta } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import type { AccessInfo } from './accessClient'
import { displayAddress } from './displayAddress'
import { peopleInRoom } from './peopleInRoom'
import './joinScreen.css'

/** A question longer than this gets smaller type, so the code and QR code keep their room. */
const LONG_QUESTION = 80

interface JoinScreenProps {
  store: WorkshopStore
  info: AccessInfo
  onClose: () => void
}

/** The QR code for an address, as an SVG data URL for an <img> (crisp at any projector size). */
export function useQrCode(url: string): string | null {
  const [image, setImage] = useState<{ url: string; src: string } | null>(null)
  useEffect(() => {
    let cancelled = false
    // Loaded when first shown: the encoder is not needed by anyone but a facilitator on this screen.
    void import('qrcode')
      .then(({ default: QRCode }) => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
      .then(
      (svg) => {
        if (!cancelled) setImage({ url, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` })
      },
      (error: unknown) => console.warn('[samskap] QR code failed', error),
    )
    return () => {
      cancelled = true
    }
  }, [url])
  return image?.url === url ? image.src : null
}

/**
 * What the facilitator puts on the projector while people arrive: the address and the code in
 * type readable from the back of a hall, a QR code that joins without typing, the question, and
 * how many have joined. Full screen, high contrast; Escape or "Lukk" goes back to the board.
 */
export function JoinScreen({ store, info, onClose }: JoinScreenProps) {
  const { t, i18n } = useTranslation('facilitation')
  const dialog = useRef<HTMLDialogElement>(null)
  const meta = useWorkshopMeta(store)
  const { prompt } = useSession(store)
  const peers = usePeers(store)
  const qr = useQrCode(info.joinCodeUrl)
  const titleId = useId()
  const participants = peopleInRoom(peers, i18n.language).counts.participant
  const address = displayAddress(info.joinUrl)
  const code = formatJoinCode(info.code)

  const [fullscreen, setFullscreen] = useState(false)
  const enteredFullscreen = useRef(false)

  useEffect(() => {
    const element = dialog.current
    // Back to where the facilitator was (the panel's button) when the screen closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (element && !element.open) element.showModal()
    const onChange = () => setFullscreen(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
      element?.close()
      opener?.focus()
      // Leaving the join screen leaves the browser's full screen it asked for, not one chosen before.
      if (enteredFullscreen.current && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    }
  }, [])

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined)
    } else {
      enteredFullscreen.current = true
      // The dialog itself, so it stays on top of the top layer (the page under it would cover it).
      void dialog.current?.requestFullscreen().catch(() => undefined)
    }
  }

  return (
    <dialog
      ref={dialog}
      className="projector-screen join-screen"
      aria-labelledby={titleId}
      data-testid="join-screen"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <div className="join-screen__top">
        <p className="join-screen__workshop">{meta?.title}</p>
        <div className="join-screen__actions">
          {document.fullscreenEnabled && (
            <button type="button" className="join-screen__button" onClick={toggleFullscreen}>
              {fullscreen ? t('joinScreen.exitFullscreen') : t('joinScreen.fullscreen')}
            </button>
          )}
          <button type="button" className="join-screen__button" onClick={onClose}>
            {t('joinScreen.close')}
          </button>
        </div>
      </div>
      <h2 id={titleId} className="visually-hidden">
        {t('joinScreen.heading')}
      </h2>
      {prompt.question && (
        <p className={`join-screen__question${prompt.question.length > LONG_QUESTION ? ' join-screen__question--long' : ''}`}>{prompt.question}</p>
      )}
      <div className="join-screen__main">
        <div className="join-screen__steps">
          <p className="join-screen__step">
            <span className="join-screen__number" aria-hidden="true">
              1
            </span>
            {t('joinScreen.goTo')}
          </p>
          <p className="join-screen__address" data-testid="join-screen-address" style={{ '--address-chars': Math.max(12, address.length) } as CSSProperties}>
            {breakable(address)}
          </p>
          <p className="join-screen__step">
            <span className="join-screen__number" aria-hidden="true">
              2
            </span>
            {t('joinScreen.typeCode')}
          </p>
          <p className="join-screen__code" data-testid="join-screen-code">
            {code}
          </p>
        </div>
        <figure className="join-screen__qr">
          {qr ? (
            <img src={qr} alt={t('joinScreen.qrAlt', { url: displayAddress(info.joinCodeUrl) })} data-testid="join-screen-qr" />
          ) : (
            <div className="join-screen__qr-placeholder" aria-hidden="true" />
          )}
          <figcaption>{t('joinScreen.scan')}</figcaption>
        </figure>
      </div>
      <p className="join-screen__count" role="status" data-testid="join-screen-count">
        {participants === 0 ? t('joinScreen.nobodyYet') : t('joinScreen.joined', { count: participants })}
      </p>
    </dialog>
  )
}

/** The address with break opportunities after "/" and ".", for a long one on a narrow screen. */
function breakable(address: string) {
  return address.split(/(?<=[/.])/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ))
}
