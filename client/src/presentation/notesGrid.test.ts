import { describe, expect, it } from 'vitest'
import { gridFor } from './notesGrid'

describe('gridFor', () => {
  it.each([
    ['a full page on a projector: five across, three down', 1840, 820, 100, 5, 3],
    ['a laptop: five across, three down', 1380, 650, 100, 5, 3],
    ['a phone-sized window still shows one card', 300, 200, 100, 1, 1],
    ['three notes: one row of three', 1840, 820, 3, 3, 1],
    ['seven notes: two balanced rows of four', 1840, 820, 7, 4, 2],
    ['one note: one card', 1840, 820, 1, 1, 1],
  ])('%s', (_what, width, height, count, columns, rows) => {
    const grid = gridFor(width, height, count)
    expect([grid.columns, grid.rows]).toEqual([columns, rows])
  })

  it('a few notes get cards no taller than about two thirds of their width; a full page fills the height', () => {
    const few = gridFor(1840, 820, 3)
    expect(few.rowHeight).toBeLessThanOrEqual(Math.ceil(((1840 - 2 * 18.4) / 3) * 0.62))
    const page = gridFor(1840, 820, 100)
    expect(page.rowHeight * page.rows).toBeGreaterThan(820 - 3 * 18.4)
  })
})
