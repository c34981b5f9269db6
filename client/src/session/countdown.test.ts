import { describe, expect, it } from 'vitest'
import type { SessionTimer } from '../../../shared/schema/records/session'
import { countdownView, ranOut, timerSample } from './countdown'

const running = (endsAt: number, durationMs = 60_000): SessionTimer => ({ status: 'running', endsAt, durationMs })

describe('countdownView', () => {
  it('is null without a timer', () => {
    expect(countdownView({ status: 'idle' }, 1000)).toBeNull()
  })
  it.each([
    { name: 'just started', timer: running(61_000), now: 1000, text: '1:00', fraction: 1, expired: false },
    { name: 'half way', timer: running(31_000), now: 1000, text: '0:30', fraction: 0.5, expired: false },
    { name: 'rounds up the last second', timer: running(1_400), now: 1000, text: '0:01', fraction: 400 / 60_000, expired: false },
    { name: 'ended', timer: running(900), now: 1000, text: '0:00', fraction: 0, expired: true },
    { name: 'paused', timer: { status: 'paused', remainingMs: 15_000, durationMs: 60_000 } as SessionTimer, now: 99_999, text: '0:15', fraction: 0.25, expired: false },
    { name: 'time added beyond the whole', timer: running(200_000, 60_000), now: 0, text: '3:20', fraction: 1, expired: false },
  ])('$name', ({ timer, now, text, fraction, expired }) => {
    const view = countdownView(timer, now)!
    expect(view.text).toBe(text)
    expect(view.fraction).toBeCloseTo(fraction)
    expect(view.expired).toBe(expired)
  })
})

describe('ranOut', () => {
  const timer = running(10_000)
  const look = (now: number) => timerSample(timer, now)
  it('when the same countdown crosses zero between two looks', () => {
    expect(ranOut(look(9_800), look(10_050), timer, 10_050)).toBe(true)
  })
  it('not on first load of a countdown that had already ended', () => {
    expect(ranOut(null, look(12_000), timer, 12_000)).toBe(false)
    expect(ranOut(look(11_000), look(12_000), timer, 12_000)).toBe(false)
  })
  it('not while time is still left', () => {
    expect(ranOut(look(5_000), look(5_250), timer, 5_250)).toBe(false)
  })
  it('not when the countdown changed in between (added time, restart)', () => {
    const restarted = running(70_000)
    expect(ranOut(look(9_900), timerSample(restarted, 70_100), restarted, 70_100)).toBe(false)
  })
  it('not long after the end (a tab woken from sleep)', () => {
    expect(ranOut(look(9_000), look(30_000), timer, 30_000)).toBe(false)
  })
  it('not for a paused timer', () => {
    const paused: SessionTimer = { status: 'paused', remainingMs: 0, durationMs: 1000 }
    expect(timerSample(paused, 0)).toBeNull()
  })
})
