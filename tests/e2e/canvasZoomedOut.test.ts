import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { testPng } from '../testPng'
import { createWorkshop, newPerson, openWorkshop, startE2E, waitFor, workshopUrl, type E2E } from './harness'

// Zoomed out (below 33 %) notes are not Konva nodes: one shape draws them all (CoarseItems). A
// person must not notice: a click selects the note under the pointer, a press and drag moves it
// in one gesture, a double click edits it, and what is selected gets its resize frame.

const SHOTS = '/tmp/zoomed-out-shots'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const notesOf = (page: Page) => page.evaluate(() => window.__samskapCanvas?.getNotes() ?? [])
const selectionOf = (page: Page) => page.evaluate(() => window.__samskapCanvas?.getSelection() ?? [])
const statsOf = (page: Page) => page.evaluate(() => window.__samskapCanvas!.getRenderStats())
const scaleOf = (page: Page) => page.evaluate(() => window.__samskapCanvas!.getCamera().scale)
const centreOf = async (page: Page, id: string) => {
  const r = await page.evaluate((noteId) => window.__samskapCanvas!.noteScreenRect(noteId), id)
  return { x: r!.x + r!.w / 2, y: r!.y + r!.h / 2 }
}

/** The colour the items layer drew at a viewport point (the layer with the items is the stage's first canvas). */
const pixelAt = (page: Page, at: { x: number; y: number }) =>
  page.evaluate(({ x, y }) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board-canvas"] canvas')!
    const box = canvas.getBoundingClientRect()
    const px = Math.floor(((x - box.left) * canvas.width) / box.width)
    const py = Math.floor(((y - box.top) * canvas.height) / box.height)
    return [...canvas.getContext('2d')!.getImageData(px, py, 1, 1).data.slice(0, 3)]
  }, at)

describe('the free canvas zoomed out', () => {
  it('draws a photo above the notes under it, in the same order as at full zoom', async () => {
    const id = await createWorkshop(e2e, 'Bilde over lapp')
    const { page } = await newPerson(e2e, 'Kari', { viewport: { width: 1440, height: 900 } })
    await openWorkshop(page, workshopUrl(e2e, id), { board: true })
    const canvas = page.getByTestId('board-canvas')
    const box = (await canvas.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await canvas.focus()
    await page.keyboard.press('n')
    await page.keyboard.type('Under bildet')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    const [note] = await waitFor(() => notesOf(page), (list) => list.length === 1 && list[0]!.text !== '', 'the note')

    // A plain red photo, added after the note: it lands in the middle of the view, over the note.
    const photo = join(e2e.dataDir, 'red-600x400.png')
    await writeFile(photo, testPng(600, 400, () => [220, 20, 20]))
    await page.getByTestId('image-input').setInputFiles(photo)
    const items = await waitFor(() => page.evaluate(() => window.__samskapCanvas!.getItems()), (list) => list.some((i) => i.kind === 'image'), 'the photo')
    const imageId = items.find((i) => i.kind === 'image')!.id
    expect(items.map((i) => i.id)).toEqual([note!.id, imageId])
    await page.keyboard.press('Escape')
    const red = (c: number[]) => c[0]! > 180 && c[1]! < 80 && c[2]! < 80
    await waitFor(async () => pixelAt(page, await centreOf(page, note!.id)), red, 'the photo drawn over the note at full zoom')

    await canvas.focus()
    for (let i = 0; i < 6; i++) await page.keyboard.press('-')
    await waitFor(() => scaleOf(page), (scale) => scale < 0.33, 'zoomed out below 33 %')
    await waitFor(() => statsOf(page), (s) => s.coarseDrawn === 1 && s.mountedItemNodes === 1, 'the note drawn coarse, the photo a node')
    const zoomedOut = await waitFor(async () => pixelAt(page, await centreOf(page, note!.id)), red, 'the photo drawn over the note zoomed out')
    expect(red(zoomedOut)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/zoomed-out-photo-over-note.png` })
  })

  it('selects, drags and edits notes drawn as one shape', async () => {
    const id = await createWorkshop(e2e, 'Langt unna')
    const { page } = await newPerson(e2e, 'Ola', { viewport: { width: 1440, height: 900 } })
    await openWorkshop(page, workshopUrl(e2e, id), { board: true })
    const canvas = page.getByTestId('board-canvas')
    const box = (await canvas.boundingBox())!

    // A new note goes to the middle of the view: the view is moved 500 px between the two.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    for (const text of ['Lys i parken', 'Flere benker']) {
      await canvas.focus()
      await page.keyboard.press('n')
      await page.keyboard.type(text)
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
      await page.mouse.wheel(500, 0)
    }
    const notes = await waitFor(() => notesOf(page), (list) => list.length === 2 && list.every((n) => n.text !== ''), 'two notes')

    // Zoom out with the keyboard until the board is drawn coarse: no note is a node any more.
    await canvas.focus()
    for (let i = 0; i < 6; i++) await page.keyboard.press('-')
    await waitFor(() => scaleOf(page), (scale) => scale < 0.33, 'zoomed out below 33 %')
    const stats = await waitFor(() => statsOf(page), (s) => s.mountedItemNodes === 0 && s.coarseDrawn === 2, 'notes drawn by the coarse shape')
    expect(stats.renderedIds).toBe(0)

    // A click selects the note under the pointer, and only that note becomes a node.
    const [first, second] = notes
    const at = await centreOf(page, first!.id)
    await page.mouse.click(at.x, at.y)
    await waitFor(() => selectionOf(page), (s) => s.length === 1 && s[0] === first!.id, 'the first note selected')
    await waitFor(() => statsOf(page), (s) => s.mountedItemNodes === 1 && s.coarseDrawn === 1, 'the selected note mounted')
    await page.screenshot({ path: `${SHOTS}/zoomed-out-selected.png` })

    // Press on the other note and drag: it is selected and moved in the same gesture.
    const scale = await scaleOf(page)
    const from = await centreOf(page, second!.id)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + step * 6, from.y + step * 4)
    await page.mouse.up()
    const moved = await waitFor(() => notesOf(page), (list) => list.find((n) => n.id === second!.id)!.x !== second!.x, 'the second note moved')
    const after = moved.find((n) => n.id === second!.id)!
    expect(Math.abs(after.x - second!.x - 60 / scale)).toBeLessThanOrEqual(2 / scale)
    expect(Math.abs(after.y - second!.y - 40 / scale)).toBeLessThanOrEqual(2 / scale)
    expect(await selectionOf(page)).toEqual([second!.id])
    // The first note was not dragged along.
    expect(moved.find((n) => n.id === first!.id)!.x).toBe(first!.x)

    // Empty board deselects; a double click on a coarse note opens its editor.
    await page.mouse.click(box.x + 40, box.y + box.height - 40)
    await waitFor(() => selectionOf(page), (s) => s.length === 0, 'nothing selected')
    const again = await centreOf(page, first!.id)
    await page.mouse.dblclick(again.x, again.y)
    // Typing waits for the editor to be open on this note and to hold the focus.
    const editor = page.locator('[data-testid="board-canvas"] textarea')
    await waitFor(
      () => editor.evaluateAll((found) => found.map((el) => ({ value: (el as HTMLTextAreaElement).value, focused: el === document.activeElement }))),
      (open) => open.length === 1 && open[0]!.focused,
      'the editor open and focused',
    )
    expect(await editor.inputValue()).toBe('Lys i parken')
    await page.screenshot({ path: `${SHOTS}/zoomed-out-editing.png` })
    await page.keyboard.type(' om kvelden')
    await page.keyboard.press('Escape')
    const edited = await waitFor(() => notesOf(page), (list) => list.find((n) => n.id === first!.id)!.text === 'Lys i parken om kvelden', 'the edit saved')
    // The double click edited that note and made no new one.
    expect(edited).toHaveLength(2)
  })
})
