import { describe, expect, it } from 'vitest'
import { MAX_SCALE, MIN_SCALE, screenToBoard } from '../../../shared/logic/geometry'
import { cameraForView, viewOfCamera } from './followView'

describe('follow views', () => {
  it('the centre of the screen is the same board point for the follower', () => {
    const projector = { w: 1920, h: 1080 }
    const laptop = { w: 1280, h: 720 }
    const camera = { x: -300, y: 120, scale: 1.5 }
    const view = viewOfCamera(camera, projector)
    const follower = cameraForView(view, laptop)
    const centre = screenToBoard(camera, { x: projector.w / 2, y: projector.h / 2 })
    const followerCentre = screenToBoard(follower, { x: laptop.w / 2, y: laptop.h / 2 })
    expect(followerCentre.x).toBeCloseTo(centre.x, 0)
    expect(followerCentre.y).toBeCloseTo(centre.y, 0)
  })

  it('shows the same height of board on a smaller screen of the same shape', () => {
    const view = viewOfCamera({ x: 0, y: 0, scale: 1 }, { w: 1920, h: 1080 })
    const follower = cameraForView(view, { w: 1280, h: 720 })
    expect(720 / follower.scale).toBeCloseTo(1080, 0)
  })

  it('round-trips on the same screen', () => {
    const size = { w: 1280, h: 800 }
    const camera = { x: 40, y: -60, scale: 0.75 }
    const back = cameraForView(viewOfCamera(camera, size), size)
    expect(back.scale).toBeCloseTo(camera.scale, 3)
    expect(back.x).toBeCloseTo(camera.x, -1)
    expect(back.y).toBeCloseTo(camera.y, -1)
  })

  it('keeps the zoom within what the canvas can draw', () => {
    expect(cameraForView({ x: 0, y: 0, scale: 100 }, { w: 400, h: 800 }).scale).toBe(MAX_SCALE)
    expect(cameraForView({ x: 0, y: 0, scale: 0.01 }, { w: 400, h: 800 }).scale).toBe(MIN_SCALE)
  })
})
