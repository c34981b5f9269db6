import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { testPng } from '../testPng'
import { createWorkshop, newPerson, openWorkshop, startE2E, waitFor, type E2E, workshopUrl } from './harness'

// Two people on the free canvas: A draws every kind, binds an arrow between two notes and moves one
// (B sees the arrow follow), adds a photo while offline (B gets it after A reconnects, bytes from
// /api/images/<hash>), tags a note with SDG 17 and filters.

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

type ItemView = { id: string; kind: string; x: number; y: number; w: number; h: number }
type Rect = { x: number; y: number; w: number; h: number }

const items = (page: Page) => page.evaluate(() => window.__samskapCanvas?.getItems() ?? [])

async function screenRect(page: Page, id: string): Promise<Rect> {
  const rect = await page.evaluate((itemId) => window.__samskapCanvas?.itemScreenRect(itemId) ?? null, id)
  if (!rect) throw new Error(`item ${id} is not on screen`)
  return rect
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 10 })
  await page.mouse.up()
}

/** A real PNG of w×h pixels (a gradient), written to a temp file for the file input. */
async function pngFile(dir: string, w: number, h: number): Promise<string> {
  const file = join(dir, `photo-${w}x${h}.png`)
  await writeFile(file, testPng(w, h, (x, y) => [(x * 255) / w, (y * 255) / h, 120]))
  return file
}

describe('the free canvas', () => {
  it('draws every kind, keeps arrows attached, uploads photos added offline, tags and filters', async () => {
    const id = await createWorkshop(e2e, 'Fritt lerret')
    const a = await newPerson(e2e, 'Kari')
    const b = await newPerson(e2e, 'Ola')
    const url = workshopUrl(e2e, id)
    await openWorkshop(a.page, url, { board: true })
    await openWorkshop(b.page, url, { board: true })
    const page = a.page
    const canvas = page.getByTestId('board-canvas')
    const box = (await canvas.boundingBox())!
    const at = (x: number, y: number) => ({ x: box.x + x, y: box.y + y })

    // Two notes; the second one dragged away to the right.
    await canvas.click({ position: { x: 40, y: 40 } })
    await page.keyboard.press('n')
    await page.keyboard.type('Trygg skolevei')
    await page.keyboard.press('Escape')
    await page.keyboard.press('n')
    await page.keyboard.type('Flere gatelys')
    await page.keyboard.press('Escape')
    const [first, second] = (await waitFor(() => items(page), (list) => list.length === 2, 'two notes')) as ItemView[]
    const secondRect = await screenRect(page, second!.id)
    await drag(page, { x: secondRect.x + 30, y: secondRect.y + 30 }, { x: secondRect.x + 330, y: secondRect.y + 30 })

    // Rectangle (R, drag), text (T, click and type), pen stroke (P, drag).
    await page.keyboard.press('r')
    await drag(page, at(80, 420), at(280, 540))
    await page.keyboard.press('Escape')
    await page.keyboard.press('t')
    await page.mouse.click(at(80, 120).x, at(80, 120).y)
    await page.keyboard.type('Innspill fra møtet')
    await page.keyboard.press('Escape')
    await page.keyboard.press('p')
    await page.mouse.move(at(700, 500).x, at(700, 500).y)
    await page.mouse.down()
    for (let i = 1; i <= 30; i++) await page.mouse.move(at(700 + i * 8, 500 + Math.sin(i / 4) * 40).x, at(700 + i * 8, 500 + Math.sin(i / 4) * 40).y)
    await page.mouse.up()

    // Arrow (A) from the first note to the second: both ends bind.
    await page.keyboard.press('a')
    const r1 = await screenRect(page, first!.id)
    const r2 = await screenRect(page, second!.id)
    await drag(page, { x: r1.x + r1.w / 2, y: r1.y + r1.h / 2 }, { x: r2.x + r2.w / 2, y: r2.y + r2.h / 2 })

    const drawn = await waitFor(() => items(b.page), (list) => ['note', 'shape', 'text', 'stroke', 'connector'].every((k) => list.some((i) => i.kind === k)), 'every kind at B')
    const arrowId = drawn.find((i) => i.kind === 'connector')!.id
    const arrow = await b.page.evaluate((cid) => window.__samskapCanvas?.getItem(cid), arrowId)
    expect(arrow).toMatchObject({ from: { itemId: first!.id }, to: { itemId: second!.id } })
    const stroke = await b.page.evaluate((sid) => window.__samskapCanvas?.getItem(sid), drawn.find((i) => i.kind === 'stroke')!.id)
    expect((stroke as { points: number[] }).points.length % 3).toBe(0)
    expect((stroke as { points: number[] }).points.length / 3).toBeLessThan(31)
    const text = await b.page.evaluate((tid) => window.__samskapCanvas?.getItem(tid), drawn.find((i) => i.kind === 'text')!.id)
    expect(text).toMatchObject({ text: 'Innspill fra møtet' })

    // A moves the first note down; at B the arrow's start still sits on that note's edge.
    await page.keyboard.press('v')
    const before = (await b.page.evaluate((cid) => window.__samskapCanvas?.getConnectorEnds(cid), arrowId))!
    const moveFrom = await screenRect(page, first!.id)
    await drag(page, { x: moveFrom.x + 20, y: moveFrom.y + 20 }, { x: moveFrom.x + 20, y: moveFrom.y + 280 })
    const moved = await waitFor(
      () => b.page.evaluate((nid) => window.__samskapCanvas?.getItem(nid), first!.id),
      (note) => (note as { y: number }).y > first!.y + 200,
      'the moved note at B',
    )
    const after = (await b.page.evaluate((cid) => window.__samskapCanvas?.getConnectorEnds(cid), arrowId))!
    expect(after.from.y).toBeGreaterThan(before.from.y + 100)
    const n = moved as { x: number; y: number; w: number; h: number }
    const onEdge = after.from.x >= n.x - 6 && after.from.x <= n.x + n.w + 6 && after.from.y >= n.y - 6 && after.from.y <= n.y + n.h + 6
    expect(onEdge, `arrow start ${JSON.stringify(after.from)} on the note ${JSON.stringify(n)}`).toBe(true)

    // Offline: A adds a photo. It is drawn from A's local copy; B gets it after A reconnects.
    const photo = await pngFile(e2e.dataDir, 300, 200)
    await a.context.setOffline(true)
    await page.getByTestId('image-input').setInputFiles(photo)
    const withImage = await waitFor(() => items(page), (list) => list.some((i) => i.kind === 'image'), 'the image record at A')
    const imageId = withImage.find((i) => i.kind === 'image')!.id
    await waitFor(() => page.evaluate((iid) => window.__samskapCanvas?.getImageSource(iid), imageId), (s) => s === 'local', 'A drawing from the local blob')
    const image = (await page.evaluate((iid) => window.__samskapCanvas?.getItem(iid), imageId)) as { hash: string; w: number; h: number; mime: string }
    expect(image.mime).toBe('image/png')
    expect(image.w / image.h).toBeCloseTo(1.5, 1)
    expect((await fetch(`${e2e.baseUrl}/api/images/${image.hash}`)).status).toBe(404)
    await a.context.setOffline(false)
    await waitFor(() => b.page.evaluate((iid) => window.__samskapCanvas?.getImageSource(iid) ?? null, imageId), (s) => s === 'server', 'B drawing the photo from the server', 30_000)
    const served = await fetch(`${e2e.baseUrl}/api/images/${image.hash}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(await readFile(photo))).toBe(true)

    // Tag the first note with SDG 17 and filter: one of the four taggable items matches.
    // The note now sits low in the view, where the "added offline" notice floats above the toolbar;
    // like a person, wait until that notice has gone (it closes itself) before clicking the note.
    await page.getByTestId('canvas-notice').waitFor({ state: 'hidden' })
    const tagRect = await screenRect(page, first!.id)
    await page.mouse.click(tagRect.x + tagRect.w / 2, tagRect.y + 16)
    await page.getByRole('button', { name: 'Tagg med bærekraftsmål' }).click()
    await page.getByRole('checkbox', { name: /Samarbeid for å nå målene/ }).check()
    await waitFor(() => b.page.evaluate((nid) => window.__samskapCanvas?.getItem(nid), first!.id), (note) => JSON.stringify((note as { sdgs: number[] }).sdgs) === '[17]', 'the tag at B')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: /Filtrer på bærekraftsmål/ }).click()
    await page.getByRole('button', { name: 'Bærekraftsmål 17: Samarbeid for å nå målene' }).click()
    await waitFor(() => page.getByTestId('tag-filter-count').textContent(), (t) => t === 'Viser 1 av 4', '"Viser 1 av 4"')

    await a.context.close()
    await b.context.close()
  })
})
