import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatCountdown } from '../../../shared/facilitation/timer'
import type { SessionTimer } from '../../../shared/schema/records/session'
import { useServerNow, useSession } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { loadChimeMuted, playChime, saveChimeMuted, unlockChime } from './chime'
import { countdownView, ranOut, timerSample, type TimerSample } from './countdown'
import { sessionIcons } from './sessionIcons'
import { useRole } from './useRole'
import './sessionBar.css'

/** How long the chip pulses when time runs out. */
const RING_MS = 4000

/**
 * In the top bar, for everyone: the shared countdown while a timer is set, as a compact chip with
 * the time and a thin bar of what is left. When time runs out every screen shows it (words, not
 * only colour), screen readers hear "Tiden er ute", and only the facilitator's device chimes:
 * that is the projector, and three hundred phones chiming at once would be chaos.
 */
export function SessionBar({ store }: { store: WorkshopStore }) {
  const { t } = useTranslation('session')
  const { timer } = useSession(store)
  const role = useRole(store)
  const facilitator = role === 'facilitator'
  const now = useServerNow(store, timer.status === 'running')
  const view = countdownView(timer, now)
  const [muted, setMuted] = useState(loadChimeMuted)
  const [ringing, setRinging] = useState(false)
  const [spoken, setSpoken] = useState<{ text: string; serial: number } | null>(null)
  const [chimes, setChimes] = useState(0)
  const previous = useRef<TimerSample | null>(null)
  const latest = useRef({ facilitator, muted })
  useEffect(() => {
    latest.current = { facilitator, muted }
  })

  const say = useCallback((text: string) => setSpoken((s) => ({ text, serial: (s?.serial ?? 0) + 1 })), [])

  // Time's up: checked at every tick against the previous one, so a page opened after the end stays quiet.
  useEffect(() => {
    const sample = timerSample(timer, now)
    const out = ranOut(previous.current, sample, timer, now)
    previous.current = sample
    if (!out) return
    setRinging(true)
    say(t('timer.timeUp'))
    if (latest.current.facilitator && !latest.current.muted) {
      playChime()
      setChimes((n) => n + 1)
    }
  }, [timer, now, t, say])

  useEffect(() => {
    if (!ringing) return
    const id = window.setTimeout(() => setRinging(false), RING_MS)
    return () => window.clearTimeout(id)
  }, [ringing])

  // Started, paused, resumed, stopped: said once for screen readers (the chip itself is not a live region).
  const lastTimer = useRef<SessionTimer | null>(null)
  useEffect(() => {
    const before = lastTimer.current
    lastTimer.current = timer
    if (before === null) return
    const text = timerChangeText(before, timer, t)
    if (text) say(text)
  }, [timer, t, say])

  // Browsers only play sound after the person interacted with the page: the facilitator's first click unlocks it.
  useEffect(() => {
    if (!facilitator) return
    const unlock = () => {
      unlockChime()
      window.removeEventListener('pointerdown', unlock)
      window.removeEventListener('keydown', unlock)
    }
    window.addEventListener('pointerdown', unlock)
    window.addEventListener('keydown', unlock)
    return () => {
      window.removeEventListener('pointerdown', unlock)
      window.removeEventListener('keydown', unlock)
    }
  }, [facilitator])

  const live = (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="timer-announcer">
      {spoken && <p key={spoken.serial}>{spoken.text}</p>}
    </div>
  )
  if (!view) return live

  const classes = ['session-timer', `session-timer--${view.status}`]
  if (view.expired) classes.push('session-timer--expired')
  if (ringing) classes.push('session-timer--ringing')
  const label = view.expired ? t('timer.labelExpired') : view.status === 'paused' ? t('timer.labelPaused', { time: view.text }) : t('timer.label', { time: view.text })
  return (
    <>
      <div className="session-timer__wrap">
        <div className={classes.join(' ')} role="timer" aria-label={label} title={label} data-testid="session-timer" data-remaining={view.text} data-status={view.expired ? 'expired' : view.status} data-chimes={chimes}>
          <span className="session-timer__icon">{view.status === 'paused' ? sessionIcons.pause : sessionIcons.clock}</span>
          <span className="session-timer__time" aria-hidden="true">
            {view.text}
          </span>
          {view.status === 'paused' && (
            <span className="session-timer__state" aria-hidden="true">
              {t('timer.paused')}
            </span>
          )}
          {view.expired && (
            <span className="session-timer__state" aria-hidden="true">
              {t('timer.timeUp')}
            </span>
          )}
          <span className="session-timer__bar" aria-hidden="true">
            <span className="session-timer__fill" style={{ transform: `scaleX(${view.fraction})` }} />
          </span>
        </div>
        {facilitator && (
          <button
            type="button"
            className="button button--icon session-timer__mute"
            aria-pressed={muted}
            aria-label={t('timer.mute')}
            title={muted ? t('timer.muted') : t('timer.mute')}
            onClick={() => {
              setMuted(!muted)
              saveChimeMuted(!muted)
            }}
            data-testid="timer-mute"
          >
            {muted ? sessionIcons.bellOff : sessionIcons.bell}
          </button>
        )}
      </div>
      {live}
    </>
  )
}

function timerChangeText(before: SessionTimer, after: SessionTimer, t: (key: string, options?: Record<string, unknown>) => string): string | null {
  if (after.status === 'running' && before.status === 'idle') return t('timer.started', { time: formatCountdown(after.durationMs) })
  if (after.status === 'running' && before.status === 'paused') return t('timer.resumed')
  if (after.status === 'paused' && before.status === 'running') return t('timer.pausedAt', { time: formatCountdown(after.remainingMs) })
  if (after.status === 'idle' && before.status !== 'idle') return t('timer.stopped')
  if (after.status === 'running' && before.status === 'running' && after.endsAt !== before.endsAt) return t('timer.changed')
  return null
}
