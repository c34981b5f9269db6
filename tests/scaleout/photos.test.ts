import fs from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testPng } from '../testPng'
import { createWorkshopWithAccess, TestResources } from '../server/helpers'
import { placePhotos, sha256, uploadPhoto as upload } from '../server/photoHelpers'
import { isolate, queryTestSchema, startInstance } from './services'

const resources = new TestResources()
afterEach(() => resources.dispose())

const DAY = 24 * 60 * 60 * 1000

function png(seed: number): Buffer {
  return testPng(4, 4, () => [seed, 20, 40])
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
}

describe('photos in PostgreSQL, shared by two instances', () => {
  it('serves a photo uploaded on one instance from the other, with the same checks and headers, and nothing on disk', async () => {
    const isolation = await isolate(resources)
    const dataDirA = await resources.tempDir()
    const a = await startInstance(resources, isolation, { dataDir: dataDirA })
    const b = await startInstance(resources, isolation)
    const workshop = await createWorkshopWithAccess(a.url, { title: 'Bilder' })
    const other = await createWorkshopWithAccess(b.url, { title: 'Annen' })
    const bytes = png(7)
    const hash = sha256(bytes)

    // Not read before it is uploaded.
    expect((await fetch(`${b.url}/api/images/${hash}`)).status).toBe(404)
    const first = await upload(a, workshop, bytes)
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ hash, mime: 'image/png', bytes: bytes.length })
    // The same bytes through the other instance: already there.
    expect((await upload(b, workshop, bytes)).status).toBe(200)

    const read = await fetch(`${b.url}/api/images/${hash}`)
    expect(read.status).toBe(200)
    expect(Buffer.from(await read.arrayBuffer()).equals(bytes)).toBe(true)
    expect(read.headers.get('content-type')).toBe('image/png')
    expect(read.headers.get('etag')).toBe(`"${hash}"`)
    expect(read.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(read.headers.get('x-content-type-options')).toBe('nosniff')
    const again = await fetch(`${b.url}/api/images/${hash}`, { headers: { 'if-none-match': `"${hash}"` } })
    expect(again.status).toBe(304)

    // The same refusals as with files: a token of another workshop, bytes that are no image, a lying type.
    expect([401, 403]).toContain((await upload(b, workshop, png(8), other.token)).status)
    expect((await upload(b, workshop, Buffer.from('not an image at all'))).status).toBe(400)
    expect((await upload(b, workshop, png(9), workshop.token, 'image/jpeg')).status).toBe(415)
    const rows = await queryTestSchema<{ hash: string; mime: string; size: number }>(isolation, 'SELECT hash, mime, size FROM photos')
    expect(rows).toEqual([{ hash, mime: 'image/png', size: bytes.length }])
    expect(await filesUnder(path.join(dataDirA, 'images'))).toEqual([])
  })

  it('deleting a workshop on one instance removes the photos only it used, for the other instance too', async () => {
    const isolation = await isolate(resources)
    const start = Date.now()
    let now = start
    const a = await startInstance(resources, isolation, { retentionDays: 30, clock: () => now })
    const b = await startInstance(resources, isolation)
    const old = await createWorkshopWithAccess(a.url, { title: 'Gammel' })
    const keeps = await createWorkshopWithAccess(b.url, { title: 'Behold' })
    const own = png(1)
    const shared = png(2)
    for (const bytes of [own, shared]) expect((await upload(a, old, bytes)).status).toBe(201)
    await placePhotos(resources, a, old, [sha256(own), sha256(shared)])
    await placePhotos(resources, b, keeps, [sha256(shared)])
    for (const bytes of [own, shared]) expect((await fetch(`${b.url}/api/images/${sha256(bytes)}`)).status).toBe(200)

    // `keeps` was just edited, `old` only when created: thirty-one days on, only `old` goes.
    now = start + 31 * DAY
    await fetch(`${a.url}/api/workshops/${keeps.id}/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keeps.token}`, origin: a.url },
      body: JSON.stringify({ action: 'keep' }),
    })
    expect(await a.retention.sweep()).toEqual([old.id])
    expect((await fetch(`${b.url}/api/images/${sha256(own)}`)).status).toBe(404)
    expect((await fetch(`${b.url}/api/images/${sha256(shared)}`)).status).toBe(200)
    expect((await queryTestSchema<{ hash: string }>(isolation, 'SELECT hash FROM photos')).map((row) => row.hash)).toEqual([sha256(shared)])
  })

  it('copies photo files an older version left in DATA_DIR/images into PostgreSQL on start', async () => {
    const isolation = await isolate(resources)
    const dataDir = await resources.tempDir()
    const bytes = png(3)
    const hash = sha256(bytes)
    await fs.mkdir(path.join(dataDir, 'images', hash.slice(0, 2)), { recursive: true })
    await fs.writeFile(path.join(dataDir, 'images', hash.slice(0, 2), hash), bytes)
    // A file whose bytes do not match its name is not taken.
    const forged = sha256(png(4))
    await fs.mkdir(path.join(dataDir, 'images', forged.slice(0, 2)), { recursive: true })
    await fs.writeFile(path.join(dataDir, 'images', forged.slice(0, 2), forged), png(5))
    await startInstance(resources, isolation, { dataDir })
    const b = await startInstance(resources, isolation)
    const read = await fetch(`${b.url}/api/images/${hash}`)
    expect(read.status).toBe(200)
    expect(Buffer.from(await read.arrayBuffer()).equals(bytes)).toBe(true)
    expect((await fetch(`${b.url}/api/images/${forged}`)).status).toBe(404)
  })
})
