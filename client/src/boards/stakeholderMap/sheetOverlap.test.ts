import { describe, expect, it } from 'vitest'
import { uncoveredHeight, type ScreenBox } from './sheetOverlap'

const box = (left: number, top: number, right: number, bottom: number): ScreenBox => ({ left, top, right, bottom })

describe('uncoveredHeight', () => {
  it.each([
    ['a phone’s bottom sheet over the lower 72 %', box(0, 100, 390, 800), box(0, 296, 390, 800), 196],
    ['a sheet ending a pixel short of the view’s bottom (rounding)', box(0, 100, 390, 800), box(0, 500, 390, 799.5), 400],
    ['a side panel beside the view (desktop)', box(0, 100, 1080, 900), box(1080, 100, 1440, 900), null],
    ['a panel as tall as the view, over it from the top', box(0, 100, 390, 800), box(0, 100, 390, 800), null],
    ['a panel that ends above the view’s bottom (not a sheet)', box(0, 100, 390, 800), box(0, 300, 390, 600), null],
    ['a panel below the view', box(0, 100, 390, 800), box(0, 800, 390, 1000), null],
  ])('%s', (_name, view, panel, expected) => {
    expect(uncoveredHeight(view, panel)).toBe(expected)
  })
})
