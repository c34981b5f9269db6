import { describe, expect, it } from 'vitest'
import { overscanOf, stagePoint } from './stagePainting'

describe('stagePoint', () => {
  const overscan = overscanOf({ w: 800, h: 600 }, 0.25)

  it('is the container point shifted by the overscan when the stage shows what it drew', () => {
    expect(overscan).toEqual({ x: 200, y: 150 })
    const camera = { x: 30, y: 40, scale: 2 }
    expect(stagePoint({ x: 10, y: 20 }, camera, camera, overscan)).toEqual({ x: 210, y: 170 })
    expect(stagePoint({ x: 10, y: 20 }, camera, null, overscan)).toEqual({ x: 210, y: 170 })
  })

  it('maps through the preview: the board point under the pointer, where it was drawn', () => {
    const drawn = { x: 0, y: 0, scale: 1 }
    // Panned 100 px right and zoomed to 2x since the last redraw.
    const shown = { x: 100, y: 0, scale: 2 }
    // Container point (300, 100) shows board point (100, 50), drawn at (100, 50) + overscan.
    expect(stagePoint({ x: 300, y: 100 }, shown, drawn, overscan)).toEqual({ x: 300, y: 200 })
  })
})
