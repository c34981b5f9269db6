import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { whenPageIsIdle } from './whenPageIsIdle'

// A page: frames every 16 ms, typing as 'input' events on the window (the global object).
let page: EventTarget
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  page = new EventTarget()
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page))
  vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page))
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 16) as unknown as number)
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const type = () => page.dispatchEvent(new Event('input'))

describe('whenPageIsIdle', () => {
  it('waits for two frames to be drawn, then runs once', () => {
    const ran = vi.fn()
    whenPageIsIdle(ran)
    vi.advanceTimersByTime(20)
    expect(ran).not.toHaveBeenCalled()
    vi.advanceTimersByTime(20)
    expect(ran).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(10_000)
    expect(ran).toHaveBeenCalledTimes(1)
  })

  it('waits while the person types, until a second without input', () => {
    const ran = vi.fn()
    whenPageIsIdle(ran)
    for (let i = 0; i < 10; i++) {
      type()
      vi.advanceTimersByTime(200)
    }
    expect(ran).not.toHaveBeenCalled()
    vi.advanceTimersByTime(700)
    expect(ran).not.toHaveBeenCalled()
    vi.advanceTimersByTime(400)
    expect(ran).toHaveBeenCalledTimes(1)
  })

  it('counts a tap into a box (focus) as the start of typing', () => {
    const ran = vi.fn()
    whenPageIsIdle(ran)
    vi.advanceTimersByTime(10)
    page.dispatchEvent(new Event('focusin'))
    vi.advanceTimersByTime(900)
    expect(ran).not.toHaveBeenCalled()
    vi.advanceTimersByTime(200)
    expect(ran).toHaveBeenCalledTimes(1)
  })

  it('runs 5 s after it was asked even if the typing never stops (a copy never read is a page that never syncs)', () => {
    const ran = vi.fn()
    whenPageIsIdle(ran)
    for (let i = 0; i < 24; i++) {
      type()
      vi.advanceTimersByTime(200)
    }
    expect(ran).not.toHaveBeenCalled()
    type()
    vi.advanceTimersByTime(250)
    expect(ran).toHaveBeenCalledTimes(1)
  })

  it('runs by the deadline in a tab that draws no frames', () => {
    vi.stubGlobal('requestAnimationFrame', () => 0)
    const ran = vi.fn()
    whenPageIsIdle(ran)
    vi.advanceTimersByTime(4900)
    expect(ran).not.toHaveBeenCalled()
    vi.advanceTimersByTime(200)
    expect(ran).toHaveBeenCalledTimes(1)
  })

  it('never runs once cancelled', () => {
    const ran = vi.fn()
    const cancel = whenPageIsIdle(ran)
    vi.advanceTimersByTime(16)
    cancel()
    vi.advanceTimersByTime(10_000)
    expect(ran).not.toHaveBeenCalled()
  })
})
