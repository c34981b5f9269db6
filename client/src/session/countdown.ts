import { formatCountdown, remainingMs } from '../../../shared/facilitation/timer'
import type { SessionTimer } from '../../../shared/schema/records/session'

/** What the timer chip draws. */
export interface CountdownView {
  status: 'running' | 'paused'
  remainingMs: number
  /** Share of the whole still left, 0–1, for the progress bar. */
  fraction: number
  /** "4:05" */
  text: string
  expired: boolean
}

/** The chip's state at server time `now`; null while no timer is set. */
export function countdownView(timer: SessionTimer, now: number): CountdownView | null {
  const left = remainingMs(timer, now)
  if (left === null || timer.status === 'idle') return null
  const fraction = timer.durationMs > 0 ? Math.min(1, Math.max(0, left / timer.durationMs)) : 0
  return { status: timer.status, remainingMs: left, fraction, text: formatCountdown(left), expired: left === 0 }
}

/** A chime later than this after the end would be confusing (a tab woken from sleep, a late joiner): stay quiet. */
export const CHIME_GRACE_MS = 5000

/** One look at the timer: which countdown (its end) and what was left. */
export interface TimerSample {
  /** Identifies one running countdown: a new start, added time or a resume is a new one. */
  key: string
  remainingMs: number
}

export function timerSample(timer: SessionTimer, now: number): TimerSample | null {
  if (timer.status !== 'running') return null
  return { key: `running:${timer.endsAt}`, remainingMs: Math.max(0, timer.endsAt - now) }
}

/**
 * Whether time ran out between two looks at the same running countdown, just now. Not on first
 * load (no previous look), not for a countdown that had ended before, and not long after the end.
 */
export function ranOut(previous: TimerSample | null, next: TimerSample | null, timer: SessionTimer, now: number): boolean {
  if (!previous || !next || previous.key !== next.key) return false
  if (timer.status !== 'running') return false
  return previous.remainingMs > 0 && next.remainingMs === 0 && now - timer.endsAt <= CHIME_GRACE_MS
}
