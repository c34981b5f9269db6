import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatCountdown, remainingMs } from '../../../shared/facilitation/timer'
import { useServerNow, useSession } from '../store/hooks'
import type { PhoneStore } from '../store/PhoneStore'
import { AlarmIcon } from './icons'

/** A gentle double buzz: enough to notice in a pocket, not an alarm. */
const VIBRATION_MS = [180, 120, 180]

/**
 * The facilitator's countdown, the same second on every screen (server time). At zero the phone
 * buzzes once where it can and says "time is up" in words, so nobody needs to hear or feel it.
 */
export function PhoneTimer({ store }: { store: PhoneStore }) {
  const { t } = useTranslation('phone')
  const { timer } = useSession(store)
  const now = useServerNow(store, timer.status === 'running')
  const left = remainingMs(timer, now)
  const up = timer.status === 'running' && left === 0
  // The end of a countdown this page saw running: it buzzes for that one, not for one long over.
  const watching = useRef<number | null>(null)

  useEffect(() => {
    if (timer.status !== 'running') {
      watching.current = null
      return
    }
    if (!up) {
      watching.current = timer.endsAt
      return
    }
    if (watching.current === timer.endsAt) {
      watching.current = null
      if (typeof navigator.vibrate === 'function') navigator.vibrate(VIBRATION_MS)
    }
  }, [timer, up])

  if (left === null) return null
  const fraction = timer.status !== 'idle' && timer.durationMs > 0 ? Math.min(1, left / timer.durationMs) : 0
  return (
    <div className={`phone-timer${up ? ' phone-timer--up' : ''}${timer.status === 'paused' ? ' phone-timer--paused' : ''}`} data-testid="phone-timer">
      <div className="phone-timer__row">
        {!up && <span className="phone-timer__label">{timer.status === 'paused' ? t('timer.paused') : t('timer.label')}</span>}
        {/* role=timer is not announced every second; the end is, below. */}
        <span role="timer" className="phone-timer__time" aria-label={up ? t('timer.up') : t('timer.left', { time: formatCountdown(left) })}>
          {up ? (
            <>
              <AlarmIcon /> {t('timer.up')}
            </>
          ) : (
            formatCountdown(left)
          )}
        </span>
      </div>
      {!up && (
        <div className="phone-timer__bar" aria-hidden="true">
          <span style={{ width: `${fraction * 100}%` }} />
        </div>
      )}
      <span className="visually-hidden" role="status">
        {up ? t('timer.up') : ''}
      </span>
    </div>
  )
}
