import { describe, expect, it } from 'vitest'
import { parseRoute, parseWorkshopLink, routeToUrl } from './route'

const id = 'V1StGXR8_Z5jdHi6B-myT'

describe('parseRoute', () => {
  it.each([
    ['/', '', { page: 'home' }],
    ['/nowhere', '', { page: 'home' }],
    ['/w/', '', { page: 'home' }],
    ['/w/short', '', { page: 'home' }],
    [`/w/${id}`, '', { page: 'workshop', workshopId: id, boardId: null }],
    [`/w/${id}/`, '?board=b1', { page: 'workshop', workshopId: id, boardId: 'b1' }],
    [`/w/${id}`, '?board=%3Cscript%3E', { page: 'workshop', workshopId: id, boardId: null }],
    [`/w/${id}/extra`, '', { page: 'home' }],
    ['/accessibility', '', { page: 'accessibility' }],
    ['/accessibility/', '?x=1', { page: 'accessibility' }],
    ['/admin', '', { page: 'admin' }],
    ['/admin/', '', { page: 'admin' }],
    ['/accessibility/more', '', { page: 'home' }],
    ['/privacy', '', { page: 'privacy' }],
    ['/privacy/', '', { page: 'privacy' }],
    ['/privacy/x', '', { page: 'home' }],
    [`/w/${id}/capture`, '', { page: 'capture', workshopId: id }],
    [`/w/${id}/capture/`, '?board=b1', { page: 'capture', workshopId: id }],
    ['/w/short/capture', '', { page: 'home' }],
    [`/w/${id}/capture/more`, '', { page: 'home' }],
    [`/w/${id}/phone`, '', { page: 'phone', workshopId: id }],
    [`/w/${id}/phone/`, '?token=abc', { page: 'phone', workshopId: id }],
    ['/w/short/phone', '', { page: 'home' }],
    [`/w/${id}/phone/more`, '', { page: 'home' }],
    [`/w/${id}/telefon`, '', { page: 'home' }],
    ['/join', '', { page: 'join', code: '' }],
    ['/join/', '', { page: 'join', code: '' }],
    ['/join/ABC234', '', { page: 'join', code: 'ABC234' }],
    ['/join/ABC234/', '', { page: 'join', code: 'ABC234' }],
    // As typed or as a QR reader encodes it: checked when joining, shown if wrong.
    ['/join/abc%20234', '', { page: 'join', code: 'abc 234' }],
    ['/join/ABC-234', '', { page: 'join', code: 'ABC-234' }],
    ['/join/%3Cscript%3E', '', { page: 'join', code: 'script' }],
    ['/join/%E0%A4%A', '', { page: 'join', code: '' }],
    ['/join/ABCDEFGHIJKLMNOPQRSTUVWXYZ', '', { page: 'join', code: 'ABCDEFGHIJKLMNOP' }],
    ['/join/ABC234/more', '', { page: 'home' }],
    ['/joined', '', { page: 'home' }],
  ] as const)('%s%s', (path, search, expected) => {
    expect(parseRoute(path, search)).toEqual(expected)
  })

  it('round-trips through routeToUrl', () => {
    const route = { page: 'workshop', workshopId: id, boardId: 'abc' } as const
    const url = new URL(routeToUrl(route), 'http://x')
    expect(parseRoute(url.pathname, url.search)).toEqual(route)
    expect(routeToUrl({ page: 'home' })).toBe('/')
    expect(routeToUrl({ page: 'accessibility' })).toBe('/accessibility')
    expect(routeToUrl({ page: 'privacy' })).toBe('/privacy')
    expect(routeToUrl({ page: 'admin' })).toBe('/admin')
    expect(routeToUrl({ page: 'capture', workshopId: id })).toBe(`/w/${id}/capture`)
  })

  it.each([
    { page: 'phone', workshopId: id },
    { page: 'join', code: '' },
    { page: 'join', code: 'ABC234' },
    { page: 'join', code: 'abc 234' },
  ] as const)('round-trips %j', (route) => {
    const url = new URL(routeToUrl(route), 'http://x')
    expect(parseRoute(url.pathname, url.search)).toEqual(route)
  })
})

describe('parseWorkshopLink', () => {
  it.each([
    [id, { page: 'workshop', workshopId: id, boardId: null }],
    [`  ${id}\n`, { page: 'workshop', workshopId: id, boardId: null }],
    [`https://samskap.kommune.no/w/${id}`, { page: 'workshop', workshopId: id, boardId: null }],
    [`http://localhost:5173/w/${id}?board=b2`, { page: 'workshop', workshopId: id, boardId: 'b2' }],
    [`/w/${id}`, { page: 'workshop', workshopId: id, boardId: null }],
    [`https://samskap.kommune.no/w/${id}/capture`, { page: 'capture', workshopId: id }],
    [`/w/${id}/capture/`, { page: 'capture', workshopId: id }],
    [`https://samskap.kommune.no/w/${id}/phone?token=x`, { page: 'phone', workshopId: id }],
    ['https://samskap.kommune.no/join/ABC234', null],
    [`https://samskap.kommune.no/w/${id}/capture/more`, null],
    ['https://samskap.kommune.no/w/short/capture', null],
    ['', null],
    ['hello there', null],
    ['https://example.com/', null],
  ] as const)('%j', (input, expected) => {
    expect(parseWorkshopLink(input)).toEqual(expected)
  })
})
