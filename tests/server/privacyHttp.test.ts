import fs from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { contentSecurityPolicy, websocketOrigin } from '../../server/http/securityHeaders'
import { TestResources } from './helpers'

const resources = new TestResources()
afterEach(() => resources.dispose())

/** The policy as directive -> sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  )
}

describe('security headers', () => {
  it('every answer (a page, a client route, an asset, the API, a 404) forbids other origins', async () => {
    const dataDir = await resources.tempDir()
    const staticDir = path.join(dataDir, 'dist')
    await fs.mkdir(path.join(staticDir, 'assets'), { recursive: true })
    await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Samskap</title>')
    await fs.writeFile(path.join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)')
    const server = await resources.startServer({ dataDir, staticDir })

    for (const address of ['/', '/privacy', '/w/abc/phone', '/assets/app-abc123.js', '/healthz', '/api/nothing', '/assets/missing.js']) {
      const response = await fetch(`${server.url}${address}`)
      const policy = response.headers.get('content-security-policy')
      expect(policy, address).not.toBeNull()
      const csp = directives(policy!)
      expect(csp.get('default-src'), address).toEqual(["'self'"])
      expect(csp.get('script-src'), address).toEqual(["'self'"])
      expect(csp.get('style-src'), address).toEqual(["'self'"])
      expect(csp.get('img-src'), address).toEqual(["'self'", 'data:', 'blob:'])
      expect(csp.get('object-src'), address).toEqual(["'none'"])
      // The websocket goes to this very server, and nowhere else.
      expect(csp.get('connect-src'), address).toEqual(["'self'", `ws://${new URL(server.url).host}`])
      expect(policy, address).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
      expect(response.headers.get('referrer-policy'), address).toBe('no-referrer')
      expect(response.headers.get('x-content-type-options'), address).toBe('nosniff')
      expect(response.headers.get('permissions-policy'), address).toMatch(/(^|, )camera=\(self\)/)
      expect(response.headers.get('permissions-policy'), address).toMatch(/microphone=\(\)/)
      await response.arrayBuffer()
    }
  })

  it('names the public address from PUBLIC_URL behind a proxy', async () => {
    const server = await resources.startServer({ dataDir: await resources.tempDir(), publicUrl: 'https://samskap.kommune.no/' })
    const response = await fetch(`${server.url}/healthz`)
    expect(directives(response.headers.get('content-security-policy')!).get('connect-src')).toEqual(["'self'", 'wss://samskap.kommune.no'])
    await response.arrayBuffer()
  })

  it.each([
    ['http://localhost:8080', 'ws://localhost:8080'],
    ['https://Samskap.Kommune.no', 'wss://samskap.kommune.no'],
    ['http://[::1]:8080', 'ws://[::1]:8080'],
    // A Host header is the client's: anything that could break out of the header is left out.
    ['http://evil.example; script-src *', null],
    ['http://a b', null],
    ['ftp://host', null],
  ])('websocketOrigin(%j) is %j', (base, expected) => {
    expect(websocketOrigin(base)).toBe(expected)
    if (expected === null) expect(contentSecurityPolicy(base)).toMatch(/connect-src 'self'$/)
  })
})

describe('GET /api/privacy', () => {
  it('answers the operator’s settings, or none given with a year of retention', async () => {
    const plain = await resources.startServer({ dataDir: await resources.tempDir() })
    const none = await fetch(`${plain.url}/api/privacy`)
    expect(none.status).toBe(200)
    expect(await none.json()).toEqual({ controller: '', contact: '', retentionDays: 365 })

    const privacy = { controller: 'Bodø kommune', contact: 'personvernombud@bodo.kommune.no', retentionDays: 180 }
    const set = await resources.startServer({ dataDir: await resources.tempDir(), privacy })
    expect(await (await fetch(`${set.url}/api/privacy`)).json()).toEqual(privacy)
    const wrong = await fetch(`${set.url}/api/privacy`, { method: 'POST' })
    expect(wrong.status).toBe(405)
    expect(await wrong.json()).toEqual({ error: 'Only GET is supported here' })
  })
})
