import type { Page } from 'playwright-core'

// WCAG 2.5.7 tests: proof that a move happened without a drag.

/** Counts, in the page, every sign of a drag: DOM drag starts and pointer moves with a button held. */
export async function countDrags(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counts = { dragstart: 0, buttonMoves: 0 }
    ;(window as unknown as { __dragCounts: typeof counts }).__dragCounts = counts
    window.addEventListener('dragstart', () => counts.dragstart++, true)
    window.addEventListener('pointermove', (e) => {
      if (e.buttons !== 0) counts.buttonMoves++
    }, true)
    window.addEventListener('mousemove', (e) => {
      if (e.buttons !== 0) counts.buttonMoves++
    }, true)
  })
}

export const dragCounts = (page: Page) => page.evaluate(() => (window as unknown as { __dragCounts: { dragstart: number; buttonMoves: number } }).__dragCounts)
