import { describe, expect, it } from 'vitest'
import type { Camera } from '../../../../shared/logic/geometry'
import { isDoubleTap, panCamera, pinchCamera, pinchStart, wheelCamera, type WheelInput } from './cameraInput'

const home: Camera = { x: 0, y: 0, scale: 1 }
const wheel = (w: Partial<WheelInput>): WheelInput => ({ point: { x: 100, y: 100 }, deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false, ...w })

describe('wheelCamera', () => {
  it.each([
    ['a mouse notch down zooms out at the pointer', wheel({ deltaY: 100 }), 'zoom out'],
    ['a mouse notch up zooms in', wheel({ deltaY: -100 }), 'zoom in'],
    ['a line-mode wheel zooms', wheel({ deltaY: 3, deltaMode: 1 }), 'zoom out'],
    ['a trackpad pinch (ctrl) zooms', wheel({ deltaY: -4.5, ctrlKey: true }), 'zoom in'],
    ['cmd with a trackpad scroll zooms', wheel({ deltaY: 10.5, metaKey: true }), 'zoom out'],
    ['a two-finger trackpad scroll pans', wheel({ deltaX: 12.5, deltaY: 7.25 }), 'pan'],
    ['shift with a mouse wheel pans sideways', wheel({ deltaY: 100, shiftKey: true }), 'pan'],
  ])('%s', (_name, input, expected) => {
    const next = wheelCamera(home, input)
    const kind = next.scale > 1 ? 'zoom in' : next.scale < 1 ? 'zoom out' : 'pan'
    expect(kind).toBe(expected)
  })

  it('keeps the board point under the pointer when zooming', () => {
    const next = wheelCamera({ x: 40, y: -20, scale: 1.5 }, wheel({ deltaY: -100, point: { x: 300, y: 200 } }))
    const before = { x: (300 - 40) / 1.5, y: (200 + 20) / 1.5 }
    expect((300 - next.x) / next.scale).toBeCloseTo(before.x, 6)
    expect((200 - next.y) / next.scale).toBeCloseTo(before.y, 6)
  })

  it('pans by the scroll distance, shift turning a vertical scroll sideways', () => {
    expect(wheelCamera(home, wheel({ deltaX: 12.5, deltaY: 7.25 }))).toEqual({ x: -12.5, y: -7.25, scale: 1 })
    expect(wheelCamera(home, wheel({ deltaY: 30.5, shiftKey: true }))).toEqual({ x: -30.5, y: 0, scale: 1 })
  })
})

describe('panCamera and pinchCamera', () => {
  it('a pan moves the camera by what the pointer moved', () => {
    expect(panCamera({ x: 10, y: 20, scale: 2 }, { x: 100, y: 100 }, { x: 130, y: 90 })).toEqual({ x: 40, y: 10, scale: 2 })
  })

  it('fingers spreading to twice their distance double the scale about their middle', () => {
    const start = pinchStart({ x: 100, y: 100 }, { x: 200, y: 100 }, home)
    const next = pinchCamera(start, { x: 50, y: 100 }, { x: 250, y: 100 })
    expect(next.scale).toBeCloseTo(2)
    // The board point under the middle (150, 100) stays there.
    expect((150 - next.x) / next.scale).toBeCloseTo(150)
    expect((100 - next.y) / next.scale).toBeCloseTo(100)
  })

  it('fingers moving together pan', () => {
    const start = pinchStart({ x: 100, y: 100 }, { x: 200, y: 100 }, home)
    expect(pinchCamera(start, { x: 110, y: 140 }, { x: 210, y: 140 })).toEqual({ x: 10, y: 40, scale: 1 })
  })

  it('two fingers on one spot do not divide by zero', () => {
    expect(pinchStart({ x: 5, y: 5 }, { x: 5, y: 5 }, home).startDistance).toBe(1)
  })
})

describe('isDoubleTap', () => {
  const last = { point: { x: 100, y: 100 }, time: 1000 }
  it.each([
    ['close in time and place', { x: 110, y: 105 }, 1200, true],
    ['too late', { x: 100, y: 100 }, 1400, false],
    ['too far apart', { x: 130, y: 100 }, 1100, false],
  ])('%s', (_name, point, time, expected) => {
    expect(isDoubleTap(last, point, time)).toBe(expected)
  })
  it('needs a first tap', () => {
    expect(isDoubleTap(null, { x: 0, y: 0 }, 0)).toBe(false)
  })
})
