import { describe, expect, it } from 'vitest'
import { addTime, formatCountdown, pauseTimer, remainingMs, resumeTimer, startTimer } from './timer'

describe('timer', () => {
  it('runs, pauses with what was left, and resumes from there', () => {
    const running = startTimer(60_000, 1_000)
    expect(running).toEqual({ status: 'running', endsAt: 61_000, durationMs: 60_000 })
    expect(remainingMs(running, 31_000)).toBe(30_000)
    const paused = pauseTimer(running, 41_000)
    expect(paused).toEqual({ status: 'paused', remainingMs: 20_000, durationMs: 60_000 })
    expect(remainingMs(paused, 999_999)).toBe(20_000)
    expect(resumeTimer(paused, 100_000)).toEqual({ status: 'running', endsAt: 120_000, durationMs: 60_000 })
  })

  it.each([
    ['idle + 1 min starts it', { status: 'idle' } as const, 60_000, { status: 'running', endsAt: 60_000, durationMs: 60_000 }],
    ['running + 1 min', { status: 'running', endsAt: 30_000, durationMs: 60_000 } as const, 60_000, { status: 'running', endsAt: 90_000, durationMs: 120_000 }],
    ['run out + 1 min counts from now', { status: 'running', endsAt: -5_000, durationMs: 60_000 } as const, 60_000, { status: 'running', endsAt: 60_000, durationMs: 120_000 }],
    ['running - 1 min stops at zero', { status: 'running', endsAt: 30_000, durationMs: 60_000 } as const, -60_000, { status: 'running', endsAt: 0, durationMs: 60_000 }],
    ['paused + 30 s', { status: 'paused', remainingMs: 10_000, durationMs: 60_000 } as const, 30_000, { status: 'paused', remainingMs: 40_000, durationMs: 90_000 }],
    ['idle - 1 min stays idle', { status: 'idle' } as const, -60_000, { status: 'idle' }],
  ])('%s', (_name, timer, ms, expected) => {
    expect(addTime(timer, ms, 0)).toEqual(expected)
  })

  it('ignores pause when not running and resume when not paused', () => {
    expect(pauseTimer({ status: 'idle' }, 5)).toEqual({ status: 'idle' })
    const running = startTimer(1_000, 0)
    expect(resumeTimer(running, 500)).toBe(running)
    expect(remainingMs({ status: 'idle' }, 0)).toBeNull()
  })

  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [999, '0:01'],
    [1_000, '0:01'],
    [1_001, '0:02'],
    [59_000, '0:59'],
    [245_000, '4:05'],
    [3_720_000, '1:02:00'],
    [-10, '0:00'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text)
  })
})
