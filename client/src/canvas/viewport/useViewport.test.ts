import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStore } from '../../lib/createStore'
import { createViewport, initialViewport, type ViewportOptions, type ViewportState } from './useViewport'

// The camera's commits to React, without a stage (painting a missing stage is a no-op).

const options: ViewportOptions = { overscan: 0.25, preview: true, commitMs: 150, settleMs: 200, dotGrid: false }
const at = (x: number) => ({ x, y: 0, scale: 1 })

describe('the viewport commits the camera to React', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.stubGlobal('window', globalThis)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('a wheel gesture commits once, when it has been still for settleMs', () => {
    const store = createStore<ViewportState>({ ...initialViewport, size: { w: 800, h: 600 } })
    const viewport = createViewport(store, options)
    viewport.moveCamera(at(0))
    for (let i = 1; i <= 10; i++) {
      viewport.moveCamera(at(i * 10), 'settled')
      vi.advanceTimersByTime(40)
      expect(store.getState().camera).toEqual(at(i * 10))
      expect(store.getState().committedCamera).toEqual(at(0))
    }
    vi.advanceTimersByTime(159)
    expect(store.getState().committedCamera).toEqual(at(0))
    vi.advanceTimersByTime(1)
    expect(store.getState().committedCamera).toEqual(at(100))
  })

  it('a drag commits at most every commitMs while it moves, and at once when it ends', () => {
    const store = createStore<ViewportState>({ ...initialViewport, size: { w: 800, h: 600 } })
    const viewport = createViewport(store, options)
    viewport.moveCamera(at(5), 'throttled')
    vi.advanceTimersByTime(100)
    viewport.moveCamera(at(10), 'throttled')
    expect(store.getState().committedCamera).toEqual(at(0))
    vi.advanceTimersByTime(50)
    expect(store.getState().committedCamera).toEqual(at(10))
    viewport.moveCamera(at(20), 'throttled')
    viewport.moveCamera(at(30), 'now')
    expect(store.getState().committedCamera).toEqual(at(30))
    vi.advanceTimersByTime(1000)
    expect(store.getState().committedCamera).toEqual(at(30))
  })

  it('without settleMs a wheel commits like a drag', () => {
    const store = createStore<ViewportState>({ ...initialViewport, size: { w: 800, h: 600 } })
    const viewport = createViewport(store, { ...options, settleMs: 0 })
    viewport.moveCamera(at(5), 'settled')
    vi.advanceTimersByTime(150)
    expect(store.getState().committedCamera).toEqual(at(5))
  })
})
