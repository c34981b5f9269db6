import fs from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { IMAGE_MAX_BYTES } from '../../shared/schema/records/image'
import { testPng } from '../testPng'
import type { CreatedWorkshop } from '../../shared/access'
import { createWorkshopWithAccess, TestResources } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** A real w×h RGB PNG, so the server's byte sniffing sees a PNG. */
function png(w = 2, h = 2, seed = 0): Buffer {
  return testPng(w, h, () => [seed, seed, seed])
}

/** The workshop each test server's uploads go to (made once per server, facilitator token). */
const workshops = new Map<string, Promise<CreatedWorkshop>>()
function workshopOn(url: string): Promise<CreatedWorkshop> {
  let created = workshops.get(url)
  if (!created) workshops.set(url, (created = createWorkshopWithAccess(url)))
  return created
}

async function upload(url: string, body: Buffer, type = 'image/png') {
  const { id, token } = await workshopOn(url)
  return post(`${url}/api/images?workshop=${id}`, body, { 'content-type': type, authorization: `Bearer ${token}` })
}

async function post(url: string, body: Buffer, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(body) })
  return { status: response.status, json: (await response.json()) as { hash?: string; mime?: string; bytes?: number; error?: string } }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}

describe('POST /api/images', () => {
  it('stores a PNG by its SHA-256 and the same bytes twice give one file', async () => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir })
    const bytes = png(3, 2, 7)
    const hash = createHash('sha256').update(bytes).digest('hex')
    const first = await upload(server.url, bytes)
    expect(first).toEqual({ status: 201, json: { hash, mime: 'image/png', bytes: bytes.length } })
    const again = await upload(server.url, bytes)
    expect(again.status).toBe(200)
    expect(again.json.hash).toBe(hash)
    const files = await filesUnder(path.join(dataDir, 'images'))
    expect(files).toEqual([path.join(dataDir, 'images', hash.slice(0, 2), hash)])
  })

  it.each([
    ['no image content type', 'application/octet-stream', png(), 400, /JPEG, PNG, WebP or GIF/],
    ['an image type we do not take', 'image/svg+xml', Buffer.from('<svg/>'), 400, /JPEG, PNG, WebP or GIF/],
    ['bytes that are not an image', 'image/png', Buffer.from('hello, not a png at all'), 400, /JPEG, PNG, WebP or GIF/],
    ['a PNG sent as JPEG', 'image/jpeg', png(), 415, /image\/png.*image\/jpeg/],
    ['an empty body', 'image/png', Buffer.alloc(0), 400, /empty/],
  ])('refuses %s', async (_name, type, body, status, error) => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const result = await upload(server.url, body, type)
    expect(result.status).toBe(status)
    expect(result.json.error).toMatch(error)
  })

  it('refuses more than IMAGE_MAX_BYTES with 413', async () => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir })
    const big = Buffer.concat([png(), Buffer.alloc(IMAGE_MAX_BYTES)])
    const result = await upload(server.url, big)
    expect(result.status).toBe(413)
    expect(result.json.error).toMatch(/at most 10 MB/)
    expect(await filesUnder(path.join(dataDir, 'images'))).toEqual([])
  })
})

describe('who may upload', () => {
  it('takes a photo from a participant who joined by code, as a bearer token or ?token=', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const workshop = await workshopOn(server.url)
    const joined = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: workshop.code }) })
    const { token } = (await joined.json()) as { token: string }
    const byHeader = await post(`${server.url}/api/images?workshop=${workshop.id}`, png(2, 2, 1), { 'content-type': 'image/png', authorization: `Bearer ${token}` })
    expect(byHeader.status).toBe(201)
    const byQuery = await post(`${server.url}/api/images?workshop=${workshop.id}&token=${encodeURIComponent(token)}`, png(2, 2, 2), { 'content-type': 'image/png' })
    expect(byQuery.status).toBe(201)
  })

  it.each([
    ['no workshop', (w: CreatedWorkshop) => `?token=${w.token}`, {}, 400, /which workshop/],
    ['a workshop that does not exist', (w: CreatedWorkshop) => `?workshop=${'x'.repeat(21)}&token=${w.token}`, {}, 404, /not found/],
    ['no token', (w: CreatedWorkshop) => `?workshop=${w.id}`, {}, 401, /link from the facilitator or the join code/],
    ['a wrong token', (w: CreatedWorkshop) => `?workshop=${w.id}`, { authorization: 'Bearer not-a-real-token' }, 403, /not valid/],
    ['another workshop\'s token', (w: CreatedWorkshop, other: CreatedWorkshop) => `?workshop=${w.id}&token=${other.token}`, {}, 403, /not valid/],
    ['an observer', (w: CreatedWorkshop) => `?workshop=${w.id}&token=${new URL(w.links.observer).searchParams.get('token')}`, {}, 403, /Observers/],
  ])('refuses %s and stores nothing', async (_name, query, headers, status, error) => {
    const dataDir = await resources.tempDir()
    const server = await resources.startServer({ dataDir })
    const workshop = await workshopOn(server.url)
    const other = await createWorkshopWithAccess(server.url)
    const result = await post(`${server.url}/api/images${query(workshop, other)}`, png(), { 'content-type': 'image/png', ...headers })
    expect(result.status).toBe(status)
    expect(result.json.error).toMatch(error)
    expect(await filesUnder(path.join(dataDir, 'images'))).toEqual([])
  })
})

describe('GET /api/images/<hash>', () => {
  it('returns the bytes with their type, immutable caching and an ETag', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const bytes = png(4, 4, 200)
    const { json } = await upload(server.url, bytes)
    const response = await fetch(`${server.url}/api/images/${json.hash}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('etag')).toBe(`"${json.hash}"`)
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
    const cached = await fetch(`${server.url}/api/images/${json.hash}`, { headers: { 'if-none-match': `"${json.hash}"` } })
    expect(cached.status).toBe(304)
  })

  it.each([
    ['an unknown hash', 'a'.repeat(64), 404],
    ['upper-case hex', 'A'.repeat(64), 400],
    ['too short', 'abc', 400],
    ['a traversal attempt', '..%2F..%2Fsamskap.sqlite', 400],
    // URL parsing resolves the dots before routing: the request never reaches the images folder.
    ['a nested traversal', `${'a'.repeat(64)}/../../samskap.sqlite`, 404],
  ])('answers %s with %s JSON', async (_name, hash, status) => {
    const dataDir = await resources.tempDir()
    await fs.writeFile(path.join(dataDir, 'secret.txt'), 'do not serve')
    const server = await resources.startServer({ dataDir })
    // A raw request: fetch() would normalise `..` away before it reaches the server.
    const response = await rawGet(server.url, `/api/images/${hash}`)
    expect(response.status).toBe(status)
    expect(response.type).toMatch(/^application\/json/)
    expect((JSON.parse(response.body) as { error: string }).error).toBeTruthy()
    expect(response.body).not.toContain('do not serve')
  })
})

function rawGet(url: string, requestPath: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/`, { path: requestPath }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), body }))
    })
    request.on('error', reject)
  })
}
