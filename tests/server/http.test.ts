import fs from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreatedWorkshop } from '../../shared/access'
import { rememberFacilitator, synced, TestResources } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

async function post(url: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

/** fetch() normalises `..` away; a raw request sends the path exactly as written. */
function rawGet(
  url: string,
  requestPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; raw: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/`, { path: requestPath, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const raw = Buffer.concat(chunks)
        resolve({ status: response.statusCode ?? 0, body: raw.toString(), raw, headers: response.headers })
      })
    })
    request.on('error', reject)
  })
}

describe('HTTP API', () => {
  it('reports health', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, rooms: 0, connections: 0 })
  })

  it('creates a workshop with an unguessable id and returns it by id', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const created = await post(server.url, JSON.stringify({ title: 'Følgegruppe', language: 'nn', boardTitle: 'Utfordringer' }))
    expect(created.status).toBe(201)
    const id = created.json.id as string
    expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/)
    expect(created.json.url).toBe(`/w/${id}`)
    const read = await fetch(`${server.url}/api/workshops/${id}`)
    expect(read.status).toBe(200)
    expect(await read.json()).toEqual({ id, title: 'Følgegruppe' })
    const second = await post(server.url, '{}')
    expect(second.status).toBe(201)
    expect(second.json.id).not.toBe(id)
  })

  it.each([
    ['nb', 'Tavle 1'],
    ['sv', 'Tavla 1'],
    ['en-GB', 'Board 1'],
    ['de', 'Board 1'],
  ])('names the first board in the workshop language (%s → %s) when no board title is given', async (language, title) => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const created = await post(server.url, JSON.stringify({ title: 'Dialog', language }))
    rememberFacilitator(created.json as unknown as CreatedWorkshop)
    const client = resources.connect(server.url, created.json.id as string)
    await synced(client.provider)
    expect([...client.doc.getMap<Y.Map<unknown>>('boards').values()].map((b) => b.get('title'))).toEqual([title])
  })

  it('starts from the built-in workshop kit: three linked boards titled in the caller’s words, the map with its groups', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    const kitTitles = { stakeholderMap: 'Interessentkart', involvementMatrix: 'Involveringsmatrise', challengeBoard: 'Utfordringer og tiltak' }
    const created = await post(server.url, JSON.stringify({ title: 'Følgegruppe', language: 'nb', kit: 'workshopKit', kitTitles }))
    expect(created.status).toBe(201)
    rememberFacilitator(created.json as unknown as CreatedWorkshop)
    const client = resources.connect(server.url, created.json.id as string)
    await synced(client.provider)
    const boards = [...client.doc.getMap<Y.Map<unknown>>('boards').values()].map((b) => b.toJSON() as { id: string; title: string; template: string; linkedBoardId: string; order: string })
    boards.sort((a, b) => (a.order < b.order ? -1 : 1))
    expect(boards.map((b) => [b.template, b.title])).toEqual([
      ['stakeholderMap', 'Interessentkart'],
      ['involvementMatrix', 'Involveringsmatrise'],
      ['challengeBoard', 'Utfordringer og tiltak'],
    ])
    expect(boards.slice(1).map((b) => b.linkedBoardId)).toEqual([boards[0]!.id, boards[0]!.id])
    const groups = [...client.doc.getMap<Y.Map<unknown>>('items').values()].filter((item) => item.get('kind') === 'stakeholderGroup')
    expect(groups.length).toBe(5)
    expect(groups.every((group) => group.get('boardId') === boards[0]!.id)).toBe(true)
  })

  const invalid: { name: string; body: string; status: number; error: RegExp }[] = [
    { name: 'an unknown kit', body: JSON.stringify({ kit: 'everything' }), status: 400, error: /kit must be one of workshopKit/ },
    { name: 'a kit and a template at once', body: JSON.stringify({ kit: 'workshopKit', templateId: 'abc' }), status: 400, error: /kit or from a template/ },
    { name: 'a too-long kit title', body: JSON.stringify({ kit: 'workshopKit', kitTitles: { stakeholderMap: 'x'.repeat(81), involvementMatrix: 'M', challengeBoard: 'C' } }), status: 400, error: /kitTitles\.stakeholderMap.*80/ },
    { name: 'bad JSON', body: '{"title": ', status: 400, error: /JSON/ },
    { name: 'a JSON array', body: '[]', status: 400, error: /object/ },
    { name: 'a too-long title', body: JSON.stringify({ title: 'x'.repeat(121) }), status: 400, error: /title.*120/ },
    { name: 'a too-long board title', body: JSON.stringify({ boardTitle: 'x'.repeat(81) }), status: 400, error: /boardTitle.*80/ },
    { name: 'a title that is not a string', body: JSON.stringify({ title: 5 }), status: 400, error: /title/ },
    { name: 'an invalid language', body: JSON.stringify({ language: 'Norsk!' }), status: 400, error: /language/ },
    { name: 'an unknown field', body: JSON.stringify({ owner: 'me' }), status: 400, error: /owner/ },
    { name: 'a body over 16 KB', body: JSON.stringify({ title: 'x'.repeat(17 * 1024) }), status: 413, error: /16384/ },
  ]
  for (const { name, body, status, error } of invalid) {
    it(`rejects ${name} with ${status} and a clear message`, async () => {
      const server = await resources.startServer({ dataDir: await resources.tempDir() })
      const result = await post(server.url, body)
      expect(result.status).toBe(status)
      expect(result.json.error).toMatch(error)
    })
  }

  it('answers 404 JSON for unknown workshops and unknown API routes', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir() })
    for (const route of ['/api/workshops/AAAAAAAAAAAAAAAAAAAAA', '/api/workshops/bad', '/api/nothing', '/api']) {
      const response = await fetch(`${server.url}${route}`)
      expect(response.status, route).toBe(404)
      expect(((await response.json()) as { error: string }).error).toBeTruthy()
    }
  })
})

describe('static files', () => {
  const phoneSource = 'console.log("phone")'.repeat(50)
  async function serverWithStatic() {
    const dataDir = await resources.tempDir()
    const staticDir = path.join(dataDir, 'dist')
    await fs.mkdir(path.join(staticDir, 'assets'), { recursive: true })
    await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Samskap</title>')
    await fs.writeFile(path.join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)')
    await fs.writeFile(path.join(dataDir, 'secret.txt'), 'do not serve')
    // As the build writes it: the file and its gzipped copy.
    await fs.writeFile(path.join(staticDir, 'assets', 'phone-abc123.js'), phoneSource)
    await fs.writeFile(path.join(staticDir, 'assets', 'phone-abc123.js.gz'), gzipSync(phoneSource))
    return { ...(await resources.startServer({ dataDir, staticDir })), staticDir }
  }

  it('serves files with content types and immutable caching for hashed assets', async () => {
    const server = await serverWithStatic()
    const index = await fetch(`${server.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(await index.text()).toContain('<title>Samskap</title>')
    const asset = await fetch(`${server.url}/assets/app-abc123.js`)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await asset.text()).toBe('console.log(1)')
  })

  it('falls back to index.html for client routes, never for /api, /sync or missing assets', async () => {
    const server = await serverWithStatic()
    const route = await fetch(`${server.url}/w/AAAAAAAAAAAAAAAAAAAAA`)
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<title>Samskap</title>')
    expect((await fetch(`${server.url}/assets/missing-123.js`)).status).toBe(404)
    const api = await fetch(`${server.url}/api/whatever`)
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toMatch(/^application\/json/)
    const sync = await fetch(`${server.url}/sync/AAAAAAAAAAAAAAAAAAAAA`)
    expect(sync.status).toBe(426)
    expect(await sync.text()).not.toContain('<title>')
  })

  it('sends the phone route the phone page’s own copy of index.html when the build wrote one', async () => {
    const server = await serverWithStatic()
    const text = async (pathname: string) => (await fetch(`${server.url}${pathname}`)).text()
    // Without phone.html (an older build) the phone route gets index.html like every route.
    expect(await text('/w/AAAAAAAAAAAAAAAAAAAAA/phone')).toBe('<!doctype html><title>Samskap</title>')
    await fs.writeFile(path.join(server.staticDir, 'phone.html'), '<!doctype html><title>Samskap</title><link rel="modulepreload" href="/assets/phone-abc123.js">')
    for (const phone of ['/w/AAAAAAAAAAAAAAAAAAAAA/phone', '/w/AAAAAAAAAAAAAAAAAAAAA/phone/']) expect(await text(phone), phone).toContain('modulepreload')
    // Only that route: the board, the capture page and look-alike paths keep index.html.
    for (const other of ['/', '/w/AAAAAAAAAAAAAAAAAAAAA', '/w/AAAAAAAAAAAAAAAAAAAAA/capture', '/w/AAAAAAAAAAAAAAAAAAAAA/phone/x', '/w/phone', '/join/ABC123']) {
      expect(await text(other), other).toBe('<!doctype html><title>Samskap</title>')
    }
  })

  it('sends the gzipped copy the build wrote to a browser that accepts it, and only then', async () => {
    const server = await serverWithStatic()
    const source = phoneSource
    const gzipped = await rawGet(server.url, '/assets/phone-abc123.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gzipped.headers['vary']).toBe('accept-encoding')
    expect(gzipped.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(Number(gzipped.headers['content-length'])).toBe(gzipSync(source).length)
    expect(gunzipSync(gzipped.raw).toString()).toBe(source)
    for (const accept of [undefined, 'br', 'gzip;q=0', 'identity']) {
      const plain = await rawGet(server.url, '/assets/phone-abc123.js', accept ? { 'accept-encoding': accept } : {})
      expect(plain.headers['content-encoding'], String(accept)).toBeUndefined()
      expect(plain.body, String(accept)).toBe(source)
    }
    // fetch decompresses by itself: what the browser sees is the file.
    expect(await (await fetch(`${server.url}/assets/phone-abc123.js`)).text()).toBe(source)
    // No gzipped copy: the file as it is.
    const other = await rawGet(server.url, '/assets/app-abc123.js', { 'accept-encoding': 'gzip' })
    expect(other.headers['content-encoding']).toBeUndefined()
    expect(other.body).toBe('console.log(1)')
  })

  it('does not serve files outside the static directory', async () => {
    const server = await serverWithStatic()
    for (const attempt of ['/../secret.txt', '/..%2fsecret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt']) {
      const result = await rawGet(server.url, attempt)
      expect(result.body, attempt).not.toContain('do not serve')
    }
  })
})
