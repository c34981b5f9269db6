import type { SessionTimer } from '../schema/records/session'
import { TIMER_MAX_MS } from '../schema/records/session'

/**
 * The shared countdown. Every state is in the server's clock: `running` stores when it ends, so
 * each screen computes what is left from its own clock corrected by its measured offset, and a
 * late joiner sees the same second as everyone else.
 */
export function startTimer(durationMs: number, now: number): SessionTimer {
  const ms = clampDuration(durationMs)
  return { status: 'running', endsAt: now + ms, durationMs: ms }
}

export function pauseTimer(timer: SessionTimer, now: number): SessionTimer {
  if (timer.status !== 'running') return timer
  return { status: 'paused', remainingMs: Math.max(0, timer.endsAt - now), durationMs: timer.durationMs }
}

export function resumeTimer(timer: SessionTimer, now: number): SessionTimer {
  if (timer.status !== 'paused') return timer
  return { status: 'running', endsAt: now + timer.remainingMs, durationMs: timer.durationMs }
}

/**
 * Adds (or with a negative `ms`, takes away) time. A timer that has run out starts again from now,
 * which is what "one more minute" means when the bell has already rung; an idle one starts.
 */
export function addTime(timer: SessionTimer, ms: number, now: number): SessionTimer {
  switch (timer.status) {
    case 'idle':
      return ms > 0 ? startTimer(ms, now) : timer
    case 'running': {
      const left = Math.max(0, timer.endsAt - now)
      const next = clampDuration(left + ms)
      return { status: 'running', endsAt: now + next, durationMs: grownDuration(timer.durationMs, ms, next) }
    }
    case 'paused': {
      const next = clampDuration(timer.remainingMs + ms)
      return { status: 'paused', remainingMs: next, durationMs: grownDuration(timer.durationMs, ms, next) }
    }
  }
}

/** Milliseconds left, never below 0; null when no timer is set. */
export function remainingMs(timer: SessionTimer, now: number): number | null {
  switch (timer.status) {
    case 'idle':
      return null
    case 'running':
      return Math.max(0, timer.endsAt - now)
    case 'paused':
      return timer.remainingMs
  }
}

/** "4:05", "0:09", "1:02:00": whole seconds, rounded up so "0:00" only shows when time is up. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const ss = String(seconds).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`
}

/** The whole the progress bar is drawn against: added time makes it longer, taken time does not shrink it. */
function grownDuration(durationMs: number, addedMs: number, remaining: number): number {
  return clampDuration(Math.max(addedMs > 0 ? durationMs + addedMs : durationMs, remaining))
}

function clampDuration(ms: number): number {
  return Math.min(TIMER_MAX_MS, Math.max(0, Math.round(ms)))
}
