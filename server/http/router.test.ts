import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { HttpDeps, RouteHandler } from './HttpDeps'
import { createRouter, type Route } from './router'

/** A response that remembers its status and JSON body. */
function fakeResponse() {
  const answer = { status: 0, body: '' }
  const response = {
    writeHead: (status: number) => ((answer.status = status), response),
    end: (text?: string) => void (answer.body = text ?? ''),
  }
  return { response: response as unknown as ServerResponse, answer }
}

async function call(routes: readonly Route[], method: string, url: string) {
  const calls: string[] = []
  const fallback: RouteHandler = (_request, _response, _deps, [pathname]) => void calls.push(`fallback ${pathname}`)
  const { response, answer } = fakeResponse()
  await createRouter(routes, {} as HttpDeps, fallback)({ method, url } as IncomingMessage, response)
  return { calls, answer }
}

const record =
  (name: string, calls: string[]): RouteHandler =>
  (_request, _response, _deps, params) =>
    void calls.push(`${name} ${params.join(',')}`)

describe('createRouter', () => {
  const calls: string[] = []
  const routes: Route[] = [
    { path: '/api/things/special', POST: record('special', calls), wrongMethod: 'Use POST for the special one' },
    { path: /^\/api\/things\/([^/]+)$/, GET: record('thing', calls), POST: record('change', calls), wrongMethod: 'GET or POST' },
    { path: /^\/api(?:\/.*)?$/, ANY: record('api', calls) },
  ]

  it.each([
    ['GET', '/api/things/abc', 'thing abc'],
    ['HEAD', '/api/things/abc', 'thing abc'],
    ['POST', '/api/things/abc', 'change abc'],
    ['POST', '/api/things/special', 'special '],
    ['DELETE', '/api/other', 'api '],
    // Parameters are passed as they stand in the path; handlers decode what they use.
    ['GET', '/api/things/a%20b?x=1', 'thing a%20b'],
  ])('%s %s goes to the first route whose path matches: %s', async (method, url, expected) => {
    calls.length = 0
    await call(routes, method, url)
    expect(calls).toEqual([expected])
  })

  it('answers a method the matching route does not take with 405 and its message, without trying later routes', async () => {
    calls.length = 0
    const { answer } = await call(routes, 'GET', '/api/things/special')
    expect(answer.status).toBe(405)
    expect(JSON.parse(answer.body)).toEqual({ error: 'Use POST for the special one' })
    expect(calls).toEqual([])
  })

  it('hands what no route takes to the fallback with its path', async () => {
    const { calls: fallbackCalls } = await call(routes, 'GET', '/w/abc?token=x')
    expect(fallbackCalls).toEqual(['fallback /w/abc'])
  })
})
