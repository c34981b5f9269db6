import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createRequestContext } from '../http/requestContext'
import { safeReturnTo } from './authApi'
import { readCookies } from './cookies'
import { isSameOrigin } from './sameOrigin'

function request(headers: Record<string, string>): IncomingMessage {
  return { headers: { host: 'samskap.kommune.no', ...headers }, socket: {}, method: 'POST' } as unknown as IncomingMessage
}

describe('isSameOrigin', () => {
  const context = createRequestContext({ publicUrl: 'https://samskap.kommune.no' })
  it.each([
    ['Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }, true],
    ['Sec-Fetch-Site same-site (a sibling host)', { 'sec-fetch-site': 'same-site', origin: 'https://samskap.kommune.no' }, false],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, false],
    ['Origin of PUBLIC_URL', { origin: 'https://samskap.kommune.no' }, true],
    ['Origin of the Host over http (no TRUST_PROXY)', { origin: 'http://samskap.kommune.no' }, true],
    ['another Origin', { origin: 'https://evil.example' }, false],
    ['a sibling host', { origin: 'https://intranett.kommune.no' }, false],
    ['Origin null (sandboxed frame)', { origin: 'null' }, false],
    ['no browser headers at all (curl)', {}, true],
  ])('%s', (_what, headers, expected) => {
    expect(isSameOrigin(request(headers), context)).toBe(expected)
  })
})

describe('safeReturnTo', () => {
  it.each([
    ['/w/abc?board=1', '/w/abc?board=1'],
    ['/admin', '/admin'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/w/æ', '/'],
    [null, '/'],
  ])('%s → %s', (raw, expected) => {
    expect(safeReturnTo(raw)).toBe(expected)
  })
})

describe('readCookies', () => {
  it('reads the first of each name and skips malformed ones', () => {
    const cookies = readCookies({ headers: { cookie: 'a=1; samskap_session=x%2By; a=2; bad; c="q"; d=%E0%A4%A' } } as unknown as IncomingMessage)
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['samskap_session', 'x+y'],
      ['c', 'q'],
    ])
  })
})
