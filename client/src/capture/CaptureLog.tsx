import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { allSent, isWaiting, loadCaptureLog, saveCaptureLog, withCapture, type CaptureEntry } from './captureLog'

/**
 * This device's captures in a workshop (captureLog.ts): `add` after each note or photo; everything
 * counts as sent once the connection is up.
 */
export function useCaptureLog(workshopId: string, connected: boolean) {
  const [log, setLog] = useState(() => loadCaptureLog(workshopId))
  // Adjusted while rendering, not in an effect: the list never shows "waiting" next to "Tilkoblet".
  if (connected && log.some((e) => !e.sent)) setLog(allSent(log))
  useEffect(() => saveCaptureLog(workshopId, log), [workshopId, log])
  const add = useCallback((entry: Omit<CaptureEntry, 'sent' | 'at'>) => setLog((prev) => withCapture(prev, { ...entry, at: Date.now(), sent: connected })), [connected])
  return { log, add }
}

/** The list under the capture buttons: what was captured here, and what still waits for the network. */
export function CaptureLog({ log, pendingPhotos }: { log: readonly CaptureEntry[]; pendingPhotos: readonly string[] }) {
  const { t, i18n } = useTranslation('offline')
  const headingId = useId()
  if (log.length === 0) return null
  const waiting = log.filter((e) => isWaiting(e, pendingPhotos.includes(e.hash))).length
  const time = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', hour: '2-digit', minute: '2-digit' })
  return (
    <section className="capture-log" aria-labelledby={headingId} data-testid="capture-log">
      <h2 id={headingId} className="capture-log__heading">
        {t('capture.log.heading')}
      </h2>
      <p className="capture-log__summary" data-testid="capture-log-summary">
        {t('capture.log.count', { count: log.length })} · {waiting > 0 ? t('capture.log.waiting', { count: waiting }) : t('capture.log.allSent')}
      </p>
      <ul className="capture-log__list">
        {log.map((entry) => {
          const entryWaiting = isWaiting(entry, pendingPhotos.includes(entry.hash))
          return (
            <li key={entry.id} className="capture-log__entry" data-testid="capture-entry" data-waiting={entryWaiting}>
              <span className="capture-log__icon" aria-hidden="true">
                {entry.kind === 'note' ? '✎' : '◉'}
              </span>
              <span className="capture-log__text">
                <span className="capture-log__what">{entry.kind === 'note' ? entry.text : entry.text ? t('capture.photoAlt', { place: entry.text }) : t('capture.photo')}</span>
                <span className="capture-log__where">
                  {entry.boardTitle} · {time.format(entry.at)}
                </span>
              </span>
              <span className={`capture-log__state${entryWaiting ? ' capture-log__state--waiting' : ''}`}>{entryWaiting ? t('capture.log.entryWaiting') : t('capture.log.entrySent')}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
