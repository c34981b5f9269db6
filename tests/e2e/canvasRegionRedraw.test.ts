import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { WorkshopStore } from '../../client/src/store/WorkshopStore'
import { createWorkshopWithAccess, e2eForFile, facilitatorProgram, newPerson, openWorkshop, waitFor, workshopUrl } from './harness'

// A change to one item redraws the items layer only where the item was and where it is
// (client/src/canvas/viewport/regionRedraw.ts). What the person sees must be exactly what a
// redraw of the whole layer gives: nothing left behind, nothing cut off around the region.

const SHOTS = '/tmp/region-redraw-shots'
const files = e2eForFile(SHOTS)

const statsOf = (page: Page) => page.evaluate(() => window.__samskapCanvas!.getRenderStats())

/**
 * Pixel channels of the items layer (the stage's first canvas) that change visibly when Konva
 * redraws every layer of the stage in full: 0 when the region redraws left the picture as a full
 * redraw makes it.
 */
const channelsAFullRedrawChanges = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board-canvas"] canvas')!
    const context = canvas.getContext('2d')!
    const before = context.getImageData(0, 0, canvas.width, canvas.height).data
    const konva = (window as unknown as { Konva: { stages: { draw(): void }[] } }).Konva
    for (const stage of konva.stages) stage.draw()
    const after = context.getImageData(0, 0, canvas.width, canvas.height).data
    // Drawing under a clip rounds antialiased edges a level or two differently; a note left
    // behind or cut off differs by far more.
    let changed = 0
    for (let i = 0; i < before.length; i++) if (Math.abs(before[i]! - after[i]!) > 8) changed++
    return changed
  })

describe('a remote change on the free canvas', () => {
  it('redraws where the item was and where it is, and the picture is the one a full redraw makes', async () => {
    const created = await createWorkshopWithAccess(files.e2e, 'Delvis tegning')
    const program: WorkshopStore = facilitatorProgram(files.e2e, created, 'Kari')
    try {
      await waitFor(async () => program.getConnection().status, (s) => s === 'connected', 'the program to connect')
      const board = program.getBoards()[0]!.id
      // Overlapping notes, so a moved note uncovers one and lands over another.
      const ids = ['Bedre busstilbud', 'Møteplass for unge', 'Lys langs elva', 'Benker i parken'].map((text, i) =>
        program.createNote(board, { x: i * 150, y: (i % 2) * 90, w: 200, h: 200, color: i % 2 ? 'pink' : 'yellow', text }),
      )
      const { page, context } = await newPerson(files.e2e, 'Ola', { viewport: { width: 1440, height: 900 } })
      files.contexts.push(context)
      await openWorkshop(page, workshopUrl(files.e2e, created.id), { board: true })
      await waitFor(() => statsOf(page), (s) => s.mountedItemNodes === 4, 'the four notes mounted')
      await page.waitForTimeout(300)
      expect(await channelsAFullRedrawChanges(page)).toBe(0)
      await page.screenshot({ path: `${SHOTS}/before.png` })

      const before = await statsOf(page)
      // The second note goes from under its neighbours to the right, over the fourth.
      program.moveItems([{ id: ids[1]!, x: 380, y: 60 }])
      await waitFor(() => page.evaluate((id) => window.__samskapCanvas!.getNotes().find((n) => n.id === id)?.x, ids[1]!), (x) => x === 380, 'the move at Ola')
      const after = await waitFor(() => statsOf(page), (s) => s.regionRedraws > before.regionRedraws, 'a region redraw')
      // Nothing else on the layer changed, so nothing asked for a full redraw.
      expect(after.fullRedraws).toBe(before.fullRedraws)
      await page.screenshot({ path: `${SHOTS}/after-move.png` })
      expect(await channelsAFullRedrawChanges(page)).toBe(0)

      // A change of text in place (same bounds) is a region too, and leaves the same picture.
      const texts = await statsOf(page)
      program.updateNote(ids[2]!, { text: 'Lys langs elva og stien' })
      await waitFor(() => statsOf(page), (s) => s.regionRedraws > texts.regionRedraws, 'a region redraw for the text')
      await page.waitForTimeout(100)
      expect(await channelsAFullRedrawChanges(page)).toBe(0)
      await page.screenshot({ path: `${SHOTS}/after-text.png` })
    } finally {
      program.destroy()
    }
  })
})
