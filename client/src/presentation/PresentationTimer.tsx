import { useTranslation } from 'react-i18next'
import { countdownView } from '../session/countdown'
import { useServerNow, useSession } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'

/**
 * The shared countdown in type for the back of the hall, with a bar of what is left. Nothing while
 * no timer is set. The same second as every other screen (server time); no live announcement of
 * every second (role="timer" is polite by not speaking), "Tiden er ute" is in words.
 */
export function PresentationTimer({ store }: { store: WorkshopStore }) {
  const { t } = useTranslation('presentation')
  const { timer } = useSession(store)
  const now = useServerNow(store, timer.status === 'running')
  const view = countdownView(timer, now)
  if (!view) return null
  const state = view.expired ? 'expired' : view.status
  return (
    <div className={`pres-timer pres-timer--${state}`} data-testid="presentation-timer">
      <span className="pres-timer__label">{view.expired ? t('timer.up') : view.status === 'paused' ? t('timer.paused') : t('timer.left')}</span>
      <span className="pres-timer__time" role="timer" aria-label={t('timer.aria', { time: view.text })}>
        {view.text}
      </span>
      <span className="pres-timer__bar" aria-hidden="true">
        <span className="pres-timer__fill" style={{ transform: `scaleX(${view.fraction})` }} />
      </span>
    </div>
  )
}
